//! `ateliers search TEXTE [--json]`: the relevés whose sections, decisions or actions hold
//! every word, the most recent meeting first.

use std::path::Path;

use ateliers::fr;
use ateliers::store::{ReleveSearch, Store};

use super::{no_more, take_flag, Failure};

/// Prints one line per relevé (meeting number, atelier, date, meeting) and, indented, each
/// excerpt with the words found in [brackets]; `--json` prints the whole answer.
pub(super) fn search(db: &Path, mut args: Vec<String>) -> Result<(), Failure> {
    let json = take_flag(&mut args, "--json");
    // The words are the rest; an option left is a mistake, not a word.
    let options: Vec<String> = args.iter().filter(|a| a.starts_with("--")).cloned().collect();
    no_more(&options)?;
    let text = args.join(" ");
    if text.trim().is_empty() {
        return Err(Failure::Usage("que chercher ? ateliers search TEXTE [--json]".into()));
    }
    let store = Store::open(db)?;
    let answer = store.search_releves(&text)?;
    let out = if json { serde_json::to_string(&answer).unwrap_or_default() + "\n" } else { lines(&answer) };
    // A reader that stops early (`| head`) is not an error.
    let _ = std::io::Write::write_all(&mut std::io::stdout().lock(), out.as_bytes());
    if !json {
        let shown = answer.found.len();
        let more = if answer.total > shown {
            format!(" ; les {shown} plus récents sont listés")
        } else {
            String::new()
        };
        eprintln!(
            "{}",
            fr::typography(&format!(
                "{} « {} »{more}.",
                match answer.total {
                    0 => "Aucun relevé ne contient".to_string(),
                    1 => "1 relevé contient".to_string(),
                    n => format!("{n} relevés contiennent"),
                },
                text.trim()
            ))
        );
    }
    Ok(())
}

fn lines(answer: &ReleveSearch) -> String {
    let mut out = String::new();
    for found in &answer.found {
        let m = &found.meeting;
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\n",
            m.id,
            m.atelier,
            fr::long_date_time(m.start_local()),
            fr::capitalise(&m.describe())
        ));
        for excerpt in &found.excerpts {
            let text: String = excerpt
                .pieces
                .iter()
                .map(|p| if p.hit { format!("[{}]", p.text) } else { p.text.clone() })
                .collect();
            out.push_str(&format!("  {} : {}\n", excerpt.part, text.trim()));
        }
    }
    out
}
