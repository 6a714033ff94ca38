//! Reading a CSV file as French Excel and LibreOffice save it.
//!
//! ```
//! use ateliers::spreadsheet::read::read_table;
//!
//! let table = read_table(b"Nom;Pr\xe9nom\r\nDupont;H\xe9l\xe8ne\r\n")?;
//! assert_eq!(table.encoding, "Windows-1252");
//! assert_eq!(table.header.cells, ["Nom", "Prénom"]);
//! assert_eq!((table.rows[0].line, table.rows[0].cells[1].as_str()), (2, "Hélène"));
//!
//! // A UTF-8 file with one stray Windows-1252 « é » stays UTF-8; the cell is named.
//! let table = read_table(b"Nom;Pr\xc3\xa9nom\nDupont;H\xc3\xa9l\xc3\xa8ne\nMartin;J\xe9r\xf4me\n")?;
//! assert_eq!(table.encoding, "UTF-8");
//! assert_eq!(table.header.cells, ["Nom", "Prénom"]);
//! let invalid = &table.rows[1].invalid[0];
//! assert_eq!((table.rows[1].line, invalid.column, invalid.hex()), (3, 1, "E9 F4".to_string()));
//! # Ok::<(), String>(())
//! ```

use std::borrow::Cow;

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

/// A table read from a CSV file: the header row, then the non-blank data rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The header row (the first non-blank row), its cells trimmed.
    pub header: Row,
    /// The data rows, blank rows left out.
    pub rows: Vec<Row>,
    /// The encoding the file was read in: "UTF-8" or "Windows-1252" (what Excel calls
    /// « CSV (séparateur : point-virgule) »), or "UTF-16LE"/"UTF-16BE" for the « Texte
    /// Unicode » of Excel, recognised by its byte order mark.
    pub encoding: &'static str,
    /// The separator found in the header row: `;`, `,` or a tab.
    pub separator: u8,
}

/// One row of a [`Table`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The row number the spreadsheet shows (the header row is usually 1, the first data
    /// row 2). A quoted cell with line breaks inside does not add rows, and blank rows still
    /// count, so the number is the one the user sees beside the row.
    pub line: usize,
    /// The cells, trimmed, at least as many as the headers (missing cells are empty); cells
    /// beyond the headers are kept up to the last non-empty one. A cell with invalid bytes
    /// has each of them replaced by « � » (U+FFFD).
    pub cells: Vec<String>,
    /// The cells whose bytes are not valid in the file's encoding (only a file read as UTF-8
    /// can have some: a value pasted from a Windows-1252 file), in column order.
    pub invalid: Vec<InvalidCell>,
}

/// A cell of a [`Row`] with bytes that are not UTF-8 in a file read as UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidCell {
    /// The position of the cell in [`Row::cells`] (0 for column A).
    pub column: usize,
    /// The invalid bytes, in order (`[0xE9]` for a Windows-1252 « é »).
    pub bytes: Vec<u8>,
}

impl InvalidCell {
    /// The invalid bytes in hexadecimal, as a message shows them: `E9 F4` (at most eight,
    /// then `…`).
    pub fn hex(&self) -> String {
        let mut hex: Vec<String> = self.bytes.iter().take(8).map(|byte| format!("{byte:02X}")).collect();
        if self.bytes.len() > 8 {
            hex.push("…".into());
        }
        hex.join(" ")
    }
}

/// Reads `bytes` as a CSV table, or says in French why they are not one (the caller wraps
/// the reason in [`crate::Error::NotATable`]).
///
/// - Encoding: a UTF-8 byte order mark is skipped; a UTF-16 byte order mark selects UTF-16.
///   Without one, a file is read as UTF-8 unless it looks like Windows-1252 (the « ANSI » of
///   French Windows): it does when it has invalid UTF-8 on more lines than it has valid
///   accented UTF-8 (see [`looks_like_utf8`]). In a file read as UTF-8, the cells with
///   invalid bytes are listed in [`Row::invalid`] instead of turning the whole file into
///   Windows-1252 (where every UTF-8 accent would become « Ã© »).
/// - Separator: the most frequent of `;`, `,` and tab in the header row outside quotes, `;`
///   winning ties.
/// - Quoted cells may hold separators, doubled quotes and line breaks; CRLF, LF and a lone
///   CR end a row. Cells are trimmed; a cell that [`super::write::write_csv`] guarded against
///   formula injection (`'=…`, `'+…`, `'-…`, `'@…`) gets its value back without the `'`.
/// - Blank rows are left out but counted in the row numbers.
pub fn read_table(bytes: &[u8]) -> Result<Table, String> {
    refuse_known_binaries(bytes)?;
    let (bytes, encoding) = decode(bytes);
    if bytes.contains(&0) {
        return Err(BINARY.to_string());
    }
    let separator = detect_separator(&String::from_utf8_lossy(&bytes))?;
    let mut rows = parse_rows(&bytes, separator)?.into_iter();
    let Some(header) = rows.next() else { return Err(EMPTY.to_string()) };
    let rows = rows.map(|row| fit_to_width(row, header.cells.len())).collect();
    Ok(Table { header, rows, encoding, separator })
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

/// The text of `bytes` as the spreadsheets are read (see [`decode`]), an invalid byte of a
/// UTF-8 file shown as « � »: for the other text files users give (calendars).
pub(crate) fn decode_text(bytes: &[u8]) -> Cow<'_, str> {
    match decode(bytes).0 {
        Cow::Borrowed(text) => String::from_utf8_lossy(text),
        Cow::Owned(text) => Cow::Owned(String::from_utf8_lossy(&text).into_owned()),
    }
}

/// The bytes of the text in UTF-8 (still with the invalid bytes of a file read as UTF-8)
/// and the name of the file's encoding.
fn decode(bytes: &[u8]) -> (Cow<'_, [u8]>, &'static str) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (Cow::Borrowed(rest), "UTF-8");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return (utf8_bytes(UTF_16LE.decode_without_bom_handling(rest).0), "UTF-16LE");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return (utf8_bytes(UTF_16BE.decode_without_bom_handling(rest).0), "UTF-16BE");
    }
    if looks_like_utf8(bytes) {
        (Cow::Borrowed(bytes), "UTF-8")
    } else {
        (utf8_bytes(WINDOWS_1252.decode_without_bom_handling(bytes).0), "Windows-1252")
    }
}

/// The bytes of `text`.
fn utf8_bytes(text: Cow<'_, str>) -> Cow<'_, [u8]> {
    match text {
        Cow::Borrowed(text) => Cow::Borrowed(text.as_bytes()),
        Cow::Owned(text) => Cow::Owned(text.into_bytes()),
    }
}

/// Whether `bytes`, without byte order mark, are UTF-8 (perhaps with a few stray bytes of
/// another encoding) rather than Windows-1252: valid UTF-8, or at least as many lines with
/// accented UTF-8 (and no invalid byte) as lines with invalid bytes.
///
/// Windows-1252 text almost never forms a valid accented UTF-8 sequence (it would take an
/// upper-case accented letter followed by a symbol such as « or ’), so a genuine
/// Windows-1252 file has many lines with invalid bytes and none or nearly none in UTF-8.
fn looks_like_utf8(bytes: &[u8]) -> bool {
    if std::str::from_utf8(bytes).is_ok() {
        return true;
    }
    let (mut accented, mut invalid) = (0usize, 0usize);
    for line in bytes.split(|byte| matches!(byte, b'\r' | b'\n')) {
        let (mut has_accent, mut has_invalid) = (false, false);
        for chunk in line.utf8_chunks() {
            has_accent |= !chunk.valid().is_ascii();
            has_invalid |= !chunk.invalid().is_empty();
        }
        match (has_accent, has_invalid) {
            (_, true) => invalid += 1,
            (true, false) => accented += 1,
            (false, false) => {}
        }
    }
    accented > 0 && accented >= invalid
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

/// Every non-blank row of `bytes` (the header row first), numbered as a spreadsheet does.
/// The bytes are UTF-8 but for stray invalid bytes, which are noted in [`Row::invalid`].
fn parse_rows(bytes: &[u8], separator: u8) -> Result<Vec<Row>, String> {
    let mut reader =
        csv::ReaderBuilder::new().delimiter(separator).has_headers(false).flexible(true).from_reader(bytes);
    let mut record = csv::ByteRecord::new();
    let mut rows = Vec::new();
    let (mut line, mut end) = (0, 0);
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => return Ok(rows),
            Err(_) => return Err(format!("le tableau ne peut pas être lu après la ligne {line}")),
        }
        line += 1 + blank_lines_from(bytes, end);
        end = usize::try_from(reader.position().byte()).unwrap_or(bytes.len());
        let mut invalid = Vec::new();
        let mut cells = Vec::with_capacity(record.len());
        for (column, field) in record.iter().enumerate() {
            match std::str::from_utf8(field) {
                Ok(cell) => cells.push(clean_cell(cell)),
                Err(_) => {
                    let bytes = field.utf8_chunks().flat_map(|chunk| chunk.invalid()).copied().collect();
                    invalid.push(InvalidCell { column, bytes });
                    cells.push(clean_cell(&String::from_utf8_lossy(field)));
                }
            }
        }
        if cells.iter().any(|cell| !cell.is_empty()) {
            rows.push(Row { line, cells, invalid });
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
#[path = "read_properties.rs"]
mod properties;

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
        assert_eq!(table.header.cells, ["Prénom", "Nom", "Collège"]);
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
        assert_eq!(table.header.cells, ["Prénom", "Nom", "Montant"]);
        assert_eq!(cells(&table), [(2, vec!["Hélène", "Œuvre", "12 €"])]);
    }

    #[test]
    fn a_stray_windows_1252_byte_in_utf8_is_named_and_the_rest_stays_utf8() {
        let mut bytes =
            "Prénom;Nom;Collège\r\nHélène;Dupont;élus\r\nJérôme;Müller;experts\r\n".as_bytes().to_vec();
        bytes.extend_from_slice(
            b"Andr\xe9;Weber;soci\xc3\xa9t\xc3\xa9 civile\r\n\r\nLuc;K\xe9l\xe8r;\x80\r\n",
        );
        let table = read_table(&bytes).unwrap();
        assert_eq!(table.encoding, "UTF-8");
        assert_eq!(table.header.cells, ["Prénom", "Nom", "Collège"]);
        assert_eq!(
            cells(&table),
            [
                (2, vec!["Hélène", "Dupont", "élus"]),
                (3, vec!["Jérôme", "Müller", "experts"]),
                (4, vec!["Andr\u{fffd}", "Weber", "société civile"]),
                (6, vec!["Luc", "K\u{fffd}l\u{fffd}r", "\u{fffd}"]),
            ]
        );
        assert!(table.rows[..2].iter().all(|row| row.invalid.is_empty()));
        assert_eq!(table.rows[2].invalid, [InvalidCell { column: 0, bytes: vec![0xE9] }]);
        let invalid: Vec<(usize, String)> =
            table.rows[3].invalid.iter().map(|cell| (cell.column, cell.hex())).collect();
        assert_eq!(invalid, [(1, "E9 E8".to_string()), (2, "80".to_string())]);
        // With a byte order mark too.
        let table = read_table(&[b"\xEF\xBB\xBF".as_slice(), &bytes].concat()).unwrap();
        assert_eq!((table.encoding, table.rows[2].invalid.len()), ("UTF-8", 1));
    }

    #[test]
    fn a_windows_1252_file_stays_windows_1252_despite_a_chance_utf8_sequence() {
        // « CAFÉ » then a no-break space is C9 A0, valid UTF-8 (ɠ); every other accent is not.
        let bytes = b"Pr\xe9nom;Nom;Coll\xe8ge\r\nH\xe9l\xe8ne;CAF\xc9\xa0!;\xe9lus\r\nJ\xe9r\xf4me;Martin;experts\r\n";
        let table = read_table(bytes).unwrap();
        assert_eq!(table.encoding, "Windows-1252");
        assert_eq!(table.header.cells, ["Prénom", "Nom", "Collège"]);
        assert_eq!(
            cells(&table),
            [(2, vec!["Hélène", "CAFÉ\u{a0}!", "élus"]), (3, vec!["Jérôme", "Martin", "experts"])]
        );
        assert!(table.rows.iter().all(|row| row.invalid.is_empty()));
    }

    #[test]
    fn invalid_bytes_are_shown_eight_at_most() {
        let cell = InvalidCell { column: 0, bytes: (0x80..0x8A).collect() };
        assert_eq!(cell.hex(), "80 81 82 83 84 85 86 87 …");
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
        assert_eq!(table.header.cells, ["Nom", "Prénom"]);
        assert_eq!(cells(&table), [(4, vec!["Dupont", "Jean"])]);
    }

    #[test]
    fn cells_are_trimmed() {
        let table = read_table(" Nom ; Prénom \n  Dupont\u{a0};\"  Jean \"  \n".as_bytes()).unwrap();
        assert_eq!(table.header.cells, ["Nom", "Prénom"]);
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
        assert_eq!(table.header.cells, ["Nom\nlong", "Prénom"]);
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
