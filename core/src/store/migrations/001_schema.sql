-- Version 1: the whole data model of PRODUCT.md.
-- Conventions: STRICT tables, INTEGER PRIMARY KEY, NOT NULL unless a value may truly be
-- missing, CHECK for every enumeration, explicit ON DELETE. Dates are TEXT 'YYYY-MM-DD';
-- meeting times are local wall-clock TEXT 'YYYY-MM-DDTHH:MM:SS' in the settings' time zone;
-- record timestamps are UTC TEXT 'YYYY-MM-DDTHH:MM:SSZ'.

CREATE TABLE attachments (
    id             INTEGER PRIMARY KEY,
    original_name  TEXT NOT NULL,
    -- Path relative to the application's data folder: files are copied in, never referenced.
    stored_path    TEXT NOT NULL UNIQUE,
    media_type     TEXT NOT NULL,
    size_bytes     INTEGER NOT NULL CHECK (size_bytes >= 0),
    sha256         TEXT NOT NULL,
    added_at       TEXT NOT NULL
) STRICT;

CREATE TABLE settings (
    id                        INTEGER PRIMARY KEY CHECK (id = 1),
    org_name                  TEXT NOT NULL DEFAULT '',
    org_short_name            TEXT NOT NULL DEFAULT '',
    address                   TEXT NOT NULL DEFAULT '',
    logo_attachment_id        INTEGER REFERENCES attachments (id) ON DELETE SET NULL,
    default_place             TEXT NOT NULL DEFAULT '',
    organizer_email           TEXT NOT NULL DEFAULT '',
    time_zone                 TEXT NOT NULL DEFAULT 'Europe/Paris',
    attendance_threshold_pct  INTEGER NOT NULL DEFAULT 50
                              CHECK (attendance_threshold_pct BETWEEN 0 AND 100),
    consecutive_absences_max  INTEGER NOT NULL DEFAULT 3 CHECK (consecutive_absences_max >= 1),
    -- 1 once the first-start choice (demo data or empty) has been made.
    first_start_done          INTEGER NOT NULL DEFAULT 0 CHECK (first_start_done IN (0, 1))
) STRICT;
INSERT INTO settings (id) VALUES (1);

CREATE TABLE communes (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE CHECK (name <> ''),
    insee_code  TEXT
) STRICT;

CREATE TABLE organisations (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE CHECK (name <> ''),
    kind  TEXT NOT NULL CHECK (kind IN ('agglomeration', 'commune', 'etat', 'region',
          'departement', 'syndicat', 'chambre', 'satellite', 'bureau_etudes', 'association',
          'conseil_developpement', 'autre'))
) STRICT;

CREATE TABLE people (
    id               INTEGER PRIMARY KEY,
    civility         TEXT NOT NULL DEFAULT '' CHECK (civility IN ('', 'M.', 'Mme')),
    first_name       TEXT NOT NULL,
    last_name        TEXT NOT NULL CHECK (last_name <> ''),
    function         TEXT NOT NULL DEFAULT '',
    commune_id       INTEGER REFERENCES communes (id) ON DELETE SET NULL,
    organisation_id  INTEGER REFERENCES organisations (id) ON DELETE SET NULL,
    email            TEXT NOT NULL DEFAULT '',
    phone            TEXT NOT NULL DEFAULT '',
    notes            TEXT NOT NULL DEFAULT '',
    archived         INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    -- Set when the person was erased (anonymised) at their request; counts are kept.
    anonymised_at    TEXT
) STRICT;
CREATE INDEX people_by_name ON people (last_name, first_name);

CREATE TABLE ateliers (
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
    porteur_politique_id       INTEGER REFERENCES people (id) ON DELETE SET NULL,
    collaborateur_referent_id  INTEGER REFERENCES people (id) ON DELETE SET NULL,
    CHECK (planned_end IS NULL OR planned_start IS NULL OR planned_end >= planned_start)
) STRICT;

CREATE TABLE atelier_communes (
    atelier_id  INTEGER NOT NULL REFERENCES ateliers (id) ON DELETE CASCADE,
    commune_id  INTEGER NOT NULL REFERENCES communes (id) ON DELETE RESTRICT,
    PRIMARY KEY (atelier_id, commune_id)
) STRICT;

CREATE TABLE milestones (
    id          INTEGER PRIMARY KEY,
    atelier_id  INTEGER NOT NULL REFERENCES ateliers (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    label       TEXT NOT NULL CHECK (label <> ''),
    planned_on  TEXT,
    kind        TEXT NOT NULL CHECK (kind IN ('seance', 'forum', 'comite_impulsion', 'bureau',
                'conseil', 'autre')),
    UNIQUE (atelier_id, position)
) STRICT;

CREATE TABLE memberships (
    id                 INTEGER PRIMARY KEY,
    person_id          INTEGER NOT NULL REFERENCES people (id) ON DELETE RESTRICT,
    atelier_id         INTEGER NOT NULL REFERENCES ateliers (id) ON DELETE CASCADE,
    college            TEXT NOT NULL CHECK (college IN ('elus', 'experts', 'societe_civile')),
    category           TEXT NOT NULL CHECK (category IN ('elu_communautaire', 'elu_municipal',
                       'collaborateur_agglomeration', 'collaborateur_commune', 'partenaire',
                       'conseil_developpement', 'autre_organisation')),
    role               TEXT NOT NULL DEFAULT 'membre' CHECK (role IN ('porteur_politique',
                       'collaborateur_referent', 'comite_restreint', 'membre', 'invite')),
    designation        TEXT NOT NULL CHECK (designation IN ('volontariat', 'maire', 'dgs',
                       'direction_generale', 'sollicitation')),
    joined_on          TEXT NOT NULL,
    left_on            TEXT,
    presence_required  INTEGER NOT NULL DEFAULT 0 CHECK (presence_required IN (0, 1)),
    CHECK (left_on IS NULL OR left_on >= joined_on)
) STRICT;
CREATE INDEX memberships_by_atelier ON memberships (atelier_id);
CREATE INDEX memberships_by_person ON memberships (person_id);

CREATE TABLE charter_versions (
    id            INTEGER PRIMARY KEY,
    version       INTEGER NOT NULL UNIQUE CHECK (version >= 1),
    title         TEXT NOT NULL,
    body          TEXT NOT NULL,
    effective_on  TEXT NOT NULL
) STRICT;

CREATE TABLE signatures (
    id                  INTEGER PRIMARY KEY,
    person_id           INTEGER NOT NULL REFERENCES people (id) ON DELETE RESTRICT,
    charter_version_id  INTEGER NOT NULL REFERENCES charter_versions (id) ON DELETE RESTRICT,
    signed_on           TEXT NOT NULL,
    mode                TEXT NOT NULL CHECK (mode IN ('papier', 'en_seance', 'copie_numerisee')),
    attachment_id       INTEGER REFERENCES attachments (id) ON DELETE SET NULL,
    UNIQUE (person_id, charter_version_id)
) STRICT;

CREATE TABLE meetings (
    id              INTEGER PRIMARY KEY,
    atelier_id      INTEGER NOT NULL REFERENCES ateliers (id) ON DELETE CASCADE,
    session_number  INTEGER CHECK (session_number IS NULL OR session_number >= 1),
    kind            TEXT NOT NULL DEFAULT 'seance' CHECK (kind IN ('seance', 'petit_groupe',
                    'visite_site', 'forum', 'rencontre_bilaterale')),
    title           TEXT NOT NULL DEFAULT '',
    starts_at       TEXT NOT NULL,
    ends_at         TEXT NOT NULL,
    place           TEXT NOT NULL DEFAULT '',
    address         TEXT NOT NULL DEFAULT '',
    video_link      TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT 'prevue' CHECK (status IN ('prevue', 'convoquee',
                    'tenue', 'reportee', 'annulee')),
    -- iCalendar identity: the UID never changes; SEQUENCE rises on each change of time,
    -- place or status (RFC 5545 §3.8.7.4).
    ical_uid        TEXT NOT NULL UNIQUE,
    ical_sequence   INTEGER NOT NULL DEFAULT 0 CHECK (ical_sequence >= 0),
    notes           TEXT NOT NULL DEFAULT '',
    CHECK (ends_at > starts_at)
) STRICT;
CREATE INDEX meetings_by_start ON meetings (starts_at);
CREATE INDEX meetings_by_atelier ON meetings (atelier_id, starts_at);

CREATE TABLE agenda_items (
    id                INTEGER PRIMARY KEY,
    meeting_id        INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    position          INTEGER NOT NULL,
    title             TEXT NOT NULL CHECK (title <> ''),
    kind              TEXT NOT NULL CHECK (kind IN ('information', 'debat', 'decision',
                      'validation_releve')),
    presenter_id      INTEGER REFERENCES people (id) ON DELETE SET NULL,
    duration_minutes  INTEGER CHECK (duration_minutes IS NULL OR duration_minutes > 0),
    UNIQUE (meeting_id, position)
) STRICT;

CREATE TABLE meeting_documents (
    meeting_id     INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    attachment_id  INTEGER NOT NULL REFERENCES attachments (id) ON DELETE RESTRICT,
    position       INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, attachment_id)
) STRICT;

CREATE TABLE convocations (
    id          INTEGER PRIMARY KEY,
    meeting_id  INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES people (id) ON DELETE RESTRICT,
    sent_at     TEXT,
    channel     TEXT CHECK (channel IS NULL OR channel IN ('courriel', 'courrier',
                'remise_en_main_propre')),
    reply       TEXT NOT NULL DEFAULT 'sans_reponse' CHECK (reply IN ('sans_reponse',
                'accepte', 'decline', 'provisoire')),
    replied_at  TEXT,
    UNIQUE (meeting_id, person_id)
) STRICT;

CREATE TABLE attendance (
    id                 INTEGER PRIMARY KEY,
    meeting_id         INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    person_id          INTEGER NOT NULL REFERENCES people (id) ON DELETE RESTRICT,
    status             TEXT NOT NULL CHECK (status IN ('present', 'excuse', 'absent',
                       'represente')),
    represented_by_id  INTEGER REFERENCES people (id) ON DELETE SET NULL,
    UNIQUE (meeting_id, person_id),
    CHECK (represented_by_id IS NULL OR status = 'represente')
) STRICT;

CREATE TABLE meeting_guests (
    id            INTEGER PRIMARY KEY,
    meeting_id    INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    name          TEXT NOT NULL CHECK (name <> ''),
    function      TEXT NOT NULL DEFAULT '',
    organisation  TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE releves (
    id                       INTEGER PRIMARY KEY,
    meeting_id               INTEGER NOT NULL UNIQUE REFERENCES meetings (id) ON DELETE CASCADE,
    status                   TEXT NOT NULL DEFAULT 'brouillon'
                             CHECK (status IN ('brouillon', 'diffuse', 'valide')),
    objectives               TEXT NOT NULL DEFAULT '',
    method                   TEXT NOT NULL DEFAULT '',
    synthesis                TEXT NOT NULL DEFAULT '',
    questions                TEXT NOT NULL DEFAULT '',
    next_points              TEXT NOT NULL DEFAULT '',
    next_meeting_note        TEXT NOT NULL DEFAULT '',
    diffused_on              TEXT,
    validated_at_meeting_id  INTEGER REFERENCES meetings (id) ON DELETE SET NULL,
    validated_on             TEXT,
    CHECK (status <> 'valide' OR validated_on IS NOT NULL)
) STRICT;

CREATE TABLE decisions (
    id         INTEGER PRIMARY KEY,
    releve_id  INTEGER NOT NULL REFERENCES releves (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    text       TEXT NOT NULL CHECK (text <> ''),
    UNIQUE (releve_id, position)
) STRICT;

CREATE TABLE actions (
    id          INTEGER PRIMARY KEY,
    releve_id   INTEGER NOT NULL REFERENCES releves (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    text        TEXT NOT NULL CHECK (text <> ''),
    owner_id    INTEGER REFERENCES people (id) ON DELETE SET NULL,
    owner_note  TEXT NOT NULL DEFAULT '',
    due_on      TEXT,
    status      TEXT NOT NULL DEFAULT 'a_faire'
                CHECK (status IN ('a_faire', 'en_cours', 'faite', 'abandonnee')),
    UNIQUE (releve_id, position)
) STRICT;
