-- Version 2: members, charter and the directory search.
-- Conventions as in version 1. A table whose CHECK changes is rebuilt by SQLite's procedure
-- (the migrator turns foreign keys off around the transaction and checks them before commit).

-- The binôme becomes a dated fact of the memberships (its one place; the atelier's two
-- columns go). A v1 porteur politique or collaborateur référent who was not a member of
-- the atelier becomes one, from the atelier's first known date, so nobody is lost.
INSERT INTO memberships (person_id, atelier_id, college, category, role, designation, joined_on)
SELECT a.porteur_politique_id, a.id, 'elus', 'elu_communautaire', 'membre', 'volontariat',
       coalesce(a.started_on, a.validated_on, a.proposed_on, a.planned_start, date('now'))
FROM ateliers a
WHERE a.porteur_politique_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM memberships m WHERE m.atelier_id = a.id AND m.person_id = a.porteur_politique_id);
INSERT INTO memberships (person_id, atelier_id, college, category, role, designation, joined_on)
SELECT a.collaborateur_referent_id, a.id, 'experts', 'collaborateur_agglomeration', 'membre',
       'direction_generale',
       coalesce(a.started_on, a.validated_on, a.proposed_on, a.planned_start, date('now'))
FROM ateliers a
WHERE a.collaborateur_referent_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM memberships m WHERE m.atelier_id = a.id AND m.person_id = a.collaborateur_referent_id);

-- Memberships: the collège is bound to the category (a category belongs to one collège; a
-- membership may name its collège alone); the organisation and commune the member
-- represents are recorded when the membership starts, so a past composition never changes;
-- « designation » may be unknown (imported members).
CREATE TABLE new_memberships (
    id                 INTEGER PRIMARY KEY,
    person_id          INTEGER NOT NULL REFERENCES people (id) ON DELETE RESTRICT,
    atelier_id         INTEGER NOT NULL REFERENCES ateliers (id) ON DELETE CASCADE,
    college            TEXT NOT NULL CHECK (college IN ('elus', 'experts', 'societe_civile')),
    category           TEXT CHECK (category IS NULL OR category IN ('elu_communautaire',
                       'elu_municipal', 'collaborateur_agglomeration', 'collaborateur_commune',
                       'partenaire', 'conseil_developpement', 'autre_organisation')),
    role               TEXT NOT NULL DEFAULT 'membre'
                       CHECK (role IN ('membre', 'comite_restreint', 'invite')),
    designation        TEXT CHECK (designation IS NULL OR designation IN ('volontariat', 'maire',
                       'dgs', 'direction_generale', 'sollicitation')),
    organisation_id    INTEGER REFERENCES organisations (id) ON DELETE RESTRICT,
    commune_id         INTEGER REFERENCES communes (id) ON DELETE RESTRICT,
    -- Member from joined_on (included) until left_on (excluded): "member at date D" is
    -- joined_on <= D AND (left_on IS NULL OR left_on > D).
    joined_on          TEXT NOT NULL,
    left_on            TEXT,
    presence_required  INTEGER NOT NULL DEFAULT 0 CHECK (presence_required IN (0, 1)),
    -- The member's place in the binôme porteur during this period, if any.
    binome             TEXT CHECK (binome IS NULL OR binome IN ('porteur_politique',
                       'collaborateur_referent')),
    CHECK (left_on IS NULL OR left_on > joined_on),
    CHECK (category IS NULL OR college = CASE
        WHEN category IN ('elu_communautaire', 'elu_municipal') THEN 'elus'
        WHEN category IN ('collaborateur_agglomeration', 'collaborateur_commune', 'partenaire')
            THEN 'experts'
        ELSE 'societe_civile' END)
) STRICT;

INSERT INTO new_memberships (id, person_id, atelier_id, college, category, role, designation,
                             organisation_id, commune_id, joined_on, left_on, presence_required,
                             binome)
SELECT m.id, m.person_id, m.atelier_id,
       CASE WHEN m.category IN ('elu_communautaire', 'elu_municipal') THEN 'elus'
            WHEN m.category IN ('collaborateur_agglomeration', 'collaborateur_commune',
                                'partenaire') THEN 'experts'
            ELSE 'societe_civile' END,
       m.category,
       CASE WHEN m.role IN ('porteur_politique', 'collaborateur_referent') THEN 'membre'
            ELSE m.role END,
       m.designation, p.organisation_id, p.commune_id, m.joined_on,
       -- v1 allowed a period that ends the day it starts: it now lasts that one day.
       CASE WHEN m.left_on = m.joined_on THEN date(m.left_on, '+1 day') ELSE m.left_on END,
       m.presence_required,
       -- The atelier named the binôme; v1 also wrote it as a role of the membership.
       CASE WHEN m.person_id = a.porteur_politique_id THEN 'porteur_politique'
            WHEN m.person_id = a.collaborateur_referent_id THEN 'collaborateur_referent'
            WHEN m.role IN ('porteur_politique', 'collaborateur_referent')
                 AND NOT EXISTS (SELECT 1 FROM memberships o WHERE o.atelier_id = m.atelier_id
                                 AND o.id <> m.id AND o.role = m.role AND o.id < m.id)
                 AND (CASE m.role WHEN 'porteur_politique' THEN a.porteur_politique_id
                                  ELSE a.collaborateur_referent_id END) IS NULL
                 THEN m.role END
FROM memberships m JOIN people p ON p.id = m.person_id JOIN ateliers a ON a.id = m.atelier_id;

DROP TABLE memberships;
ALTER TABLE new_memberships RENAME TO memberships;

-- The ateliers without the binôme's columns (rebuilt: they are foreign keys).
CREATE TABLE new_ateliers (
    id                         INTEGER PRIMARY KEY,
    code                       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (code <> ''),
    title                      TEXT NOT NULL CHECK (title <> ''),
    kind                       TEXT NOT NULL CHECK (kind IN ('faisabilite', 'mise_en_oeuvre',
                               'permanent', 'autre_instance')),
    -- The rules of composition do not apply (e.g. the permanent Finances atelier).
    exempt_from_composition    INTEGER NOT NULL DEFAULT 0
                               CHECK (exempt_from_composition IN (0, 1)),
    status                     TEXT NOT NULL DEFAULT 'propose'
                               CHECK (status IN ('propose', 'valide', 'en_cours', 'clos')),
    proposed_on                TEXT,
    validated_on               TEXT,
    started_on                 TEXT,
    closed_on                  TEXT,
    political_mandate          TEXT NOT NULL DEFAULT '',
    scope                      TEXT NOT NULL DEFAULT '',
    negotiable                 TEXT NOT NULL DEFAULT '',
    non_negotiable             TEXT NOT NULL DEFAULT '',
    objectives                 TEXT NOT NULL DEFAULT '',
    planned_start              TEXT,
    planned_end                TEXT,
    CHECK (planned_end IS NULL OR planned_start IS NULL OR planned_end >= planned_start)
) STRICT;
INSERT INTO new_ateliers (id, code, title, kind, exempt_from_composition, status, proposed_on,
                          validated_on, started_on, closed_on, political_mandate, scope,
                          negotiable, non_negotiable, objectives, planned_start, planned_end)
SELECT id, code, title, kind, exempt_from_composition, status, proposed_on, validated_on,
       started_on, closed_on, political_mandate, scope, negotiable, non_negotiable, objectives,
       planned_start, planned_end
FROM ateliers;
DROP TABLE ateliers;
ALTER TABLE new_ateliers RENAME TO ateliers;
CREATE INDEX memberships_by_atelier ON memberships (atelier_id, joined_on);
CREATE INDEX memberships_by_person ON memberships (person_id, atelier_id, joined_on);

-- No two periods of the same person in the same atelier overlap, and one place of the
-- binôme is held by one member at a time (the store says it in French first; these keep
-- any other writer honest).
CREATE TRIGGER memberships_no_overlap_on_insert BEFORE INSERT ON memberships
WHEN EXISTS (SELECT 1 FROM memberships o
             WHERE o.person_id = NEW.person_id AND o.atelier_id = NEW.atelier_id
               AND o.joined_on < coalesce(NEW.left_on, '9999-12-31')
               AND NEW.joined_on < coalesce(o.left_on, '9999-12-31'))
BEGIN
    SELECT RAISE(ABORT, 'memberships: overlapping periods');
END;
CREATE TRIGGER memberships_no_overlap_on_update BEFORE UPDATE ON memberships
WHEN EXISTS (SELECT 1 FROM memberships o
             WHERE o.id <> NEW.id
               AND o.person_id = NEW.person_id AND o.atelier_id = NEW.atelier_id
               AND o.joined_on < coalesce(NEW.left_on, '9999-12-31')
               AND NEW.joined_on < coalesce(o.left_on, '9999-12-31'))
BEGIN
    SELECT RAISE(ABORT, 'memberships: overlapping periods');
END;
CREATE TRIGGER memberships_one_binome_on_insert BEFORE INSERT ON memberships
WHEN NEW.binome IS NOT NULL AND EXISTS (
    SELECT 1 FROM memberships o
    WHERE o.atelier_id = NEW.atelier_id AND o.binome = NEW.binome
      AND o.joined_on < coalesce(NEW.left_on, '9999-12-31')
      AND NEW.joined_on < coalesce(o.left_on, '9999-12-31'))
BEGIN
    SELECT RAISE(ABORT, 'memberships: two holders of one place of the binôme');
END;
CREATE TRIGGER memberships_one_binome_on_update BEFORE UPDATE ON memberships
WHEN NEW.binome IS NOT NULL AND EXISTS (
    SELECT 1 FROM memberships o
    WHERE o.id <> NEW.id AND o.atelier_id = NEW.atelier_id AND o.binome = NEW.binome
      AND o.joined_on < coalesce(NEW.left_on, '9999-12-31')
      AND NEW.joined_on < coalesce(o.left_on, '9999-12-31'))
BEGIN
    SELECT RAISE(ABORT, 'memberships: two holders of one place of the binôme');
END;

-- Charter: exactly one current version (the store always moves the mark, never removes it).
ALTER TABLE charter_versions ADD COLUMN is_current INTEGER NOT NULL DEFAULT 0
    CHECK (is_current IN (0, 1));
UPDATE charter_versions SET is_current = 1
WHERE version = (SELECT max(version) FROM charter_versions);
CREATE UNIQUE INDEX charter_versions_one_current ON charter_versions (is_current)
    WHERE is_current = 1;

-- A signature made « en séance » may name the meeting.
ALTER TABLE signatures ADD COLUMN meeting_id INTEGER REFERENCES meetings (id) ON DELETE SET NULL
    CHECK (meeting_id IS NULL OR mode = 'en_seance');
CREATE INDEX signatures_by_version ON signatures (charter_version_id, person_id);

-- Directory search: FTS5, accent-insensitive; ligatures (œ, æ, ß) folded here because the
-- tokenizer does not. The indexed text is one view, kept current by triggers.
CREATE VIEW people_search_text (id, name, place, contact) AS
SELECT p.id,
       replace(replace(replace(replace(replace(p.first_name || ' ' || p.last_name,
           'œ', 'oe'), 'Œ', 'OE'), 'æ', 'ae'), 'Æ', 'AE'), 'ß', 'ss'),
       replace(replace(replace(replace(replace(
           coalesce(c.name, '') || ' ' || coalesce(o.name, '') || ' ' || p.function,
           'œ', 'oe'), 'Œ', 'OE'), 'æ', 'ae'), 'Æ', 'AE'), 'ß', 'ss'),
       p.email || ' ' || p.phone
FROM people p
LEFT JOIN communes c ON c.id = p.commune_id
LEFT JOIN organisations o ON o.id = p.organisation_id;

CREATE VIRTUAL TABLE people_search USING fts5 (
    name, place, contact,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO people_search (rowid, name, place, contact) SELECT * FROM people_search_text;

CREATE TRIGGER people_search_on_insert AFTER INSERT ON people BEGIN
    INSERT INTO people_search (rowid, name, place, contact)
    SELECT * FROM people_search_text WHERE id = NEW.id;
END;
CREATE TRIGGER people_search_on_update AFTER UPDATE ON people BEGIN
    DELETE FROM people_search WHERE rowid = OLD.id;
    INSERT INTO people_search (rowid, name, place, contact)
    SELECT * FROM people_search_text WHERE id = NEW.id;
END;
CREATE TRIGGER people_search_on_delete AFTER DELETE ON people BEGIN
    DELETE FROM people_search WHERE rowid = OLD.id;
END;
CREATE TRIGGER people_search_on_commune_rename AFTER UPDATE OF name ON communes BEGIN
    DELETE FROM people_search WHERE rowid IN (SELECT id FROM people WHERE commune_id = NEW.id);
    INSERT INTO people_search (rowid, name, place, contact)
    SELECT t.* FROM people_search_text t JOIN people p ON p.id = t.id WHERE p.commune_id = NEW.id;
END;
CREATE TRIGGER people_search_on_organisation_rename AFTER UPDATE OF name ON organisations BEGIN
    DELETE FROM people_search WHERE rowid IN (SELECT id FROM people WHERE organisation_id = NEW.id);
    INSERT INTO people_search (rowid, name, place, contact)
    SELECT t.* FROM people_search_text t JOIN people p ON p.id = t.id WHERE p.organisation_id = NEW.id;
END;
