-- Version 9 (issue 22): series of meetings, milestones done, an atelier's outcome, and the
-- search over relevés.

-- A series of meetings planned at once from a rule (RFC 5545 RRULE, as typed). Each meeting
-- of the series is an ordinary meeting with its own UID; the series only ties them so that
-- one and all that follow can be moved or cancelled together.
CREATE TABLE meeting_series (
    id          INTEGER PRIMARY KEY,
    atelier_id  INTEGER NOT NULL REFERENCES ateliers (id) ON DELETE CASCADE,
    rule        TEXT NOT NULL CHECK (rule <> '')
) STRICT;
ALTER TABLE meetings ADD COLUMN series_id INTEGER REFERENCES meeting_series (id) ON DELETE SET NULL;
CREATE INDEX meetings_by_series ON meetings (series_id, starts_utc) WHERE series_id IS NOT NULL;

-- The day a milestone of the calendrier prévisionnel was done.
ALTER TABLE milestones ADD COLUMN done_on TEXT;

-- What a closed atelier came to (seed 000: « aboutir à des propositions concrètes »).
ALTER TABLE ateliers ADD COLUMN outcome_proposals TEXT NOT NULL DEFAULT '';
ALTER TABLE ateliers ADD COLUMN outcome_follow_up TEXT NOT NULL DEFAULT '';

-- Search over every relevé: its sections, decisions and actions, accent-insensitive;
-- ligatures (œ, æ, ß) folded here because the tokenizer does not. One row per relevé, its
-- rowid the relevé's, kept current by triggers.
CREATE VIEW releve_search_text (id, sections, decisions, actions) AS
SELECT r.id,
       replace(replace(replace(replace(replace(
           r.objectives || char(10) || r.method || char(10) || r.synthesis || char(10)
           || r.questions || char(10) || r.next_points || char(10) || r.next_meeting_note,
           'œ', 'oe'), 'Œ', 'OE'), 'æ', 'ae'), 'Æ', 'AE'), 'ß', 'ss'),
       replace(replace(replace(replace(replace(
           coalesce((SELECT group_concat(d.text, char(10)) FROM decisions d WHERE d.releve_id = r.id), ''),
           'œ', 'oe'), 'Œ', 'OE'), 'æ', 'ae'), 'Æ', 'AE'), 'ß', 'ss'),
       replace(replace(replace(replace(replace(
           coalesce((SELECT group_concat(a.text, char(10)) FROM actions a WHERE a.releve_id = r.id), ''),
           'œ', 'oe'), 'Œ', 'OE'), 'æ', 'ae'), 'Æ', 'AE'), 'ß', 'ss')
FROM releves r;

CREATE VIRTUAL TABLE releve_search USING fts5 (
    sections, decisions, actions,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO releve_search (rowid, sections, decisions, actions) SELECT * FROM releve_search_text;

CREATE TRIGGER releve_search_on_insert AFTER INSERT ON releves BEGIN
    INSERT INTO releve_search (rowid, sections, decisions, actions)
    SELECT * FROM releve_search_text WHERE id = NEW.id;
END;
CREATE TRIGGER releve_search_on_update AFTER UPDATE ON releves BEGIN
    DELETE FROM releve_search WHERE rowid = OLD.id;
    INSERT INTO releve_search (rowid, sections, decisions, actions)
    SELECT * FROM releve_search_text WHERE id = NEW.id;
END;
CREATE TRIGGER releve_search_on_delete AFTER DELETE ON releves BEGIN
    DELETE FROM releve_search WHERE rowid = OLD.id;
END;
CREATE TRIGGER releve_search_on_decision_insert AFTER INSERT ON decisions BEGIN
    DELETE FROM releve_search WHERE rowid = NEW.releve_id;
    INSERT INTO releve_search (rowid, sections, decisions, actions)
    SELECT * FROM releve_search_text WHERE id = NEW.releve_id;
END;
CREATE TRIGGER releve_search_on_decision_update AFTER UPDATE ON decisions BEGIN
    DELETE FROM releve_search WHERE rowid IN (OLD.releve_id, NEW.releve_id);
    INSERT INTO releve_search (rowid, sections, decisions, actions)
    SELECT * FROM releve_search_text WHERE id IN (OLD.releve_id, NEW.releve_id);
END;
CREATE TRIGGER releve_search_on_decision_delete AFTER DELETE ON decisions BEGIN
    DELETE FROM releve_search WHERE rowid = OLD.releve_id;
    INSERT INTO releve_search (rowid, sections, decisions, actions)
    SELECT * FROM releve_search_text WHERE id = OLD.releve_id;
END;
CREATE TRIGGER releve_search_on_action_insert AFTER INSERT ON actions BEGIN
    DELETE FROM releve_search WHERE rowid = NEW.releve_id;
    INSERT INTO releve_search (rowid, sections, decisions, actions)
    SELECT * FROM releve_search_text WHERE id = NEW.releve_id;
END;
CREATE TRIGGER releve_search_on_action_update AFTER UPDATE OF text, releve_id ON actions BEGIN
    DELETE FROM releve_search WHERE rowid IN (OLD.releve_id, NEW.releve_id);
    INSERT INTO releve_search (rowid, sections, decisions, actions)
    SELECT * FROM releve_search_text WHERE id IN (OLD.releve_id, NEW.releve_id);
END;
CREATE TRIGGER releve_search_on_action_delete AFTER DELETE ON actions BEGIN
    DELETE FROM releve_search WHERE rowid = OLD.releve_id;
    INSERT INTO releve_search (rowid, sections, decisions, actions)
    SELECT * FROM releve_search_text WHERE id = OLD.releve_id;
END;
