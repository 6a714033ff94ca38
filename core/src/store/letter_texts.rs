//! The versions of the convocation's wording: each save adds one (an unchanged wording adds
//! none); the latest is the one the letters use; none saved, the application's own.

use rusqlite::{params, Connection, OptionalExtension};

use super::Store;
use crate::error::Result;
use crate::model::letter_text::{LetterText, LetterTextInput, LetterTextVersion};

impl Store {
    /// The wording the letters use now.
    pub fn current_letter_text(&self) -> Result<LetterTextVersion> {
        current(&self.conn)
    }

    /// Every saved version, the latest first, then the application's own wording.
    pub fn letter_text_versions(&self) -> Result<Vec<LetterTextVersion>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, subject, body, saved_at, row_number() OVER (ORDER BY id)
             FROM letter_texts WHERE kind = 'convocation' ORDER BY id DESC",
        )?;
        let mut versions: Vec<LetterTextVersion> =
            stmt.query_map([], version)?.collect::<rusqlite::Result<_>>()?;
        versions.push(shipped());
        Ok(versions)
    }

    /// The meeting a wording is previewed with: the next one that has people convoked, else
    /// the latest such one; none when no meeting has anybody convoked.
    pub fn sample_meeting(&self) -> Result<Option<i64>> {
        let now = self.stamp();
        Ok(self
            .conn
            .query_row(
                "SELECT m.id FROM meetings m
                 WHERE m.status <> 'annulee' AND EXISTS (SELECT 1 FROM convoked c WHERE c.meeting_id = m.id)
                 ORDER BY m.starts_utc < ?1, CASE WHEN m.starts_utc >= ?1 THEN m.starts_utc END, m.starts_utc DESC
                 LIMIT 1",
                [now],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Checks `input` and makes it the current wording, as a new version unless it is the
    /// current one already; returns the current version.
    pub fn save_letter_text(&mut self, input: LetterTextInput) -> Result<LetterTextVersion> {
        let text = input.check()?;
        let stamp = self.stamp();
        self.write(|tx| {
            if current(tx)?.text != text {
                tx.execute(
                    "INSERT INTO letter_texts (kind, subject, body, saved_at) VALUES ('convocation', ?1, ?2, ?3)",
                    params![text.subject, text.body, stamp],
                )?;
            }
            current(tx)
        })
    }
}

fn current(conn: &Connection) -> Result<LetterTextVersion> {
    let latest = conn
        .query_row(
            "SELECT id, subject, body, saved_at,
                    (SELECT count(*) FROM letter_texts WHERE kind = 'convocation')
             FROM letter_texts WHERE kind = 'convocation' ORDER BY id DESC LIMIT 1",
            [],
            version,
        )
        .optional()?;
    Ok(latest.unwrap_or_else(shipped))
}

fn version(r: &rusqlite::Row<'_>) -> rusqlite::Result<LetterTextVersion> {
    Ok(LetterTextVersion {
        id: Some(r.get(0)?),
        text: LetterText { subject: r.get(1)?, body: r.get(2)? },
        saved_at: Some(r.get(3)?),
        number: r.get(4)?,
    })
}

/// The application's own wording, version 0.
fn shipped() -> LetterTextVersion {
    LetterTextVersion { id: None, number: 0, text: LetterText::default(), saved_at: None }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_changed_wording_is_a_new_version_and_the_latest_is_used() {
        let (mut store, _) = crate::store::testing::base_with_atelier();
        assert_eq!(store.current_letter_text().unwrap().number, 0);
        let input = |subject: &str| LetterTextInput {
            subject: subject.into(),
            body: "Bonjour {appellation}.".into(),
        };
        assert_eq!(store.save_letter_text(input("Réunion {date}")).unwrap().number, 1);
        assert_eq!(
            store.save_letter_text(input("Réunion {date}")).unwrap().number,
            1,
            "unchanged: no new version"
        );
        let second = store.save_letter_text(input("Séance du {date}")).unwrap();
        assert_eq!((second.number, second.text.subject.as_str()), (2, "Séance du {date}"));
        let versions = store.letter_text_versions().unwrap();
        let numbers: Vec<i64> = versions.iter().map(|v| v.number).collect();
        assert_eq!(numbers, [2, 1, 0]);
        assert!(store.save_letter_text(input("{inconnu}")).is_err());
        assert_eq!(store.current_letter_text().unwrap(), second, "a refused wording changes nothing");
    }
}
