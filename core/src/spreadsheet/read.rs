//! Reading a CSV file as French Excel and LibreOffice save it.
//!
//! ```
//! use ateliers::spreadsheet::read::read_table;
//!
//! let table = read_table(b"Nom;Pr\xe9nom\r\nDupont;H\xe9l\xe8ne\r\n")?;
//! assert_eq!(table.encoding, "Windows-1252");
//! assert_eq!(table.headers, ["Nom", "Prénom"]);
//! assert_eq!((table.rows[0].line, table.rows[0].cells[1].as_str()), (2, "Hélène"));
//! # Ok::<(), String>(())
//! ```

use std::borrow::Cow;

use encoding_rs::{UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// A table read from a CSV file: the header row, then the non-blank data rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The cells of the header row (the first non-blank row), trimmed.
    pub headers: Vec<String>,
    /// The data rows, blank rows left out.
    pub rows: Vec<Row>,
    /// The encoding the file was read in: "UTF-8" or "Windows-1252" (what Excel calls
    /// « CSV (séparateur : point-virgule) »), or "UTF-16LE"/"UTF-16BE" for the « Texte
    /// Unicode » of Excel, recognised by its byte order mark.
    pub encoding: &'static str,
    /// The separator found in the header row: `;`, `,` or a tab.
    pub separator: u8,
}

/// One data row of a [`Table`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The row number the spreadsheet shows (the header row is usually 1, the first data
    /// row 2). A quoted cell with line breaks inside does not add rows, and blank rows still
    /// count, so the number is the one the user sees beside the row.
    pub line: usize,
    /// The cells, trimmed, at least as many as the headers (missing cells are empty); cells
    /// beyond the headers are kept up to the last non-empty one.
    pub cells: Vec<String>,
}

/// Reads `bytes` as a CSV table, or says in French why they are not one (the caller wraps
/// the reason in [`crate::Error::NotATable`]).
///
/// - Encoding: a UTF-8 byte order mark is skipped; valid UTF-8 is read as UTF-8, anything
///   else as Windows-1252 (the « ANSI » of French Windows); a UTF-16 byte order mark selects
///   UTF-16.
/// - Separator: the most frequent of `;`, `,` and tab in the header row outside quotes, `;`
///   winning ties.
/// - Quoted cells may hold separators, doubled quotes and line breaks; CRLF and LF both end
///   a row. Cells are trimmed; a cell that [`super::write::write_csv`] guarded against
///   formula injection (`'=…`, `'+…`, `'-…`, `'@…`) gets its value back without the `'`.
/// - Blank rows are left out but counted in the row numbers.
pub fn read_table(bytes: &[u8]) -> Result<Table, String> {
    refuse_known_binaries(bytes)?;
    let (text, encoding) = decode(bytes);
    if text.contains('\0') {
        return Err(BINARY.to_string());
    }
    let separator = detect_separator(&text)?;
    let mut rows = parse_rows(&text, separator)?.into_iter();
    let Some(header) = rows.next() else { return Err(EMPTY.to_string()) };
    let headers = header.cells;
    let rows = rows.map(|row| fit_to_width(row, headers.len())).collect();
    Ok(Table { headers, rows, encoding, separator })
}

const EMPTY: &str = "le fichier est vide";
const BINARY: &str = "le fichier n'est pas un fichier texte (il contient des données binaires : une image, \
                      une archive ?) : enregistrez le tableau au format CSV";

/// Refuses the files recognised by their first bytes: workbooks, PDF documents, images.
fn refuse_known_binaries(bytes: &[u8]) -> Result<(), String> {
    let reason = if bytes.starts_with(b"PK\x03\x04") {
        if bytes[..bytes.len().min(120)].windows(ODS_MIME.len()).any(|window| window == ODS_MIME) {
            "c'est un classeur LibreOffice (.ods) : enregistrez-le au format CSV"
        } else {
            "c'est un classeur Excel (.xlsx) : enregistrez-le au format CSV"
        }
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        "c'est un classeur Excel ancien (.xls) : enregistrez-le au format CSV"
    } else if bytes.starts_with(b"%PDF") {
        "c'est un document PDF, pas un tableau : enregistrez le tableau au format CSV"
    } else if bytes.iter().all(u8::is_ascii_whitespace) || bytes == b"\xEF\xBB\xBF" {
        EMPTY
    } else {
        return Ok(());
    };
    Err(reason.to_string())
}

/// The media type an OpenDocument spreadsheet stores first, uncompressed, in its zip.
const ODS_MIME: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";

/// The text of `bytes` and the name of its encoding.
pub(crate) fn decode(bytes: &[u8]) -> (Cow<'_, str>, &'static str) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (UTF_8.decode_without_bom_handling(rest).0, "UTF-8");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return (UTF_16LE.decode_without_bom_handling(rest).0, "UTF-16LE");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return (UTF_16BE.decode_without_bom_handling(rest).0, "UTF-16BE");
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), "UTF-8"),
        Err(_) => (WINDOWS_1252.decode_without_bom_handling(bytes).0, "Windows-1252"),
    }
}

/// The separators we recognise, in order of preference on a tie.
const SEPARATORS: [u8; 3] = [b';', b',', b'\t'];

/// The separator of the header row (the first row with something else than separators and
/// spaces), or why there is none.
fn detect_separator(text: &str) -> Result<u8, String> {
    let Some(header) = header_line(text) else { return Err(EMPTY.to_string()) };
    let counts = SEPARATORS.map(|separator| count_outside_quotes(header, separator));
    let best = (0..SEPARATORS.len()).fold(0, |best, i| if counts[i] > counts[best] { i } else { best });
    if counts[best] == 0 {
        return Err(format!(
            "la première ligne (« {} ») n'a qu'une colonne : les colonnes d'un tableau doivent être \
             séparées par des points-virgules ou des virgules",
            shortened(header.trim())
        ));
    }
    Ok(SEPARATORS[best])
}

/// The first line of `text` with content, a line break inside quotes not ending it.
fn header_line(text: &str) -> Option<&str> {
    let mut start = 0;
    let mut quoted = false;
    for (at, c) in text.char_indices().chain([(text.len(), '\n')]) {
        match c {
            '"' => quoted = !quoted,
            '\r' | '\n' if !quoted => {
                let line = &text[start..at];
                if line.chars().any(|c| !c.is_whitespace() && !is_separator(c)) {
                    return Some(line);
                }
                start = at + c.len_utf8();
            }
            _ => {}
        }
    }
    None
}

/// Whether `c` is one of the [`SEPARATORS`].
fn is_separator(c: char) -> bool {
    u8::try_from(c).is_ok_and(|byte| SEPARATORS.contains(&byte))
}

/// How many times `separator` occurs in `line` outside double quotes.
fn count_outside_quotes(line: &str, separator: u8) -> usize {
    let mut quoted = false;
    let mut count = 0;
    for byte in line.bytes() {
        if byte == b'"' {
            quoted = !quoted;
        } else if byte == separator && !quoted {
            count += 1;
        }
    }
    count
}

/// At most 60 characters of `text`, for a message.
fn shortened(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// Every non-blank row of `text` (the header row first), numbered as a spreadsheet does.
fn parse_rows(text: &str, separator: u8) -> Result<Vec<Row>, String> {
    let bytes = text.as_bytes();
    let mut reader =
        csv::ReaderBuilder::new().delimiter(separator).has_headers(false).flexible(true).from_reader(bytes);
    let mut record = csv::StringRecord::new();
    let mut rows = Vec::new();
    let (mut line, mut end) = (0, 0);
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => return Ok(rows),
            Err(_) => return Err(format!("le tableau ne peut pas être lu après la ligne {line}")),
        }
        line += 1 + blank_lines_from(bytes, end);
        end = usize::try_from(reader.position().byte()).unwrap_or(bytes.len());
        let cells: Vec<String> = record.iter().map(clean_cell).collect();
        if cells.iter().any(|cell| !cell.is_empty()) {
            rows.push(Row { line, cells });
        }
    }
}

/// How many empty text lines start at `from`, where the previous record ended. The csv
/// reader skips these without a record, but a spreadsheet shows each as a blank row.
///
/// The reader stops after the first byte of the record's terminator: the LF of a CRLF is
/// still ahead, and is not a line of its own.
fn blank_lines_from(bytes: &[u8], from: usize) -> usize {
    let mut at = from;
    if at > 0 && bytes.get(at - 1) == Some(&b'\r') && bytes.get(at) == Some(&b'\n') {
        at += 1;
    }
    let mut blank = 0;
    loop {
        match bytes.get(at) {
            Some(b'\r') if bytes.get(at + 1) == Some(&b'\n') => at += 2,
            Some(b'\r' | b'\n') => at += 1,
            _ => return blank,
        }
        blank += 1;
    }
}

/// A cell trimmed, without the `'` that guards a value starting with `=`, `+`, `-` or `@`.
fn clean_cell(cell: &str) -> String {
    let cell = cell.trim();
    match cell.strip_prefix('\'') {
        Some(value) if value.starts_with(['=', '+', '-', '@']) => value.to_string(),
        _ => cell.to_string(),
    }
}

/// `row` padded with empty cells to `width`, without empty cells beyond it.
fn fit_to_width(mut row: Row, width: usize) -> Row {
    let filled = row.cells.iter().rposition(|cell| !cell.is_empty()).map_or(0, |at| at + 1);
    row.cells.truncate(filled.max(width));
    row.cells.resize(filled.max(width), String::new());
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(table: &Table) -> Vec<(usize, Vec<&str>)> {
        table.rows.iter().map(|row| (row.line, row.cells.iter().map(String::as_str).collect())).collect()
    }

    #[test]
    fn utf8_with_bom_and_semicolons() {
        let table =
            read_table("\u{feff}Prénom;Nom;Collège\r\nHélène;Dupont-Meyer;élus\r\n".as_bytes()).unwrap();
        assert_eq!(table.encoding, "UTF-8");
        assert_eq!(table.separator, b';');
        assert_eq!(table.headers, ["Prénom", "Nom", "Collège"]);
        assert_eq!(cells(&table), [(2, vec!["Hélène", "Dupont-Meyer", "élus"])]);
    }

    #[test]
    fn utf8_without_bom_and_commas_with_lf() {
        let table = read_table("Prénom,Nom,Collège\nŒdipe,Roi,experts\nJean,Martin,élus".as_bytes()).unwrap();
        assert_eq!((table.encoding, table.separator), ("UTF-8", b','));
        assert_eq!(
            cells(&table),
            [(2, vec!["Œdipe", "Roi", "experts"]), (3, vec!["Jean", "Martin", "élus"])]
        );
    }

    #[test]
    fn windows_1252_bytes_are_decoded() {
        let mut bytes = b"Pr\xe9nom;Nom;Montant\r\n".to_vec();
        bytes.extend_from_slice(&[0x48, 0xE9, 0x6C, 0xE8, 0x6E, 0x65]); // Hélène
        bytes.extend_from_slice(b";\x8Cuvre;12 \x80\r\n"); // Œuvre, 12 €
        let table = read_table(&bytes).unwrap();
        assert_eq!(table.encoding, "Windows-1252");
        assert_eq!(table.headers, ["Prénom", "Nom", "Montant"]);
        assert_eq!(cells(&table), [(2, vec!["Hélène", "Œuvre", "12 €"])]);
    }

    #[test]
    fn utf16_with_bom_and_tabs_as_excel_unicode_text() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Prénom\tNom\r\nHélène\tDupont\r\n".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let table = read_table(&bytes).unwrap();
        assert_eq!((table.encoding, table.separator), ("UTF-16LE", b'\t'));
        assert_eq!(cells(&table), [(2, vec!["Hélène", "Dupont"])]);
    }

    #[test]
    fn quoted_cells_hold_separators_quotes_and_line_breaks_in_one_row() {
        let text = "Nom;Note;Collège\r\n\
                    Dupont;\"Adjointe; « culture »\r\nsuite \"\"citée\"\"\";élus\r\n\
                    Martin;simple;experts\r\n\
                    \"Muller\";\"deux\nlignes\net trois\";société civile\n\
                    Weber;;élus\r\n";
        let table = read_table(text.as_bytes()).unwrap();
        assert_eq!(
            cells(&table),
            [
                (2, vec!["Dupont", "Adjointe; « culture »\r\nsuite \"citée\"", "élus"]),
                (3, vec!["Martin", "simple", "experts"]),
                (4, vec!["Muller", "deux\nlignes\net trois", "société civile"]),
                (5, vec!["Weber", "", "élus"]),
            ]
        );
    }

    #[test]
    fn blank_rows_are_skipped_but_counted() {
        let text =
            "Nom;Prénom\r\nDupont;Jean\r\n;\r\n\r\n  ;  \r\nMartin;Paul\r\n\r\n\"A\nB\";x\n\nWeber;Ana";
        let table = read_table(text.as_bytes()).unwrap();
        assert_eq!(
            cells(&table),
            [
                (2, vec!["Dupont", "Jean"]),
                (6, vec!["Martin", "Paul"]),
                (8, vec!["A\nB", "x"]),
                (10, vec!["Weber", "Ana"])
            ]
        );
    }

    #[test]
    fn leading_blank_rows_come_before_the_header() {
        let table = read_table(b";;\r\n\r\nNom;Pr\xc3\xa9nom\r\nDupont;Jean\r\n").unwrap();
        assert_eq!(table.headers, ["Nom", "Prénom"]);
        assert_eq!(cells(&table), [(4, vec!["Dupont", "Jean"])]);
    }

    #[test]
    fn cells_are_trimmed() {
        let table = read_table(" Nom ; Prénom \n  Dupont\u{a0};\"  Jean \"  \n".as_bytes()).unwrap();
        assert_eq!(table.headers, ["Nom", "Prénom"]);
        assert_eq!(cells(&table), [(2, vec!["Dupont", "Jean"])]);
    }

    #[test]
    fn short_rows_are_padded_and_long_rows_kept() {
        let table = read_table(b"A;B;C\n1\n1;2;3;4;;\n1;2;;;;\n").unwrap();
        assert_eq!(
            cells(&table),
            [(2, vec!["1", "", ""]), (3, vec!["1", "2", "3", "4"]), (4, vec!["1", "2", ""])]
        );
    }

    #[test]
    fn separator_is_the_most_frequent_outside_quotes_semicolon_on_a_tie() {
        assert_eq!(read_table(b"\"Nom, pr\xc3\xa9nom\";Coll\xc3\xa8ge\n").unwrap().separator, b';');
        assert_eq!(read_table(b"Nom;Pr\xc3\xa9nom,initiale\n").unwrap().separator, b';');
        assert_eq!(read_table(b"Nom,Pr\xc3\xa9nom,Coll\xc3\xa8ge;x\n").unwrap().separator, b',');
        assert_eq!(read_table(b"Nom\tPr\xc3\xa9nom\n").unwrap().separator, b'\t');
        let table = read_table(b"\"Nom\nlong\";Pr\xc3\xa9nom\nDupont;Jean\n").unwrap();
        assert_eq!(table.headers, ["Nom\nlong", "Prénom"]);
    }

    #[test]
    fn guarded_formula_cells_get_their_value_back() {
        let table = read_table(b"A;B;C;D\n'=1+1;'-12;'Hello;'@x\n").unwrap();
        assert_eq!(cells(&table), [(2, vec!["=1+1", "-12", "'Hello", "@x"])]);
    }

    #[test]
    fn header_only_gives_no_rows() {
        let table = read_table(b"Nom;Pr\xc3\xa9nom\r\n").unwrap();
        assert!(table.rows.is_empty());
    }

    #[test]
    fn empty_files_are_not_tables() {
        for bytes in [&b""[..], b"\xEF\xBB\xBF", b"  \r\n\n", b";;;\r\n;;\r\n"] {
            assert_eq!(read_table(bytes).unwrap_err(), "le fichier est vide", "{bytes:?}");
        }
    }

    #[test]
    fn workbooks_are_named() {
        let xlsx = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml";
        assert_eq!(
            read_table(xlsx).unwrap_err(),
            "c'est un classeur Excel (.xlsx) : enregistrez-le au format CSV"
        );
        let mut ods = b"PK\x03\x04\x14\x00\x00\x08\x00\x00".to_vec();
        ods.extend_from_slice(&[0; 20]);
        ods.extend_from_slice(b"mimetypeapplication/vnd.oasis.opendocument.spreadsheetPK");
        assert!(read_table(&ods).unwrap_err().contains("LibreOffice (.ods)"));
        let xls = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
        assert!(read_table(&xls).unwrap_err().contains("Excel ancien (.xls)"));
        assert!(read_table(b"%PDF-1.7\n...").unwrap_err().contains("PDF"));
    }

    #[test]
    fn binary_files_are_not_tables() {
        let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10";
        assert_eq!(read_table(png).unwrap_err(), BINARY);
        assert!(BINARY.contains("données binaires"));
    }

    #[test]
    fn a_single_column_is_not_a_table() {
        let reason = read_table("Prénom Nom Collège\nJean Dupont élus\n".as_bytes()).unwrap_err();
        assert_eq!(
            reason,
            "la première ligne (« Prénom Nom Collège ») n'a qu'une colonne : les colonnes d'un tableau \
             doivent être séparées par des points-virgules ou des virgules"
        );
        let long = "x".repeat(100);
        assert!(read_table(long.as_bytes()).unwrap_err().contains(&format!("« {}… »", "x".repeat(60))));
    }
}
