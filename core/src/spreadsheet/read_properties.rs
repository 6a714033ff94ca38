//! Property tests of [`super::read_table`]: any bytes are read or refused without a panic,
//! and a table written in any of the ways office suites write one (separator, quotes, byte
//! order mark, encoding, line endings, long cells, a stray byte of another encoding) reads
//! back as written.

use encoding_rs::WINDOWS_1252;
use proptest::prelude::*;
use proptest::sample::select;

use super::*;

/// A quick run: a few seconds for each property.
fn config() -> ProptestConfig {
    ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() }
}

/// What must hold of any table read, whatever the bytes.
fn assert_well_formed(table: &Table) {
    assert!(["UTF-8", "Windows-1252", "UTF-16LE", "UTF-16BE"].contains(&table.encoding));
    assert!(SEPARATORS.contains(&table.separator));
    let mut line = table.header.line;
    for row in std::iter::once(&table.header).chain(&table.rows) {
        assert!(row.cells.iter().any(|cell| !cell.is_empty()), "a blank row is left out: {row:?}");
        assert!(row.cells.iter().all(|cell| cell.trim() == cell), "cells are trimmed: {row:?}");
        let columns: Vec<usize> = row.invalid.iter().map(|cell| cell.column).collect();
        assert!(columns.windows(2).all(|pair| pair[0] < pair[1]), "{row:?}");
        for cell in &row.invalid {
            assert!(!cell.bytes.is_empty());
            assert!(row.cells[cell.column].contains('\u{fffd}'), "{row:?}");
        }
        assert!(row.invalid.is_empty() || table.encoding == "UTF-8");
    }
    for row in &table.rows {
        assert!(row.line > line, "row numbers grow: {} then {}", line, row.line);
        line = row.line;
        assert!(row.cells.len() >= table.header.cells.len());
    }
}

/// Bytes that look like a CSV file: separators, quotes, line breaks, accents in UTF-8 and
/// in Windows-1252, byte order marks, NUL.
fn csv_like_bytes() -> impl Strategy<Value = Vec<u8>> {
    let pieces: Vec<&'static [u8]> = vec![
        b";",
        b",",
        b"\t",
        b"\"",
        b"\r",
        b"\n",
        b"\r\n",
        b" ",
        b"a",
        b"Nom",
        b"'=",
        b"\xe9",
        b"\xc3\xa9",
        b"\xc3",
        b"\xe2\x82\xac",
        b"\x80",
        b"\xff\xfe",
        b"\xfe\xff",
        b"\xef\xbb\xbf",
        b"\0",
        b"\xa0",
    ];
    proptest::collection::vec(select(pieces), 0..200).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_bytes_are_read_or_refused_in_french(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        match read_table(&bytes) {
            Ok(table) => assert_well_formed(&table),
            Err(reason) => prop_assert!(!reason.is_empty()),
        }
    }

    #[test]
    fn csv_like_bytes_are_read_or_refused_in_french(bytes in csv_like_bytes()) {
        match read_table(&bytes) {
            Ok(table) => assert_well_formed(&table),
            Err(reason) => prop_assert!(!reason.is_empty()),
        }
    }

    #[test]
    fn a_table_written_any_usual_way_reads_back_as_written(sheet in sheet()) {
        let table = read_table(&sheet.bytes()).map_err(TestCaseError::fail)?;
        assert_well_formed(&table);
        prop_assert_eq!(table.encoding, sheet.encoding.name());
        prop_assert_eq!(table.separator, sheet.separator);
        prop_assert_eq!(&table.header.cells, &trimmed(&sheet.headers));
        prop_assert!(table.header.invalid.is_empty());
        let expected: Vec<(usize, Vec<String>, Vec<InvalidCell>)> = sheet
            .rows
            .iter()
            .enumerate()
            .map(|(at, cells)| {
                let mut cells = cells.clone();
                let mut invalid = Vec::new();
                if let Some((_, column)) = sheet.stray.filter(|(row, _)| *row == at) {
                    cells[column].push('\u{fffd}');
                    invalid.push(InvalidCell { column, bytes: vec![0xE9] });
                }
                (at + 2, trimmed(&cells), invalid)
            })
            .filter(|(_, cells, _)| cells.iter().any(|cell| !cell.is_empty()))
            .collect();
        let read: Vec<(usize, Vec<String>, Vec<InvalidCell>)> =
            table.rows.iter().map(|row| (row.line, row.cells.clone(), row.invalid.clone())).collect();
        prop_assert_eq!(read, expected);
    }
}

fn trimmed(cells: &[String]) -> Vec<String> {
    cells.iter().map(|cell| cell.trim().to_string()).collect()
}

/// How a generated sheet is encoded.
#[derive(Clone, Copy, Debug)]
enum Encoding {
    Utf8,
    Utf8Bom,
    Windows1252,
    Utf16Le,
    Utf16Be,
}

impl Encoding {
    fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 | Encoding::Utf8Bom => "UTF-8",
            Encoding::Windows1252 => "Windows-1252",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
        }
    }
}

/// A table and the way to write it.
#[derive(Clone, Debug)]
struct Sheet {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    separator: u8,
    encoding: Encoding,
    /// The line ending after each row (the header's first), `""` for the last one perhaps.
    endings: Vec<&'static str>,
    /// Whether each cell that needs no quotes gets them anyway, by row then column.
    quoted: Vec<bool>,
    /// In a UTF-8 file, a cell (row, column) that ends with a Windows-1252 « é » (E9).
    stray: Option<(usize, usize)>,
}

impl Sheet {
    /// The bytes of the file, as an office suite (or a hand edit) would write it.
    fn bytes(&self) -> Vec<u8> {
        let mut quoted = self.quoted.iter().cycle();
        let mut text: Vec<u8> = Vec::new();
        let rows = std::iter::once(&self.headers).chain(&self.rows);
        for (at, (row, ending)) in rows.zip(self.endings.iter().cycle()).enumerate() {
            for (column, cell) in row.iter().enumerate() {
                if column > 0 {
                    text.push(self.separator);
                }
                let stray = at > 0 && self.stray == Some((at - 1, column));
                let needs_quotes = cell.contains([';', ',', '\t', '"', '\r', '\n']);
                let quote = needs_quotes || (quoted.next() == Some(&true) && !cell.is_empty());
                if quote {
                    text.push(b'"');
                }
                text.extend_from_slice(self.encode(&cell.replace('"', "\"\"")).as_slice());
                if stray {
                    text.push(0xE9);
                }
                if quote {
                    text.push(b'"');
                }
            }
            text.extend_from_slice(self.encode(ending).as_slice());
        }
        match self.encoding {
            Encoding::Utf8Bom => [b"\xEF\xBB\xBF".as_slice(), &text].concat(),
            Encoding::Utf16Le | Encoding::Utf16Be => {
                // The UTF-16 files have no stray byte: the text is UTF-8 here.
                let text = String::from_utf8_lossy(&text);
                let mut bytes = match self.encoding {
                    Encoding::Utf16Le => vec![0xFF, 0xFE],
                    _ => vec![0xFE, 0xFF],
                };
                for unit in text.encode_utf16() {
                    match self.encoding {
                        Encoding::Utf16Le => bytes.extend_from_slice(&unit.to_le_bytes()),
                        _ => bytes.extend_from_slice(&unit.to_be_bytes()),
                    }
                }
                bytes
            }
            Encoding::Utf8 | Encoding::Windows1252 => text,
        }
    }

    /// `text` in the sheet's encoding, UTF-16 left for the end.
    fn encode(&self, text: &str) -> Vec<u8> {
        match self.encoding {
            Encoding::Windows1252 => WINDOWS_1252.encode(text).0.into_owned(),
            _ => text.as_bytes().to_vec(),
        }
    }
}

/// The characters of the cells: letters, accents, spaces, separators, quotes, line breaks.
const CHARACTERS: &[char] = &[
    'a', 'Z', '0', '9', ' ', '.', '-', '=', '@', '+', 'é', 'è', 'à', 'ç', 'ô', 'É', 'Œ', '€', '«', '»', 'ß',
    '\u{a0}', ';', ',', '\t', '"', '\n', '\r',
];

/// Windows-1252 files hold only ASCII and the accented letters (C0–FF): the symbols of 80–BF
/// (€, Œ, «…) could follow a letter of C0–DF as a valid UTF-8 sequence, which a few real files
/// do and the reader rightly takes for UTF-8 when they have nothing else.
fn fits_windows_1252(c: char) -> bool {
    c.is_ascii() || ('\u{c0}'..='\u{ff}').contains(&c)
}

fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => proptest::collection::vec(select(CHARACTERS), 0..12),
        1 => proptest::collection::vec(select(CHARACTERS), 500..3000),
    ]
    .prop_map(|chars| chars.into_iter().collect())
}

fn sheet() -> impl Strategy<Value = Sheet> {
    (2usize..6)
        .prop_flat_map(|width| {
            (
                proptest::collection::vec(cell(), width),
                proptest::collection::vec(proptest::collection::vec(cell(), width), 0..8),
                select(SEPARATORS.to_vec()),
                select(vec![
                    Encoding::Utf8,
                    Encoding::Utf8Bom,
                    Encoding::Windows1252,
                    Encoding::Utf16Le,
                    Encoding::Utf16Be,
                ]),
                proptest::collection::vec(select(vec!["\n", "\r\n", "\r"]), 1..4),
                any::<bool>(),
                proptest::collection::vec(any::<bool>(), 1..5),
                any::<Option<(prop::sample::Index, prop::sample::Index)>>(),
            )
        })
        .prop_map(|(headers, rows, separator, encoding, mut endings, last_ending, quoted, stray)| {
            let windows = matches!(encoding, Encoding::Windows1252);
            let clean = |cell: &String| -> String {
                let cell: String = cell.chars().filter(|c| !windows || fits_windows_1252(*c)).collect();
                cell
            };
            let mut headers: Vec<String> = headers.iter().map(clean).collect();
            // A header row with content, and an accent in UTF-8, as « Prénom » has.
            headers[0] = format!("Prénom{}", headers[0]);
            let rows: Vec<Vec<String>> = rows.iter().map(|row| row.iter().map(clean).collect()).collect();
            let utf8 = matches!(encoding, Encoding::Utf8 | Encoding::Utf8Bom);
            let stray = stray
                .filter(|_| utf8 && !rows.is_empty())
                .map(|(row, column)| (row.index(rows.len()), column.index(headers.len())));
            if !last_ending {
                // No line ending after the last row; then the endings cycle over the others.
                let count = rows.len() + 1;
                let mut all: Vec<&'static str> = endings.iter().cycle().take(count).copied().collect();
                if let Some(last) = all.last_mut() {
                    *last = "";
                }
                endings = all;
            }
            Sheet { headers, rows, separator, encoding, endings, quoted, stray }
        })
}
