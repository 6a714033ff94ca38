-- Version 3, after its schema: every relevé already diffused or validated keeps that
-- version, frozen as JSON in the shape version 3 wrote (the sections, the decisions in
-- order, each action with its owner's name as « Mme Prénom Nom (note) »). Written in SQL
-- so that it never changes with the application's later code.
INSERT INTO releve_versions (releve_id, version, diffused_on, validated_at_meeting_id, validated_on, content)
SELECT r.id, r.version, r.diffused_on, r.validated_at_meeting_id, r.validated_on,
       json_object(
           'objectives', r.objectives,
           'method', r.method,
           'synthesis', r.synthesis,
           'decisions', json((SELECT json_group_array(d.text)
                         FROM (SELECT text FROM decisions WHERE releve_id = r.id ORDER BY position) d)),
           'actions', json((SELECT json_group_array(json(l.line)) FROM (
               SELECT json_object(
                          'text', a.text,
                          'owner_id', a.owner_id,
                          'owner', CASE
                              WHEN a.owner_id IS NULL THEN a.owner_note
                              WHEN a.owner_note = '' THEN trim(replace(
                                  coalesce(p.civility, '') || ' ' || coalesce(p.first_name, '') || ' ' || coalesce(p.last_name, ''),
                                  '  ', ' '))
                              ELSE trim(replace(
                                  coalesce(p.civility, '') || ' ' || coalesce(p.first_name, '') || ' ' || coalesce(p.last_name, ''),
                                  '  ', ' ')) || ' (' || a.owner_note || ')'
                          END,
                          'due_on', a.due_on,
                          'status', a.status) AS line
               FROM actions a LEFT JOIN people p ON p.id = a.owner_id
               WHERE a.releve_id = r.id ORDER BY a.position) l)),
           'questions', r.questions,
           'next_points', r.next_points,
           'next_meeting_on', r.next_meeting_on,
           'next_meeting_place', r.next_meeting_place,
           'next_meeting_note', r.next_meeting_note)
FROM releves r
WHERE r.status IN ('diffuse', 'valide') AND r.diffused_on IS NOT NULL
ON CONFLICT (releve_id, version) DO UPDATE SET
    diffused_on = excluded.diffused_on, validated_at_meeting_id = excluded.validated_at_meeting_id,
    validated_on = excluded.validated_on, content = excluded.content;
