-- Version 8: who is convoked depends on the kind of meeting (issue 22). A séance convokes
-- the atelier's members at its date, as before; a petit groupe, a visite de site, a forum
-- or a rencontre bilatérale convokes the members chosen for it, listed here. Guests are
-- convoked by name, as before.
CREATE TABLE meeting_members (
    meeting_id  INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    PRIMARY KEY (meeting_id, person_id)
) STRICT;
CREATE INDEX meeting_members_by_person ON meeting_members (person_id);

-- The meetings of other kinds already in the base keep whom they convoked: every member
-- at their date.
INSERT INTO meeting_members (meeting_id, person_id)
SELECT DISTINCT mt.id, ms.person_id
FROM meetings mt JOIN memberships ms ON ms.atelier_id = mt.atelier_id
WHERE mt.kind <> 'seance'
  AND ms.joined_on <= substr(mt.starts_at, 1, 10)
  AND (ms.left_on IS NULL OR ms.left_on > substr(mt.starts_at, 1, 10));

-- Who is convoked to a meeting: the atelier's members at the meeting's (local) date — all
-- of them for a séance, those listed for another kind —, plus the guests convoked by name
-- who are not members then.
DROP VIEW convoked;
CREATE VIEW convoked (meeting_id, person_id, guest) AS
    SELECT mt.id, ms.person_id, 0
    FROM meetings mt JOIN memberships ms ON ms.atelier_id = mt.atelier_id
    WHERE ms.joined_on <= substr(mt.starts_at, 1, 10)
      AND (ms.left_on IS NULL OR ms.left_on > substr(mt.starts_at, 1, 10))
      AND (mt.kind = 'seance'
           OR EXISTS (SELECT 1 FROM meeting_members mm WHERE mm.meeting_id = mt.id AND mm.person_id = ms.person_id))
    UNION ALL
    SELECT cv.meeting_id, cv.person_id, 1 FROM convocations cv JOIN meetings mt ON mt.id = cv.meeting_id
    WHERE cv.guest = 1
      AND NOT EXISTS (SELECT 1 FROM memberships ms WHERE ms.atelier_id = mt.atelier_id AND ms.person_id = cv.person_id
                      AND ms.joined_on <= substr(mt.starts_at, 1, 10)
                      AND (ms.left_on IS NULL OR ms.left_on > substr(mt.starts_at, 1, 10)));
