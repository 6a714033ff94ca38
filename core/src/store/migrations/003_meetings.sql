-- Schema version 3: meetings and their records.
--
-- * A meeting keeps its IANA time zone (the settings' zone when it was created) beside its
--   local start and end, and the same two instants in UTC, which every comparison uses
--   (the core computes them through the zone; the migration's seed fills them for the
--   meetings already there). Changing the settings' zone never moves a meeting.
-- * A session number is unique per atelier; an atelier that has meetings cannot be
--   deleted (RESTRICT): nothing cascades away a meeting's attendance or relevé.
-- * Attendance knows « à distance » and « suppléé », who holds the proxy or replaces the
--   member (never oneself), and late arrivals and early departures.
-- * A convocation remembers the version of the meeting it announced (SEQUENCE, start,
--   place); a person who is not a member can be convoked as a guest.
-- * An agenda item may name the relevé it validates; presenters may be named in words.
-- * A relevé has a version number, a structured next meeting, and every version that was
--   diffused is kept, frozen, in releve_versions.
-- * Each change of an action's status is dated in action_status_changes.
-- Tables are rebuilt by SQLite's documented procedure (foreign keys off around the
-- transaction, foreign_key_check before commit).

ALTER TABLE settings ADD COLUMN convocation_notice_days INTEGER NOT NULL DEFAULT 5
    CHECK (convocation_notice_days BETWEEN 0 AND 90);

CREATE TABLE meetings_v3 (
    id              INTEGER PRIMARY KEY,
    atelier_id      INTEGER NOT NULL REFERENCES ateliers (id) ON DELETE RESTRICT,
    session_number  INTEGER CHECK (session_number IS NULL OR session_number >= 1),
    kind            TEXT NOT NULL DEFAULT 'seance' CHECK (kind IN ('seance', 'petit_groupe',
                    'visite_site', 'forum', 'rencontre_bilaterale')),
    title           TEXT NOT NULL DEFAULT '',
    -- IANA name of the zone of the local times below.
    time_zone       TEXT NOT NULL CHECK (time_zone <> ''),
    -- Local wall-clock 'YYYY-MM-DDTHH:MM:SS' in time_zone.
    starts_at       TEXT NOT NULL,
    ends_at         TEXT NOT NULL,
    -- The same instants in UTC 'YYYY-MM-DDTHH:MM:SSZ': what overlaps are computed on.
    starts_utc      TEXT NOT NULL,
    ends_utc        TEXT NOT NULL,
    place           TEXT NOT NULL DEFAULT '',
    address         TEXT NOT NULL DEFAULT '',
    video_link      TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT 'prevue' CHECK (status IN ('prevue', 'convoquee',
                    'tenue', 'reportee', 'annulee')),
    -- iCalendar identity: the UID never changes; SEQUENCE rises on each change of date,
    -- time or place, and on postponement or cancellation (RFC 5545 §3.8.7.4).
    ical_uid        TEXT NOT NULL UNIQUE,
    ical_sequence   INTEGER NOT NULL DEFAULT 0 CHECK (ical_sequence >= 0),
    notes           TEXT NOT NULL DEFAULT '',
    UNIQUE (atelier_id, session_number),
    CHECK (ends_utc > starts_utc)
) STRICT;

-- A session number used twice in one atelier (possible before v3) is kept on the first
-- meeting only; the seed then fills the UTC instants (placeholders until then).
INSERT INTO meetings_v3 (id, atelier_id, session_number, kind, title, time_zone, starts_at,
                         ends_at, starts_utc, ends_utc, place, address, video_link, status,
                         ical_uid, ical_sequence, notes)
SELECT m.id, m.atelier_id,
       CASE WHEN EXISTS (SELECT 1 FROM meetings o WHERE o.atelier_id = m.atelier_id
                         AND o.session_number = m.session_number AND o.id < m.id)
            THEN NULL ELSE m.session_number END,
       m.kind, m.title, (SELECT time_zone FROM settings WHERE id = 1), m.starts_at, m.ends_at,
       m.starts_at || 'Z', m.ends_at || 'Z', m.place, m.address, m.video_link, m.status,
       m.ical_uid, m.ical_sequence, m.notes
FROM meetings m;

DROP TABLE meetings;
ALTER TABLE meetings_v3 RENAME TO meetings;
CREATE INDEX meetings_by_start ON meetings (starts_utc);
CREATE INDEX meetings_by_atelier ON meetings (atelier_id, starts_utc);

CREATE TABLE attendance_v3 (
    id            INTEGER PRIMARY KEY,
    meeting_id    INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    person_id     INTEGER NOT NULL REFERENCES people (id) ON DELETE RESTRICT,
    status        TEXT NOT NULL CHECK (status IN ('present', 'distance', 'excuse', 'absent',
                  'represente', 'supplee')),
    -- Who holds the proxy (représenté) or sits in the member's place (suppléé).
    by_person_id  INTEGER REFERENCES people (id) ON DELETE SET NULL,
    arrived_late  INTEGER NOT NULL DEFAULT 0 CHECK (arrived_late IN (0, 1)),
    left_early    INTEGER NOT NULL DEFAULT 0 CHECK (left_early IN (0, 1)),
    UNIQUE (meeting_id, person_id),
    CHECK (by_person_id IS NULL OR status IN ('represente', 'supplee')),
    CHECK (by_person_id IS NULL OR by_person_id <> person_id),
    CHECK ((arrived_late = 0 AND left_early = 0) OR status IN ('present', 'distance'))
) STRICT;

INSERT INTO attendance_v3 (id, meeting_id, person_id, status, by_person_id)
SELECT id, meeting_id, person_id, status,
       CASE WHEN represented_by_id = person_id THEN NULL ELSE represented_by_id END
FROM attendance;

DROP TABLE attendance;
ALTER TABLE attendance_v3 RENAME TO attendance;
CREATE INDEX attendance_by_person ON attendance (person_id, meeting_id);

-- Convocations: guests, and the version of the meeting each one announced.
ALTER TABLE convocations ADD COLUMN guest INTEGER NOT NULL DEFAULT 0 CHECK (guest IN (0, 1));
ALTER TABLE convocations ADD COLUMN sent_sequence INTEGER CHECK (sent_sequence >= 0);
ALTER TABLE convocations ADD COLUMN sent_starts_at TEXT;
ALTER TABLE convocations ADD COLUMN sent_place TEXT;
-- Convocations sent before v3 announced the meeting as it stands.
UPDATE convocations SET sent_sequence = (SELECT ical_sequence FROM meetings m WHERE m.id = meeting_id),
                        sent_starts_at = (SELECT starts_at FROM meetings m WHERE m.id = meeting_id),
                        sent_place = (SELECT place FROM meetings m WHERE m.id = meeting_id)
WHERE sent_at IS NOT NULL;
CREATE INDEX convocations_by_person ON convocations (person_id);

-- Who is convoked to a meeting: the atelier's members at the meeting's (local) date, plus
-- the guests convoked by name who are not members then. UNION ALL (with that NOT EXISTS
-- instead of UNION's de-duplication) lets a filter on meeting_id reach both halves' indexes.
CREATE VIEW convoked (meeting_id, person_id, guest) AS
    SELECT mt.id, ms.person_id, 0
    FROM meetings mt JOIN memberships ms ON ms.atelier_id = mt.atelier_id
    WHERE ms.joined_on <= substr(mt.starts_at, 1, 10)
      AND (ms.left_on IS NULL OR ms.left_on > substr(mt.starts_at, 1, 10))
    UNION ALL
    SELECT cv.meeting_id, cv.person_id, 1 FROM convocations cv JOIN meetings mt ON mt.id = cv.meeting_id
    WHERE cv.guest = 1
      AND NOT EXISTS (SELECT 1 FROM memberships ms WHERE ms.atelier_id = mt.atelier_id AND ms.person_id = cv.person_id
                      AND ms.joined_on <= substr(mt.starts_at, 1, 10)
                      AND (ms.left_on IS NULL OR ms.left_on > substr(mt.starts_at, 1, 10)));

ALTER TABLE agenda_items ADD COLUMN releve_id INTEGER REFERENCES releves (id) ON DELETE SET NULL;
ALTER TABLE agenda_items ADD COLUMN presenter_note TEXT NOT NULL DEFAULT '';

ALTER TABLE releves ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE releves ADD COLUMN next_meeting_on TEXT;
ALTER TABLE releves ADD COLUMN next_meeting_place TEXT NOT NULL DEFAULT '';

-- Every diffused version of a relevé, frozen as JSON (sections, decisions, actions), with
-- its validation once it is validated.
CREATE TABLE releve_versions (
    id                       INTEGER PRIMARY KEY,
    releve_id                INTEGER NOT NULL REFERENCES releves (id) ON DELETE CASCADE,
    version                  INTEGER NOT NULL CHECK (version >= 1),
    diffused_on              TEXT NOT NULL,
    validated_at_meeting_id  INTEGER REFERENCES meetings (id) ON DELETE SET NULL,
    validated_on             TEXT,
    content                  TEXT NOT NULL CHECK (json_valid(content)),
    UNIQUE (releve_id, version)
) STRICT;

-- The date of each status an action took.
CREATE TABLE action_status_changes (
    id          INTEGER PRIMARY KEY,
    action_id   INTEGER NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
    status      TEXT NOT NULL CHECK (status IN ('a_faire', 'en_cours', 'faite', 'abandonnee')),
    changed_on  TEXT NOT NULL
) STRICT;
CREATE INDEX action_status_changes_by_action ON action_status_changes (action_id, id);

INSERT INTO action_status_changes (action_id, status, changed_on)
SELECT a.id, a.status, COALESCE(r.diffused_on, substr(m.starts_at, 1, 10))
FROM actions a JOIN releves r ON r.id = a.releve_id JOIN meetings m ON m.id = r.meeting_id;
