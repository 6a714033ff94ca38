//! A list of communes with their INSEE codes: INSEE's own file (the « code officiel
//! géographique », `v_commune_AAAA.csv`: `TYPECOM,COM,…,LIBELLE,…`), or a sheet typed by hand
//! with a name column and a code column. Nothing here touches the base.
//!
//! ```
//! use ateliers::spreadsheet::communes::read_communes;
//!
//! let sheet = read_communes(
//!     "TYPECOM,COM,REG,DEP,CTCD,ARR,TNCC,NCC,NCCENR,LIBELLE,CAN,COMPARENT\n\
//!      COM,68224,44,68,68D,684,0,MULHOUSE,Mulhouse,Mulhouse,6899,\n\
//!      COMD,68301,44,68,68D,682,0,STEINSOULTZ,Steinsoultz,Steinsoultz,,68240\n"
//!         .as_bytes(),
//! )?;
//! assert_eq!(sheet.rows[0].parsed.as_ref().map(|c| c.insee_code.as_str()), Ok("68224"));
//! assert_eq!((sheet.rows.len(), sheet.other_kinds), (1, 1), "communes déléguées are left out");
//! # Ok::<(), String>(())
//! ```

use serde::Serialize;

use super::read::read_table;
use crate::text::key;

/// A list of communes read from a CSV file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommunesSheet {
    /// The encoding the file was read in.
    pub encoding: &'static str,
    /// The rows of communes, in order, blank rows left out.
    pub rows: Vec<CommuneRow>,
    /// The rows of INSEE's file that are not communes (communes déléguées or associées,
    /// arrondissements municipaux): left out, counted.
    pub other_kinds: usize,
}

/// One row: the commune, or what is wrong with it (in French, naming the line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommuneRow {
    /// The row number the spreadsheet shows.
    pub line: usize,
    pub parsed: Result<CommuneCandidate, String>,
}

/// A commune read from a valid row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommuneCandidate {
    /// As written (INSEE's LIBELLE, with its article: « L'Abergement-Clémenciat »).
    pub name: String,
    /// Five characters: the department (two digits, or 2A and 2B for Corsica; 97x for the
    /// overseas departments) and the commune.
    pub insee_code: String,
}

/// The headers accepted for the name, best first (INSEE's LIBELLE has the article and the
/// accents, NCCENR the accents, NCC neither).
const NAME_HEADERS: [&str; 8] =
    ["libelle", "commune", "nom", "nomcommune", "libellecommune", "nomdelacommune", "nccenr", "ncc"];
/// The headers accepted for the INSEE code.
const CODE_HEADERS: [&str; 8] =
    ["com", "codeinsee", "insee", "codecommune", "codegeo", "depcom", "codeofficiel", "codegeographique"];

/// Reads a list of communes from the bytes of a CSV file (see [`read_table`]): a column of
/// names and a column of INSEE codes, recognised by their headers without regard to case or
/// accents (`LIBELLE` or `Commune` or `Nom`…, `COM` or `Code INSEE`…). With INSEE's `TYPECOM`
/// column, only the rows `COM` (communes) are read. The `Err` says in French why the file
/// cannot be used.
pub fn read_communes(bytes: &[u8]) -> Result<CommunesSheet, String> {
    let table = read_table(bytes)?;
    let headers: Vec<String> = table.header.cells.iter().map(|h| key(h)).collect();
    let find = |names: &[&str]| names.iter().find_map(|name| headers.iter().position(|h| h == name));
    let (Some(name_at), Some(code_at)) = (find(&NAME_HEADERS), find(&CODE_HEADERS)) else {
        return Err(
            "les colonnes du nom de la commune (« Commune », « Nom » ou « LIBELLE ») et de son code INSEE \
             (« Code INSEE » ou « COM ») sont obligatoires"
                .into(),
        );
    };
    let kind_at = headers.iter().position(|h| h == "typecom");
    let mut rows = Vec::with_capacity(table.rows.len());
    let mut other_kinds = 0;
    for row in &table.rows {
        let cell = |at: usize| row.cells.get(at).map_or("", |c| c.trim());
        if kind_at.is_some_and(|at| cell(at) != "COM") {
            other_kinds += 1;
            continue;
        }
        // Bytes of another encoding matter in the name only (a code with them is no code;
        // the columns not read are no matter).
        let unreadable = row.invalid.iter().any(|invalid| invalid.column == name_at);
        rows.push(CommuneRow {
            line: row.line,
            parsed: check(row.line, cell(name_at), cell(code_at), unreadable),
        });
    }
    Ok(CommunesSheet { encoding: table.encoding, rows, other_kinds })
}

/// The commune of a row, or what is wrong with it.
fn check(line: usize, name: &str, code: &str, unreadable: bool) -> Result<CommuneCandidate, String> {
    if unreadable {
        return Err(format!(
            "Ligne {line} : des caractères du nom « {name} » viennent d'un autre encodage que le reste du \
             fichier ; retapez-les"
        ));
    }
    if name.is_empty() {
        return Err(format!("Ligne {line} : le nom de la commune est vide"));
    }
    // Excel drops the leading zero of the codes of departments 01 to 09 (« 1001 »).
    let code = if code.len() == 4 && code.bytes().all(|b| b.is_ascii_digit()) {
        format!("0{code}")
    } else {
        code.to_uppercase()
    };
    if !is_insee_code(&code) {
        return Err(format!(
            "Ligne {line} : « {code} » n'est pas un code INSEE de commune (cinq caractères, comme 68224 ou 2A004) pour « {name} »"
        ));
    }
    Ok(CommuneCandidate { name: name.to_string(), insee_code: code })
}

/// Five digits, or 2A and 2B then three digits (Corsica).
pub fn is_insee_code(code: &str) -> bool {
    let bytes = code.as_bytes();
    bytes.len() == 5
        && (bytes[..2].iter().all(u8::is_ascii_digit) || matches!(&bytes[..2], b"2A" | b"2B"))
        && bytes[2..].iter().all(u8::is_ascii_digit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(sheet: &CommunesSheet) -> Vec<Result<(String, String), String>> {
        sheet.rows.iter().map(|r| r.parsed.clone().map(|c| (c.name, c.insee_code))).collect()
    }

    #[test]
    fn insee_s_file_gives_its_communes_with_their_article_and_leaves_the_rest_out() {
        let text = "TYPECOM,COM,REG,DEP,CTCD,ARR,TNCC,NCC,NCCENR,LIBELLE,CAN,COMPARENT\r\n\
                    COM,01001,84,01,01D,012,5,ABERGEMENT CLEMENCIAT,Abergement-Clémenciat,L'Abergement-Clémenciat,0108,\r\n\
                    COM,2A004,94,2A,2AD,2A1,0,AJACCIO,Ajaccio,Ajaccio,2A98,\r\n\
                    COMD,01015,84,01,01D,011,1,ARBIGNIEU,Arbignieu,Arbignieu,,01015\r\n\
                    ARM,13201,93,13,13D,133,0,MARSEILLE 1ER ARRONDISSEMENT,Marseille 1er Arrondissement,Marseille 1er Arrondissement,,13055\r\n\
                    COM,68297,44,68,68D,684,0,SAINT LOUIS,Saint-Louis,Saint-Louis,6817,\r\n\
                    COM,57619,44,57,57D,575,0,SAINT LOUIS,Saint-Louis,Saint-Louis,5713,\r\n\
                    COM,9999,44,68,68D,684,0,,Nulle-Part,Nulle-Part,,\r\n";
        let sheet = read_communes(text.as_bytes()).unwrap();
        assert_eq!(sheet.other_kinds, 2);
        assert_eq!(
            names(&sheet)[..4],
            [
                Ok(("L'Abergement-Clémenciat".into(), "01001".into())),
                Ok(("Ajaccio".into(), "2A004".into())),
                Ok(("Saint-Louis".into(), "68297".into())),
                Ok(("Saint-Louis".into(), "57619".into())),
            ]
        );
        assert_eq!(
            sheet.rows[4].parsed,
            Ok(CommuneCandidate { name: "Nulle-Part".into(), insee_code: "09999".into() })
        );
    }

    #[test]
    fn a_sheet_typed_by_hand_is_read_and_its_bad_rows_say_why() {
        let text = "Commune;Code INSEE\nMulhouse;68224\nIllzach;6816\n;68375\nRiedisheim;abc\n";
        let sheet = read_communes(text.as_bytes()).unwrap();
        assert_eq!(sheet.other_kinds, 0);
        assert_eq!(sheet.rows[0].parsed.as_ref().map(|c| c.insee_code.as_str()), Ok("68224"));
        assert_eq!(
            sheet.rows[1].parsed.as_ref().map(|c| c.insee_code.as_str()),
            Ok("06816"),
            "Excel's lost zero"
        );
        assert_eq!(sheet.rows[2].parsed, Err("Ligne 4 : le nom de la commune est vide".into()));
        assert!(sheet.rows[3].parsed.as_ref().unwrap_err().contains("« ABC » n'est pas un code INSEE"));
        let err = read_communes("Nom;Population\nMulhouse;108000\n".as_bytes()).unwrap_err();
        assert!(err.contains("sont obligatoires"), "{err}");
    }

    #[test]
    fn insee_codes_are_five_characters_corsica_included() {
        for good in ["68224", "2A004", "2B033", "97411", "01001"] {
            assert!(is_insee_code(good), "{good}");
        }
        for bad in ["6822", "682245", "2C004", "2a004", "68 24", "AB123", ""] {
            assert!(!is_insee_code(bad), "{bad}");
        }
    }

    #[test]
    fn a_stray_byte_refuses_its_row_only_when_it_is_in_the_name() {
        // A file in UTF-8 (its accents say so) with a few bytes pasted from another encoding.
        let mut bytes = "Commune;Code INSEE;Remarque\nÉbersheim;67114;née à Sélestat\nMulhouse;68224;"
            .as_bytes()
            .to_vec();
        bytes.extend_from_slice(b"r\xe9f\n");
        bytes.extend_from_slice(b"Ill\xe9zach;68154;\n");
        bytes.extend_from_slice("Sainte-Hélène;88412;\n".as_bytes());
        let sheet = read_communes(&bytes).unwrap();
        assert_eq!(sheet.encoding, "UTF-8");
        assert_eq!(
            sheet.rows[1].parsed.as_ref().map(|c| c.name.as_str()),
            Ok("Mulhouse"),
            "a column not read"
        );
        assert!(sheet.rows[2].parsed.as_ref().unwrap_err().starts_with("Ligne 4 : des caractères du nom"));
        assert!(sheet.rows[0].parsed.is_ok() && sheet.rows[3].parsed.is_ok());
    }
}
