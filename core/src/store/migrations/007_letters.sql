-- Version 7: letters sent by post (issue 21).
-- People have a postal address (up to four lines, a postcode, a town) and a salutation
-- (« Madame la Maire »; empty: derived from their civility and function).
ALTER TABLE people ADD COLUMN address_lines TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN postcode TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN town TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN salutation TEXT NOT NULL DEFAULT '';

-- The letters' signatory, and a scanned signature printed above the name.
ALTER TABLE settings ADD COLUMN signatory_name TEXT NOT NULL DEFAULT '';
ALTER TABLE settings ADD COLUMN signatory_function TEXT NOT NULL DEFAULT '';
ALTER TABLE settings ADD COLUMN signature_attachment_id INTEGER
    REFERENCES attachments (id) ON DELETE SET NULL;

-- Every version of the convocation's wording; the latest is used. No row: the wording
-- the application ships.
CREATE TABLE letter_texts (
    id        INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL CHECK (kind IN ('convocation')),
    subject   TEXT NOT NULL CHECK (subject <> ''),
    body      TEXT NOT NULL CHECK (body <> ''),
    saved_at  TEXT NOT NULL
) STRICT;

-- Whom each diffused version of a relevé was sent to, as written then.
-- An erased person's row keeps its place, without name nor address.
CREATE TABLE releve_recipients (
    id                 INTEGER PRIMARY KEY,
    releve_version_id  INTEGER NOT NULL REFERENCES releve_versions (id) ON DELETE CASCADE,
    person_id          INTEGER REFERENCES people (id) ON DELETE SET NULL,
    name               TEXT NOT NULL,
    email              TEXT NOT NULL,
    sent_at            TEXT NOT NULL
) STRICT;
CREATE INDEX releve_recipients_by_version ON releve_recipients (releve_version_id);
CREATE INDEX releve_recipients_by_person ON releve_recipients (person_id);
