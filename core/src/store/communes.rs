//! The communes' list filled from a file of communes with their INSEE codes (INSEE's code
//! officiel géographique, or a sheet typed by hand: [`read_communes`]).

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::path::Path;

use rusqlite::params;
use serde::Serialize;

use super::import::ImportOutcome;
use super::Store;
use crate::error::{Error, Result};
use crate::fr;
use crate::spreadsheet::communes::{read_communes, CommunesSheet};
use crate::text::key;

/// What an import of communes did, and why each rejected row was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommunesImported {
    /// New communes; communes already in the base (same INSEE code, or the same name
    /// without a code, which then takes the file's); rows rejected.
    #[serde(flatten)]
    pub outcome: ImportOutcome,
    /// In French, one a rejected row, naming its line.
    pub rejections: Vec<String>,
    /// Rows of INSEE's file that are not communes (communes déléguées, associées,
    /// arrondissements municipaux), left out.
    pub other_kinds: usize,
}

impl CommunesImported {
    /// « 34 968 communes ajoutées, 12 déjà connues, 1 ligne refusée. »
    pub fn message(&self) -> String {
        let ImportOutcome { imported, matched, rejected } = self.outcome;
        format!(
            "{} ajoutée{}, {} déjà connue{}, {} refusée{}.",
            fr::count(imported, "commune", "communes"),
            if imported > 1 { "s" } else { "" },
            matched,
            if matched > 1 { "s" } else { "" },
            fr::count(rejected, "ligne", "lignes"),
            if rejected > 1 { "s" } else { "" },
        )
    }

    /// What was left of INSEE's file that is not a commune, when something was.
    pub fn other_kinds_note(&self) -> Option<String> {
        let (lines, are, left) = match self.other_kinds {
            0 => return None,
            1 => ("1 ligne".to_string(), "n'est pas une commune", "laissée"),
            n => (format!("{n} lignes"), "ne sont pas des communes", "laissées"),
        };
        Some(format!(
            "{lines} du fichier de l'INSEE {are} (communes déléguées ou associées, \
             arrondissements municipaux) : {left} de côté."
        ))
    }
}

impl Store {
    /// Imports the communes of `file` in one transaction: a commune whose INSEE code is in
    /// the base already is matched and left as it is; a commune of the base without a code
    /// takes the file's when the file has its name once (accents and case aside); the others
    /// are added. Rows without a name or a valid code, or whose code an earlier row had, are
    /// rejected and counted; the valid rows are imported all the same.
    pub fn import_communes(&mut self, file: &Path) -> Result<CommunesImported> {
        let bytes = std::fs::read(file).map_err(|e| Error::io(file, e))?;
        let sheet =
            read_communes(&bytes).map_err(|reason| Error::NotATable { path: file.to_path_buf(), reason })?;
        self.write(|tx| import(tx, &sheet))
    }
}

fn import(tx: &rusqlite::Transaction<'_>, sheet: &CommunesSheet) -> Result<CommunesImported> {
    let mut by_code: HashMap<String, i64> = HashMap::new();
    let mut without_code: HashMap<String, Vec<i64>> = HashMap::new();
    let mut stmt = tx.prepare("SELECT id, name, insee_code FROM communes ORDER BY id")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let (id, name): (i64, String) = (row.get(0)?, row.get(1)?);
        match row.get::<_, Option<String>>(2)? {
            Some(code) => {
                by_code.insert(code, id);
            }
            None => without_code.entry(key(&name)).or_default().push(id),
        }
    }
    // A name the file has more than once (Saint-Louis in the Haut-Rhin and in Moselle) does
    // not say which commune of the base it is.
    let mut in_file: HashMap<String, usize> = HashMap::new();
    for candidate in sheet.rows.iter().filter_map(|row| row.parsed.as_ref().ok()) {
        *in_file.entry(key(&candidate.name)).or_default() += 1;
    }
    let mut insert = tx.prepare("INSERT INTO communes (name, insee_code) VALUES (?1, ?2) RETURNING id")?;
    let mut set_code = tx.prepare("UPDATE communes SET insee_code = ?2 WHERE id = ?1")?;
    let mut first_line: HashMap<&str, usize> = HashMap::new();
    let mut done = CommunesImported {
        outcome: ImportOutcome { imported: 0, matched: 0, rejected: 0 },
        rejections: Vec::new(),
        other_kinds: sheet.other_kinds,
    };
    for row in &sheet.rows {
        let candidate = match &row.parsed {
            Ok(candidate) => candidate,
            Err(reason) => {
                done.outcome.rejected += 1;
                done.rejections.push(reason.clone());
                continue;
            }
        };
        let code = candidate.insee_code.as_str();
        match first_line.entry(code) {
            Entry::Occupied(first) => {
                done.outcome.rejected += 1;
                done.rejections.push(format!(
                    "Ligne {} : le code INSEE {code} de « {} » est déjà celui de la ligne {}",
                    row.line,
                    candidate.name,
                    first.get()
                ));
                continue;
            }
            Entry::Vacant(first) => {
                first.insert(row.line);
            }
        }
        if by_code.contains_key(code) {
            done.outcome.matched += 1;
            continue;
        }
        let name = key(&candidate.name);
        let unnamed = without_code.get_mut(&name).filter(|_| in_file.get(&name) == Some(&1));
        if let Some(id) = unnamed.and_then(|ids| (!ids.is_empty()).then(|| ids.remove(0))) {
            set_code.execute(params![id, code])?;
            by_code.insert(code.to_string(), id);
            done.outcome.matched += 1;
            continue;
        }
        let id: i64 = insert.query_row(params![candidate.name, code], |r| r.get(0))?;
        by_code.insert(code.to_string(), id);
        done.outcome.imported += 1;
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn import_text(store: &mut Store, text: &str) -> CommunesImported {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("communes.csv");
        std::fs::write(&file, text).unwrap();
        store.import_communes(&file).unwrap()
    }

    fn communes(store: &Store) -> Vec<(String, Option<String>)> {
        let mut stmt = store.conn.prepare("SELECT name, insee_code FROM communes ORDER BY id").unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<rusqlite::Result<_>>().unwrap()
    }

    #[test]
    fn communes_are_added_matched_by_code_or_by_a_name_the_file_has_once_and_bad_rows_counted() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .conn
            .execute_batch(
                "INSERT INTO communes (name) VALUES ('MULHOUSE'), ('Saint-Louis');
                 INSERT INTO communes (name, insee_code) VALUES ('Illzach', '68154');",
            )
            .unwrap();
        let text = "TYPECOM,COM,LIBELLE\n\
                    COM,68224,Mulhouse\n\
                    COM,68154,Illzach\n\
                    COM,68297,Saint-Louis\n\
                    COM,57619,Saint-Louis\n\
                    COMD,68301,Steinsoultz\n\
                    COM,68224,Mulhouse encore\n\
                    COM,6X000,Nulle-Part\n";
        let done = import_text(&mut store, text);
        assert_eq!(done.outcome, ImportOutcome { imported: 2, matched: 2, rejected: 2 });
        assert_eq!(done.other_kinds, 1);
        assert_eq!(done.message(), "2 communes ajoutées, 2 déjà connues, 2 lignes refusées.");
        assert!(done
            .other_kinds_note()
            .unwrap()
            .starts_with("1 ligne du fichier de l'INSEE n'est pas une commune"));
        assert_eq!(
            done.rejections[0],
            "Ligne 7 : le code INSEE 68224 de « Mulhouse encore » est déjà celui de la ligne 2"
        );
        assert!(done.rejections[1].starts_with("Ligne 8 : « 6X000 » n'est pas un code INSEE"));
        assert_eq!(
            communes(&store),
            [
                ("MULHOUSE".into(), Some("68224".into())),
                ("Saint-Louis".into(), None),
                ("Illzach".into(), Some("68154".into())),
                ("Saint-Louis".into(), Some("68297".into())),
                ("Saint-Louis".into(), Some("57619".into())),
            ],
            "a name the file has twice does not say which commune it is"
        );
        let again = import_text(&mut store, text);
        assert_eq!(
            again.outcome,
            ImportOutcome { imported: 0, matched: 4, rejected: 2 },
            "imported twice, added once"
        );
    }

    #[test]
    fn a_file_that_is_not_a_list_of_communes_writes_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("population.csv");
        std::fs::write(&file, "Nom;Population\nMulhouse;108000\n").unwrap();
        let err = store.import_communes(&file).unwrap_err();
        assert!(err.to_string().contains("code INSEE"), "{err}");
        assert!(communes(&store).is_empty());
    }
}
