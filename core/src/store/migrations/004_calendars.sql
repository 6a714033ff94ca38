-- Version 4: calendars of other bodies imported beside ours, and the shared calendar on a
-- CalDAV server (where it is, and what was last published there).

-- A calendar imported from a file; importing a file of the same name again updates it.
CREATE TABLE external_calendars (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    -- The file it was last imported from (its name only).
    source_file  TEXT NOT NULL,
    imported_at  TEXT NOT NULL
) STRICT;

-- Its events, read-only, as UTC instants 'YYYY-MM-DDTHH:MM:SSZ'.
CREATE TABLE external_events (
    id             INTEGER PRIMARY KEY,
    calendar_id    INTEGER NOT NULL REFERENCES external_calendars (id) ON DELETE CASCADE,
    uid            TEXT NOT NULL,
    recurrence_id  TEXT NOT NULL DEFAULT '',
    summary        TEXT NOT NULL,
    location       TEXT NOT NULL DEFAULT '',
    starts_utc     TEXT NOT NULL,
    ends_utc       TEXT NOT NULL CHECK (ends_utc >= starts_utc),
    all_day        INTEGER NOT NULL DEFAULT 0 CHECK (all_day IN (0, 1)),
    repeats        INTEGER NOT NULL DEFAULT 0 CHECK (repeats IN (0, 1)),
    UNIQUE (calendar_id, uid, recurrence_id)
) STRICT;
CREATE INDEX external_events_by_start ON external_events (starts_utc);

-- The CalDAV collection the meetings are published to, and its user. The password is in
-- the system's credential store, never here.
ALTER TABLE settings ADD COLUMN caldav_url TEXT NOT NULL DEFAULT '';
ALTER TABLE settings ADD COLUMN caldav_user TEXT NOT NULL DEFAULT '';

-- What each meeting's object on the server was when last published: its ETag (to update it
-- only if no one else changed it) and a digest of its content (to send only what changed).
CREATE TABLE caldav_objects (
    collection    TEXT NOT NULL,
    uid           TEXT NOT NULL,
    href          TEXT NOT NULL,
    etag          TEXT,
    digest        TEXT NOT NULL,
    -- What the object is, in words, to say what a publication removed.
    title         TEXT NOT NULL DEFAULT '',
    published_at  TEXT NOT NULL,
    PRIMARY KEY (collection, uid)
) STRICT;
