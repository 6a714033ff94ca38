//! Writing a CSV file that French Excel opens directly, with a double click.
//!
//! ```
//! use ateliers::spreadsheet::write::write_csv;
//!
//! let bytes = write_csv(&["Nom", "Note"], &[vec!["Dupont".into(), "=1+1".into()]]);
//! assert_eq!(bytes, "\u{feff}Nom;Note\r\nDupont;'=1+1\r\n".as_bytes());
//! ```

/// The UTF-8 byte order mark, without which Excel reads the file as Windows-1252.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The bytes of a CSV file French Excel opens as a table: UTF-8 with a byte order mark, `;`
/// between cells (the list separator of French Windows), CRLF after each row, cells quoted
/// only when they must be (a `;`, a quote or a line break inside). Rows may have any length.
///
/// Cells are guarded against formula injection (see [`guard_formula`]): a cell that Excel
/// would run as a formula is written with a `'` in front, which
/// [`super::read::read_table`] removes again.
pub fn write_csv(headers: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    let mut bytes = BOM.to_vec();
    // Writing into memory cannot fail: there is no I/O, and rows of any length are
    // accepted (flexible), so the writer has no error to report.
    let _ = write_records(&mut bytes, headers, rows);
    bytes
}

/// Writes the header row then the rows into `bytes`.
fn write_records(bytes: &mut Vec<u8>, headers: &[&str], rows: &[Vec<String>]) -> csv::Result<()> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .flexible(true)
        .from_writer(bytes);
    write_guarded(&mut writer, headers.iter().copied())?;
    for row in rows {
        write_guarded(&mut writer, row.iter().map(String::as_str))?;
    }
    writer.flush()?;
    Ok(())
}

/// Writes one row, each cell through [`guard_formula`].
fn write_guarded<'a, W: std::io::Write>(
    writer: &mut csv::Writer<W>,
    cells: impl Iterator<Item = &'a str>,
) -> csv::Result<()> {
    let guarded: Vec<_> = cells.map(guard_formula).collect();
    writer.write_record(guarded.iter().map(|cell| cell.as_bytes()))
}

/// `cell` as written in the file: with a `'` in front when a spreadsheet would take it for a
/// formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return), so that a name
/// or a note like `=HYPERLINK(…)` or `@SOMME(…)` typed by someone stays text.
///
/// Our choice: a cell made only of a sign then digits, spaces, `.`, `,`, `-` and
/// parentheses is written as is — a negative number (`-12`, `-1 250,50`) or an international
/// phone number (`+33 3 89 12 34 56`, `+33 (0)3 89 …`). Such a cell cannot name a function,
/// a cell or a program (all need letters or `|`, `!`), so at worst Excel computes a number
/// from it, and a `'` in front would spoil numbers and phone numbers for everyone else.
pub fn guard_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_number_or_phone(cell) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// A sign then only digits, spaces, `.`, `,`, `-` and parentheses, with at least one digit.
fn is_number_or_phone(cell: &str) -> bool {
    let Some(rest) = cell.strip_prefix(['+', '-']) else { return false };
    rest.chars().any(|c| c.is_ascii_digit())
        && rest.chars().all(|c| {
            c.is_ascii_digit() || matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '.' | ',' | '-' | '(' | ')')
        })
}

#[cfg(test)]
mod tests {
    use super::super::read::read_table;
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|cell| cell.to_string()).collect()
    }

    #[test]
    fn writes_bom_semicolons_and_crlf() {
        let bytes = write_csv(&["Prénom", "Nom"], &[row(&["Hélène", "Dupont"]), row(&["Jean", "Martin"])]);
        assert_eq!(bytes, "\u{feff}Prénom;Nom\r\nHélène;Dupont\r\nJean;Martin\r\n".as_bytes());
    }

    #[test]
    fn quotes_only_when_needed() {
        let bytes = write_csv(&["A", "B", "C", "D"], &[row(&["x;y", "dit \"oui\"", "deux\nlignes", "a,b"])]);
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(text, "\u{feff}A;B;C;D\r\n\"x;y\";\"dit \"\"oui\"\"\";\"deux\nlignes\";a,b\r\n");
    }

    #[test]
    fn rows_of_any_length_and_empty_rows() {
        let bytes = write_csv(&["A", "B"], &[row(&["1"]), row(&["1", "2", "3"])]);
        assert_eq!(bytes, "\u{feff}A;B\r\n1\r\n1;2;3\r\n".as_bytes());
        assert_eq!(write_csv(&["A", "B"], &[]), "\u{feff}A;B\r\n".as_bytes());
    }

    #[test]
    fn formula_like_cells_are_guarded() {
        for (cell, written) in [
            ("=1+1", "'=1+1"),
            ("=HYPERLINK(\"http://x\";\"clic\")", "'=HYPERLINK(\"http://x\";\"clic\")"),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
            ("@SOMME(A1:A9)", "'@SOMME(A1:A9)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("- à revoir", "'- à revoir"),
            ("-", "'-"),
            ("+", "'+"),
            ("-A1", "'-A1"),
        ] {
            assert_eq!(guard_formula(cell), written, "{cell}");
        }
    }

    #[test]
    fn numbers_and_phone_numbers_are_left_alone() {
        for cell in [
            "-12",
            "-1 250,50",
            "+3.5",
            "+33 3 89 12 34 56",
            "+33 (0)3 89 12 34 56",
            "+33-3-89-12-34-56",
            "+33\u{a0}3\u{a0}89",
            "Dupont",
            "03 89 12 34 56",
            "jean@mairie.fr",
            "",
            "a=b",
        ] {
            assert_eq!(guard_formula(cell), cell, "{cell}");
        }
    }

    #[test]
    fn guarded_cells_are_quoted_in_the_file_when_needed() {
        let bytes = write_csv(&["A"], &[row(&["=1;2"])]);
        assert_eq!(bytes, "\u{feff}A\r\n\"'=1;2\"\r\n".as_bytes());
    }

    #[test]
    fn round_trip_through_read_table() {
        let headers = ["Prénom", "Nom", "Note", "Téléphone", "Formule"];
        let rows = vec![
            row(&["Hélène", "Dupont-Meyer", "dit \"oui\"; puis\r\nnon", "+33 3 89 12 34 56", "=1+1"]),
            row(&["Œdipe", "L'Hôte", "a,b", "-12", "@x"]),
            row(&["Jean", "Martin", "", "", "- à revoir"]),
        ];
        let table = read_table(&write_csv(&headers, &rows)).unwrap();
        assert_eq!((table.encoding, table.separator), ("UTF-8", b';'));
        assert_eq!(table.header.cells, headers);
        assert_eq!(table.rows.iter().map(|row| row.cells.clone()).collect::<Vec<_>>(), rows);
        assert_eq!(table.rows.iter().map(|row| row.line).collect::<Vec<_>>(), [2, 3, 4]);
    }
}
