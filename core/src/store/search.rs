//! The search over every relevé de décisions: its sections, decisions and actions, through
//! the FTS5 index `releve_search` (accents, case and ligatures aside), the most recent
//! meeting first, each with the excerpts where the words were found.

use rusqlite::params;
use serde::Serialize;

use super::meetings::{meeting_row, MEETING_COLUMNS, MEETING_COLUMN_COUNT as N};
use super::people::fts_query;
use super::Store;
use crate::error::Result;
use crate::model::meeting::MeetingSummary;
use crate::model::releve::ReleveStatus;

/// How many relevés one search returns at most (the total is counted apart).
pub const SEARCH_LIMIT: usize = 50;

/// What a search found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReleveSearch {
    /// How many relevés contain every word.
    pub total: usize,
    /// The first [`SEARCH_LIMIT`] of them, the most recent meeting first.
    pub found: Vec<ReleveFound>,
}

/// One relevé found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReleveFound {
    pub meeting: MeetingSummary,
    pub status: ReleveStatus,
    /// Where the words are: « Relevé » (its sections), « Décisions », « Actions ».
    pub excerpts: Vec<Excerpt>,
}

/// A passage of one part of a relevé around the words found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Excerpt {
    pub part: &'static str,
    /// The passage in pieces; `hit` marks a word searched.
    pub pieces: Vec<Piece>,
}

/// A piece of an excerpt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Piece {
    pub text: String,
    pub hit: bool,
}

/// The index's columns, in order, as the window names them.
const PARTS: [&str; 3] = ["Relevé", "Décisions", "Actions"];
/// The marks FTS5's `snippet()` puts around a word found (control characters no relevé holds).
const OPEN: char = '\u{2}';
const CLOSE: char = '\u{3}';

impl Store {
    /// The relevés whose sections, decisions or actions hold every word of `text` (each as
    /// the start of a word), the most recent meeting first; nothing for a text without a word.
    pub fn search_releves(&self, text: &str) -> Result<ReleveSearch> {
        let Some(query) = fts_query(text) else {
            return Ok(ReleveSearch { total: 0, found: Vec::new() });
        };
        let total: i64 = self.conn.query_row(
            "SELECT count(*) FROM releve_search WHERE releve_search MATCH ?1",
            [&query],
            |r| r.get(0),
        )?;
        let snippet = |column: usize| format!("snippet(releve_search, {column}, char(2), char(3), '…', 16)");
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {MEETING_COLUMNS}, r.status, {}, {}, {}
             FROM releve_search s JOIN releves r ON r.id = s.rowid
             JOIN meetings m ON m.id = r.meeting_id JOIN ateliers a ON a.id = m.atelier_id
             WHERE releve_search MATCH ?1
             ORDER BY m.starts_utc DESC, m.id DESC LIMIT ?2",
            snippet(0),
            snippet(1),
            snippet(2)
        ))?;
        let rows = stmt.query_map(params![query, SEARCH_LIMIT as i64], |r| {
            let mut excerpts = Vec::new();
            for (i, part) in PARTS.iter().enumerate() {
                let passage: String = r.get(N + 1 + i)?;
                if passage.contains(OPEN) {
                    excerpts.push(Excerpt { part, pieces: pieces(&passage) });
                }
            }
            Ok(ReleveFound { meeting: meeting_row(r)?, status: r.get(N)?, excerpts })
        })?;
        Ok(ReleveSearch { total: total as usize, found: rows.collect::<rusqlite::Result<_>>()? })
    }
}

/// A snippet cut at its marks into pieces, as it reads: the stars of bold and italics left
/// out, a bulleted item after « · », line breaks made spaces.
fn pieces(passage: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut hit = false;
    let mut current = String::new();
    let passage = passage.replace("\n- ", "\n· ").replace("\n• ", "\n· ").replace('*', "");
    for c in passage.chars() {
        match c {
            OPEN | CLOSE => {
                if !current.is_empty() {
                    out.push(Piece { text: std::mem::take(&mut current), hit });
                }
                hit = c == OPEN;
            }
            '\n' | '\r' => current.push(' '),
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        out.push(Piece { text: current, hit });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::releve::{ActionInput, ReleveInput};
    use crate::store::testing::{base_with_atelier, clock_at, plan};

    fn releve(store: &mut Store, meeting: i64, synthesis: &str, decisions: &[&str], actions: &[&str]) {
        let input = ReleveInput {
            synthesis: synthesis.into(),
            decisions: decisions.iter().map(|d| d.to_string()).collect(),
            actions: actions
                .iter()
                .map(|a| ActionInput { text: a.to_string(), ..ActionInput::default() })
                .collect(),
            ..ReleveInput::default()
        };
        store.save_releve(meeting, input).unwrap();
    }

    #[test]
    fn words_are_found_in_every_part_accents_case_and_ligatures_aside_the_latest_first() {
        let (mut store, a) = base_with_atelier();
        clock_at(&mut store, "2027-01-04", 9);
        let first = plan(&mut store, a, "05/01/2027", "18:00", "20:00");
        let second = plan(&mut store, a, "12/01/2027", "18:00", "20:00");
        clock_at(&mut store, "2027-01-20", 9);
        for m in [first.id, second.id] {
            store.mark_meeting_held(m).unwrap();
        }
        releve(
            &mut store,
            first.id,
            "Le cœur de ville et le stationnement vélo.",
            &["Étendre les pistes cyclables"],
            &[],
        );
        releve(&mut store, second.id, "Synthèse", &["Rien"], &["Chiffrer le stationnement des vélos"]);
        let found = store.search_releves("STATIONNEMENT velo").unwrap();
        assert_eq!(found.total, 2);
        assert_eq!(found.found[0].meeting.id, second.id, "the latest meeting first");
        assert_eq!(found.found[0].excerpts[0].part, "Actions");
        let hits: Vec<&str> =
            found.found[1].excerpts[0].pieces.iter().filter(|p| p.hit).map(|p| p.text.as_str()).collect();
        assert_eq!(hits, ["stationnement", "vélo"]);
        assert_eq!(store.search_releves("coeur").unwrap().total, 1, "œ is found as oe");
        assert_eq!(store.search_releves("cycl").unwrap().found[0].excerpts[0].part, "Décisions");
        assert_eq!(store.search_releves("piscine").unwrap().total, 0);
        assert_eq!(store.search_releves(" « » ; ").unwrap().total, 0, "no word, nothing searched");
        assert_eq!(store.search_releves("\"vélo\" - *").unwrap().total, 2, "quotes and signs are no syntax");
        // A correction re-indexes: the old words are gone.
        releve(&mut store, second.id, "Synthèse", &["Rien"], &["Autre chose"]);
        assert_eq!(store.search_releves("stationnement").unwrap().total, 1);
    }

    #[test]
    fn a_snippet_is_cut_into_pieces_at_its_marks() {
        let got = pieces("…le **\u{2}vélo\u{3}** et\nla \u{2}ville\u{3}\n- la *gare*");
        let texts: Vec<(&str, bool)> = got.iter().map(|p| (p.text.as_str(), p.hit)).collect();
        assert_eq!(
            texts,
            [("…le ", false), ("vélo", true), (" et la ", false), ("ville", true), (" · la gare", false)]
        );
    }
}
