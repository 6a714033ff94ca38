-- Version 6: communes of the same name are told apart by their INSEE code. INSEE's code
-- officiel géographique has hundreds of names that several communes share (Saint-Martin,
-- Sainte-Colombe, Saint-Louis…): the name is no longer unique; the INSEE code is, when it
-- is known. A code typed twice in an earlier version stays with the first commune only.
-- Indexes let the list of communes and organisations count what names each.
--
-- The table is rebuilt (SQLite cannot drop a UNIQUE constraint). `legacy_alter_table` keeps
-- the rename from checking the search view and its triggers while `communes` is briefly
-- gone; they name the table, which exists again afterwards. The trigger on the table
-- itself goes with it and is written again.
PRAGMA legacy_alter_table = ON;

CREATE TABLE communes_new (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (name <> ''),
    insee_code  TEXT UNIQUE CHECK (insee_code IS NULL OR insee_code <> '')
) STRICT;

INSERT INTO communes_new (id, name, insee_code)
SELECT c.id, c.name,
       CASE WHEN trim(coalesce(c.insee_code, '')) <> ''
                 AND c.id = (SELECT min(d.id) FROM communes d
                             WHERE trim(d.insee_code) = trim(c.insee_code))
            THEN trim(c.insee_code) END
FROM communes c;

DROP TABLE communes;
ALTER TABLE communes_new RENAME TO communes;
CREATE INDEX communes_by_name ON communes (name);

-- What names a commune or an organisation, found without reading every person and
-- membership (the list of communes counts them; a merge moves them).
CREATE INDEX people_by_commune ON people (commune_id);
CREATE INDEX people_by_organisation ON people (organisation_id);
CREATE INDEX memberships_by_commune ON memberships (commune_id);
CREATE INDEX memberships_by_organisation ON memberships (organisation_id);
CREATE INDEX atelier_communes_by_commune ON atelier_communes (commune_id);

CREATE TRIGGER people_search_on_commune_rename AFTER UPDATE OF name ON communes BEGIN
    DELETE FROM people_search WHERE rowid IN (SELECT id FROM people WHERE commune_id = NEW.id);
    INSERT INTO people_search (rowid, name, place, contact)
    SELECT t.* FROM people_search_text t JOIN people p ON p.id = t.id WHERE p.commune_id = NEW.id;
END;

PRAGMA legacy_alter_table = OFF;
