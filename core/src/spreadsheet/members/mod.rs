//! A sheet of members, as a secretariat types it in Excel: one person a row, with Prénom,
//! Nom and Collège at least; or a sheet of people for the directory alone ([`read_people`]),
//! with Prénom and Nom at least. Each row comes back typed, or with its French cell errors, for a
//! preview before anything is imported; nothing here touches the base.
//!
//! ```
//! use ateliers::model::membership::College;
//! use ateliers::spreadsheet::members::read_members;
//!
//! let sheet = read_members("Nom;Prénom;Collège\nDupont;Hélène;Élues\nMartin;;experts\n".as_bytes())?;
//! let college = sheet.rows[0].parsed.as_ref().ok().and_then(|member| member.membership.as_ref()).map(|m| m.college);
//! assert_eq!(college, Some(College::Elus));
//! let errors = sheet.rows[1].parsed.as_ref().unwrap_err();
//! assert_eq!(errors[0].message, "Ligne 3, colonne « Prénom » : le prénom est obligatoire");
//! # Ok::<(), String>(())
//! ```

mod columns;
mod values;

use serde::Serialize;

pub use columns::Column;
use values::{binome_names, find_named, parse_category, parse_civility, parse_college, role_names, words};

use super::read::{read_table, Row, Table};
use crate::error::Problems;
use crate::model::membership::{BinomeRole, College, MemberCategory, MemberRole};
use crate::model::person::Civility;
use crate::model::postal::{Postal, PostalInput};
use crate::model::settings::looks_like_email;

/// A members sheet read from a CSV file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MembersSheet {
    /// The encoding the file was read in ("UTF-8", "Windows-1252"…), see [`Table::encoding`].
    pub encoding: &'static str,
    /// The separator of the cells: `;`, `,` or a tab.
    pub separator: char,
    /// The headers of the columns this sheet does not use, as typed (a column without
    /// header but with values is named by its letter: « colonne F (sans en-tête) »).
    pub ignored_columns: Vec<String>,
    /// The data rows, in order, blank rows left out.
    pub rows: Vec<MemberRow>,
}

/// One row of a members sheet: the cells as typed, and the member or what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberRow {
    /// The row number the spreadsheet shows (see [`Row::line`]).
    pub line: usize,
    /// The cells as typed, for the preview.
    pub raw: RawMember,
    /// The member read from the row, or every error of the row.
    pub parsed: Result<MemberCandidate, Vec<CellError>>,
}

/// The cells of a row as typed (trimmed; empty when the column is absent), for the preview.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RawMember {
    /// Column « Civilité ».
    pub civility: String,
    /// Column « Prénom ».
    pub first_name: String,
    /// Column « Nom ».
    pub last_name: String,
    /// Column « Fonction ».
    pub function: String,
    /// Column « Commune ».
    pub commune: String,
    /// Column « Organisation ».
    pub organisation: String,
    /// Column « Courriel ».
    pub email: String,
    /// Column « Téléphone ».
    pub phone: String,
    /// Column « Adresse » (its lines separated by line breaks within the cell).
    pub address: String,
    /// Column « Code postal ».
    pub postcode: String,
    /// Column « Ville ».
    pub town: String,
    /// Column « Appellation ».
    pub salutation: String,
    /// Column « Collège ».
    pub college: String,
    /// Column « Catégorie ».
    pub category: String,
    /// Column « Rôle ».
    pub role: String,
}

/// A member read from a valid row, ready to be matched with the people of the base.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberCandidate {
    /// [`Civility::None`] when the cell is empty.
    pub civility: Civility,
    /// Never empty.
    pub first_name: String,
    /// Never empty.
    pub last_name: String,
    /// As typed, possibly empty.
    pub function: String,
    /// As typed, possibly empty.
    pub commune: String,
    /// As typed, possibly empty.
    pub organisation: String,
    /// Empty, or an address that passes [`looks_like_email`].
    pub email: String,
    /// As typed, possibly empty.
    pub phone: String,
    /// The postal address and the salutation, checked.
    pub postal: Postal,
    /// What the row says of the membership; `None` in a sheet read for the directory alone
    /// ([`read_people`]).
    pub membership: Option<MembershipCandidate>,
}

/// The membership that a row of a members sheet gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MembershipCandidate {
    /// The collège of the member.
    pub college: College,
    /// The category, of the same collège, if given.
    pub category: Option<MemberCategory>,
    /// [`MemberRole::Membre`] unless the sheet says otherwise (also for the binôme).
    pub role: MemberRole,
    /// Porteur politique or collaborateur référent, if the « Rôle » cell says so.
    pub binome: Option<BinomeRole>,
}

/// What is wrong with one cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CellError {
    /// The row number the spreadsheet shows.
    pub line: usize,
    /// The French name of the column (e.g. « Collège »), or the spreadsheet letter of a cell
    /// beyond the last header (e.g. « L »).
    pub column: String,
    /// French, naming the line, the column and the value, e.g. « Ligne 4, colonne « Collège » :
    /// « élu(e)s ? » n'est pas un collège connu (élus, experts ou société civile) ».
    pub message: String,
}

/// Reads a members sheet from the bytes of a CSV file (see [`read_table`]).
///
/// The headers are recognised without regard to case, accents, spaces or punctuation, in
/// any order: Civilité, Prénom, Nom, Fonction, Commune, Organisation, Courriel (or Email,
/// E-mail, Mail, Mél, Adresse électronique), Téléphone (or Tél), Collège, Catégorie, Rôle.
/// Other columns are ignored and listed in [`MembersSheet::ignored_columns`]. Title rows
/// above the headers (« Liste des membres ; ; ; », as Excel writes a title cell) are skipped:
/// the header row is the first row with Prénom, Nom and Collège, among the first ten.
///
/// The `Err` is a French reason for the whole sheet: not a table, a required column (Prénom,
/// Nom, Collège) missing, or two columns for the same thing. Problems of a row are in its
/// [`MemberRow::parsed`].
pub fn read_members(bytes: &[u8]) -> Result<MembersSheet, String> {
    read_sheet(bytes, Kind::Members)
}

/// Reads a sheet of people for the directory alone, as [`read_members`] reads a members
/// sheet, with Prénom and Nom required: the columns of a membership (Collège, Catégorie,
/// Rôle) are not read (they are listed with the columns ignored), and every row's
/// [`MemberCandidate::membership`] is `None`.
pub fn read_people(bytes: &[u8]) -> Result<MembersSheet, String> {
    read_sheet(bytes, Kind::People)
}

/// What a sheet is read for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// The members of an atelier: a person and a membership a row.
    Members,
    /// The directory alone: a person a row.
    People,
}

impl Kind {
    /// The columns a sheet must have.
    fn required(self) -> &'static [Column] {
        match self {
            Kind::Members => &Column::REQUIRED,
            Kind::People => &Column::REQUIRED[..2],
        }
    }

    /// Whether the sheet reads `column`.
    fn reads(self, column: Column) -> bool {
        self == Kind::Members || !matches!(column, Column::College | Column::Category | Column::Role)
    }

    /// The end of the message for a missing column.
    fn required_message(self) -> &'static str {
        match self {
            Kind::Members => "les colonnes obligatoires sont Prénom, Nom et Collège",
            Kind::People => "les colonnes obligatoires sont Prénom et Nom",
        }
    }
}

fn read_sheet(bytes: &[u8], kind: Kind) -> Result<MembersSheet, String> {
    let table = read_table(bytes)?;
    let (headers, data, layout) = header_row(&table, kind)?;
    let separator = char::from(table.separator);
    let rows = data.iter().map(|row| read_row(row, &layout, headers.len(), separator, kind)).collect();
    Ok(MembersSheet {
        encoding: table.encoding,
        separator,
        ignored_columns: ignored_columns(headers, data, &layout),
        rows,
    })
}

/// How many rows under the first one may be titles above the headers.
const TITLE_ROWS_MAX: usize = 10;

/// The header row of `table`, the data rows under it and the layout of the columns: the
/// first row of the table if it is a header row of members, else the first of the next
/// [`TITLE_ROWS_MAX`] rows that is (the first row was a title), else why the first row is
/// not one (with its cells of invalid bytes, which may be why a column is not recognised).
fn header_row(table: &Table, kind: Kind) -> Result<(&[String], &[Row], Layout), String> {
    let first = match Layout::of(&table.header.cells, kind) {
        Ok(layout) => return Ok((&table.header.cells, &table.rows, layout)),
        Err(reason) => reason,
    };
    for (at, row) in table.rows.iter().enumerate().take(TITLE_ROWS_MAX) {
        if let Ok(layout) = Layout::of(&row.cells, kind) {
            return Ok((&row.cells, &table.rows[at + 1..], layout));
        }
    }
    let header = &table.header;
    let unreadable: Vec<String> = header
        .invalid
        .iter()
        .map(|cell| {
            let value = header.cells.get(cell.column).map_or("", String::as_str);
            format!(
                "ligne {}, colonne {} : {}",
                header.line,
                column_letter(cell.column),
                invalid_bytes(value, &cell.hex())
            )
        })
        .collect();
    match unreadable.is_empty() {
        true => Err(first),
        false => Err(format!("{first} ({})", unreadable.join(" ; "))),
    }
}

/// What is wrong with a cell of invalid bytes (`hex`, as [`super::read::InvalidCell::hex`]
/// writes them) in
/// a file read as UTF-8.
fn invalid_bytes(value: &str, hex: &str) -> String {
    format!(
        "octets invalides {hex} dans « {value} » : ces caractères (marqués �) viennent d'un autre encodage \
         que le reste du fichier, en UTF-8 ; retapez-les dans le tableur"
    )
}

/// Where each column of the sheet is: `positions[column as usize]`.
struct Layout {
    positions: [Option<usize>; Column::ALL.len()],
}

impl Layout {
    /// The layout of `headers` for a sheet of `kind`, or why the sheet cannot be used.
    fn of(headers: &[String], kind: Kind) -> Result<Layout, String> {
        let mut positions = [None; Column::ALL.len()];
        for (at, header) in headers.iter().enumerate() {
            let Some(column) = Column::from_header(header).filter(|column| kind.reads(*column)) else {
                continue;
            };
            if let Some(first) = positions[column as usize] {
                return Err(format!(
                    "les colonnes « {} » ({}) et « {header} » ({}) désignent toutes deux la colonne « {} » : \
                     gardez-en une seule",
                    headers[first],
                    column_letter(first),
                    column_letter(at),
                    column.name()
                ));
            }
            positions[column as usize] = Some(at);
        }
        let missing: Vec<Column> =
            kind.required().iter().copied().filter(|column| positions[*column as usize].is_none()).collect();
        let required = kind.required_message();
        match missing.as_slice() {
            [] => Ok(Layout { positions }),
            [column] => Err(format!("la colonne « {} » est absente : {required}", column.name())),
            several => {
                let names: Vec<String> =
                    several.iter().map(|column| format!("« {} »", column.name())).collect();
                Err(format!("les colonnes {} sont absentes : {required}", french_list(&names, "et")))
            }
        }
    }

    /// The position of `column` in the rows, if the sheet has it.
    fn position(&self, column: Column) -> Option<usize> {
        self.positions[column as usize]
    }

    /// Whether the column at `at` is one of ours.
    fn uses(&self, at: usize) -> bool {
        self.positions.contains(&Some(at))
    }
}

/// The headers of the columns not used, and the letters of columns without header that hold
/// something.
fn ignored_columns(headers: &[String], rows: &[Row], layout: &Layout) -> Vec<String> {
    let mut ignored = Vec::new();
    for (at, header) in headers.iter().enumerate() {
        if layout.uses(at) {
            continue;
        }
        if !header.is_empty() {
            ignored.push(header.clone());
        } else if rows.iter().any(|row| row.cells.get(at).is_some_and(|cell| !cell.is_empty())) {
            ignored.push(format!("colonne {} (sans en-tête)", column_letter(at)));
        }
    }
    ignored
}

/// The spreadsheet letter of the column at `at` (0 → A, 25 → Z, 26 → AA).
fn column_letter(at: usize) -> String {
    let mut letters = Vec::new();
    let mut rest = at + 1;
    while rest > 0 {
        let digit = (rest - 1) % 26;
        letters.push(char::from(b'A' + digit as u8));
        rest = (rest - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// « a, b et c »: the items joined with commas, `last` before the last one.
fn french_list<S: AsRef<str>>(items: &[S], last: &str) -> String {
    match items {
        [] => String::new(),
        [only] => only.as_ref().to_string(),
        [init @ .., end] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} {last} {}", init.join(", "), end.as_ref())
        }
    }
}

/// The member of `row`, or all its errors.
fn read_row(row: &Row, layout: &Layout, width: usize, separator: char, kind: Kind) -> MemberRow {
    let cell = |column: Column| {
        layout.position(column).and_then(|at| row.cells.get(at)).cloned().unwrap_or_default()
    };
    let raw = RawMember {
        civility: cell(Column::Civility),
        first_name: cell(Column::FirstName),
        last_name: cell(Column::LastName),
        function: cell(Column::Function),
        commune: cell(Column::Commune),
        organisation: cell(Column::Organisation),
        email: cell(Column::Email),
        phone: cell(Column::Phone),
        address: cell(Column::Address),
        postcode: cell(Column::Postcode),
        town: cell(Column::Town),
        salutation: cell(Column::Salutation),
        college: cell(Column::College),
        category: cell(Column::Category),
        role: cell(Column::Role),
    };
    let mut errors = RowErrors { line: row.line, errors: Vec::new(), unreadable: Vec::new() };
    errors.check_invalid_bytes(row, layout);
    errors.check_extra_cells(row, width, separator);
    let parsed = check(&raw, kind, &mut errors);
    let parsed = match parsed {
        Some(member) if errors.errors.is_empty() => Ok(member),
        _ => Err(errors.errors),
    };
    MemberRow { line: row.line, raw, parsed }
}

/// The errors of one row, as they are found.
struct RowErrors {
    line: usize,
    errors: Vec<CellError>,
    /// The columns whose cell has invalid bytes: its other errors would only repeat it.
    unreadable: Vec<String>,
}

impl RowErrors {
    /// Records `message` about the cell of `column` (« Prénom », « L »…), unless the cell has
    /// invalid bytes, already recorded.
    fn add(&mut self, column: &str, message: String) {
        if self.unreadable.iter().any(|unreadable| unreadable == column) {
            return;
        }
        let line = self.line;
        self.errors.push(CellError {
            line,
            column: column.to_string(),
            message: format!("Ligne {line}, colonne « {column} » : {message}"),
        });
    }

    /// Records the cells of our columns that have invalid bytes (a value pasted from a file
    /// of another encoding): the row cannot be imported as it reads. Those of the columns the
    /// sheet does not use are no matter (their values are not imported); those beyond the last
    /// header are an error of their own ([`RowErrors::check_extra_cells`]).
    fn check_invalid_bytes(&mut self, row: &Row, layout: &Layout) {
        for cell in &row.invalid {
            let Some(column) =
                Column::ALL.into_iter().find(|column| layout.position(*column) == Some(cell.column))
            else {
                continue;
            };
            let value = row.cells.get(cell.column).map_or("", String::as_str);
            self.add(column.name(), invalid_bytes(value, &cell.hex()));
            self.unreadable.push(column.name().to_string());
        }
    }

    /// Records a non-empty cell beyond the last header (a separator in a value, most often).
    fn check_extra_cells(&mut self, row: &Row, width: usize, separator: char) {
        let extra = row.cells.iter().enumerate().skip(width).find(|(_, cell)| !cell.is_empty());
        let Some((at, value)) = extra else { return };
        let separator = match separator {
            ';' => "un point-virgule",
            ',' => "une virgule",
            _ => "une tabulation",
        };
        let last = column_letter(width.saturating_sub(1));
        self.add(
            &column_letter(at),
            format!(
                "« {value} » est au-delà de la dernière colonne d'en-tête ({last}) : une valeur de la ligne \
                 contient-elle {separator} sans être entre guillemets ?"
            ),
        );
    }
}

/// The member of `raw`, recording each problem in `errors` (`None` if a required value is
/// unusable); its membership too in a members sheet.
fn check(raw: &RawMember, kind: Kind, errors: &mut RowErrors) -> Option<MemberCandidate> {
    let civility = parse_civility(&raw.civility);
    if civility.is_none() {
        errors.add(
            Column::Civility.name(),
            format!("« {} » n'est pas une civilité connue (M., Monsieur, Mme ou Madame)", raw.civility),
        );
    }
    for (column, value, what) in
        [(Column::FirstName, &raw.first_name, "le prénom"), (Column::LastName, &raw.last_name, "le nom")]
    {
        if value.is_empty() {
            errors.add(column.name(), format!("{what} est obligatoire"));
        }
    }
    if !raw.email.is_empty() && !looks_like_email(&raw.email) {
        errors.add(
            Column::Email.name(),
            format!("« {} » n'est pas une adresse électronique valide", raw.email),
        );
    }
    let mut problems = Problems::default();
    let postal = PostalInput {
        address_lines: raw.address.clone(),
        postcode: raw.postcode.clone(),
        town: raw.town.clone(),
        salutation: raw.salutation.clone(),
    }
    .check(&mut problems);
    for problem in problems.into_fields() {
        let column = match problem.field.as_str() {
            "address_lines" => Column::Address,
            "postcode" => Column::Postcode,
            "town" => Column::Town,
            _ => Column::Salutation,
        };
        errors.add(column.name(), crate::fr::lower_first(&problem.message));
    }
    let membership = match kind {
        Kind::Members => Some(check_membership(raw, errors)?),
        Kind::People => None,
    };
    Some(MemberCandidate {
        civility: civility?,
        first_name: raw.first_name.clone(),
        last_name: raw.last_name.clone(),
        function: raw.function.clone(),
        commune: raw.commune.clone(),
        organisation: raw.organisation.clone(),
        email: raw.email.clone(),
        phone: raw.phone.clone(),
        postal,
        membership,
    })
}

/// The membership of `raw` (collège, catégorie, rôle), recording each problem in `errors`.
fn check_membership(raw: &RawMember, errors: &mut RowErrors) -> Option<MembershipCandidate> {
    let college = check_college(&raw.college, errors);
    let category = check_category(&raw.category, college, errors);
    let (role, binome) = check_role(&raw.role, errors)?;
    Some(MembershipCandidate { college: college?, category: category?, role, binome })
}

/// The collège of the cell, required.
fn check_college(value: &str, errors: &mut RowErrors) -> Option<College> {
    if value.is_empty() {
        errors.add(
            Column::College.name(),
            "le collège est obligatoire (élus, experts ou société civile)".into(),
        );
        return None;
    }
    let college = parse_college(value);
    if college.is_none() {
        errors.add(
            Column::College.name(),
            format!("« {value} » n'est pas un collège connu (élus, experts ou société civile)"),
        );
    }
    college
}

/// The category of the cell, optional (`Some(None)` when empty), of the same collège as
/// `college` when both are known.
fn check_category(
    value: &str,
    college: Option<College>,
    errors: &mut RowErrors,
) -> Option<Option<MemberCategory>> {
    if value.is_empty() {
        return Some(None);
    }
    let Some(category) = parse_category(value) else {
        let labels: Vec<&str> = MemberCategory::ALL.iter().map(|category| category.label()).collect();
        errors.add(
            Column::Category.name(),
            format!("« {value} » n'est pas une catégorie connue ({})", french_list(&labels, "ou")),
        );
        return None;
    };
    match college {
        Some(college) if category.college() != college => {
            errors.add(
                Column::Category.name(),
                format!(
                    "« {value} » ({}) relève du {}, mais la colonne « Collège » indique le {}",
                    category.label(),
                    college_phrase(category.college()),
                    college_phrase(college)
                ),
            );
            None
        }
        _ => Some(Some(category)),
    }
}

/// « collège des élus »…, for a sentence.
fn college_phrase(college: College) -> &'static str {
    match college {
        College::Elus => "collège des élus",
        College::Experts => "collège des experts",
        College::SocieteCivile => "collège de la société civile",
    }
}

/// The role and binôme place of the cell, optional (membre when empty).
fn check_role(value: &str, errors: &mut RowErrors) -> Option<(MemberRole, Option<BinomeRole>)> {
    if value.is_empty() {
        return Some((MemberRole::Membre, None));
    }
    if let Some(role) = find_named(value, MemberRole::ALL, role_names, words) {
        return Some((role, None));
    }
    if let Some(binome) = find_named(value, BinomeRole::ALL, binome_names, words) {
        return Some((MemberRole::Membre, Some(binome)));
    }
    errors.add(
        Column::Role.name(),
        format!(
            "« {value} » n'est pas un rôle connu (membre, comité restreint, invité, porteur politique ou \
             collaborateur référent)"
        ),
    );
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    impl MemberCandidate {
        /// The membership of a row of a members sheet.
        fn joins(&self) -> &MembershipCandidate {
            self.membership.as_ref().expect("a members sheet's row has a membership")
        }
    }

    fn sheet(text: &str) -> MembersSheet {
        read_members(text.as_bytes()).expect("a members sheet")
    }

    fn member(row: &MemberRow) -> &MemberCandidate {
        row.parsed.as_ref().unwrap_or_else(|errors| panic!("line {}: {errors:?}", row.line))
    }

    fn messages(row: &MemberRow) -> Vec<&str> {
        match &row.parsed {
            Ok(member) => panic!("line {} accepted: {member:?}", row.line),
            Err(errors) => errors.iter().map(|error| error.message.as_str()).collect(),
        }
    }

    /// The first valid row of a sheet with one more column `header` holding `value`.
    fn with(header: &str, value: &str) -> Result<MemberCandidate, Vec<String>> {
        let text = format!("Prénom;Nom;Collège;{header}\nJean;Dupont;élus;{value}\n");
        let rows = sheet(&text).rows;
        rows[0].parsed.clone().map_err(|errors| errors.into_iter().map(|error| error.message).collect())
    }

    fn college_of(value: &str) -> Option<College> {
        let text = format!("Prénom;Nom;Collège\nJean;Dupont;{value}\n");
        sheet(&text).rows[0].parsed.as_ref().ok().map(|member| member.joins().college)
    }

    #[test]
    fn a_full_sheet_in_utf8_with_bom() {
        let text = "\u{feff}Civilité;Prénom;Nom;Fonction;Commune;Organisation;Courriel;Téléphone;Adresse;Code postal;Ville;Collège;Catégorie;Rôle\r\n\
                    Mme;Hélène;Dupont-Meyer;Adjointe à la culture;Mulhouse;;helene.dupont@mulhouse.fr;+33 3 89 12 34 56;\"Hôtel de ville\r\n2 place de la Réunion\";68100;Mulhouse;Collège des élus;Élue municipale;Porteuse politique\r\n\
                    M.;Jean;Martin;Chef de projet;;m2A;;;;;;experts;Collaborateur de l'agglomération;comité restreint\r\n";
        let sheet = sheet(text);
        assert_eq!((sheet.encoding, sheet.separator), ("UTF-8", ';'));
        assert!(sheet.ignored_columns.is_empty());
        let helene = member(&sheet.rows[0]);
        assert_eq!(
            helene,
            &MemberCandidate {
                civility: Civility::Madame,
                first_name: "Hélène".into(),
                last_name: "Dupont-Meyer".into(),
                function: "Adjointe à la culture".into(),
                commune: "Mulhouse".into(),
                organisation: String::new(),
                email: "helene.dupont@mulhouse.fr".into(),
                phone: "+33 3 89 12 34 56".into(),
                postal: Postal {
                    address_lines: "Hôtel de ville\n2 place de la Réunion".into(),
                    postcode: "68100".into(),
                    town: "Mulhouse".into(),
                    salutation: String::new(),
                },
                membership: Some(MembershipCandidate {
                    college: College::Elus,
                    category: Some(MemberCategory::EluMunicipal),
                    role: MemberRole::Membre,
                    binome: Some(BinomeRole::PorteurPolitique),
                }),
            }
        );
        assert_eq!(sheet.rows[0].raw.category, "Élue municipale");
        assert_eq!(sheet.rows[0].raw.role, "Porteuse politique");
        let jean = member(&sheet.rows[1]);
        assert_eq!(jean.civility, Civility::Monsieur);
        assert_eq!(jean.joins().college, College::Experts);
        assert_eq!(jean.joins().category, Some(MemberCategory::CollaborateurAgglomeration));
        assert_eq!((jean.joins().role, jean.joins().binome), (MemberRole::ComiteRestreint, None));
        assert_eq!(sheet.rows[1].line, 3);
    }

    #[test]
    fn headers_in_another_order_with_odd_case_accents_and_synonyms() {
        let text = "COLLEGE, e-mail ,NOM,prenom,Tél.,Remarques,,CATEGORIE\n\
                    societe civile,ana@asso.fr,Weber,Ana,03 89 00 00 00,à rappeler,x,conseil de dev\n";
        let sheet = sheet(text);
        assert_eq!(sheet.separator, ',');
        assert_eq!(sheet.ignored_columns, ["Remarques", "colonne G (sans en-tête)"]);
        let ana = member(&sheet.rows[0]);
        assert_eq!((ana.first_name.as_str(), ana.last_name.as_str()), ("Ana", "Weber"));
        assert_eq!((ana.email.as_str(), ana.phone.as_str()), ("ana@asso.fr", "03 89 00 00 00"));
        assert_eq!(ana.joins().college, College::SocieteCivile);
        assert_eq!(ana.joins().category, Some(MemberCategory::ConseilDeveloppement));
        assert_eq!((ana.civility, ana.joins().role), (Civility::None, MemberRole::Membre));
    }

    #[test]
    fn header_synonyms_for_email_and_phone() {
        for header in ["Email", "E-mail", "Mail", "Adresse électronique", "Mél", "COURRIEL"] {
            let text = format!("Prénom;Nom;Collège;{header}\nJean;Dupont;élus;jean@x.fr\n");
            assert_eq!(member(&sheet(&text).rows[0]).email, "jean@x.fr", "{header}");
        }
        for header in ["Téléphone", "Tél", "tel", "TEL."] {
            let text = format!("Prénom;Nom;Collège;{header}\nJean;Dupont;élus;06\n");
            assert_eq!(member(&sheet(&text).rows[0]).phone, "06", "{header}");
        }
    }

    #[test]
    fn windows_1252_sheet_with_lf() {
        let mut bytes = b"Pr\xe9nom;Nom;Coll\xe8ge;Cat\xe9gorie\n".to_vec();
        bytes.extend_from_slice(&[0x48, 0xE9, 0x6C, 0xE8, 0x6E, 0x65]);
        bytes.extend_from_slice(b";\x8Cuvre;soci\xe9t\xe9 civile;autre organisation\n");
        let sheet = read_members(&bytes).unwrap();
        assert_eq!(sheet.encoding, "Windows-1252");
        let helene = member(&sheet.rows[0]);
        assert_eq!((helene.first_name.as_str(), helene.last_name.as_str()), ("Hélène", "Œuvre"));
        assert_eq!(helene.joins().category, Some(MemberCategory::AutreOrganisation));
    }

    #[test]
    fn a_stray_byte_of_another_encoding_is_an_error_of_its_row_naming_line_column_and_bytes() {
        // A UTF-8 sheet where one value was pasted from a Windows-1252 file.
        let mut bytes = "Prénom;Nom;Collège;Notes\nHélène;Dupont;élus;\n".as_bytes().to_vec();
        bytes.extend_from_slice(
            b"Andr\xe9;Martin;experts;\nLuc;Weber;\xe9lus;\xe9t\xe9\nJ\xc3\xa9r\xc3\xb4me;Roth;experts;\n",
        );
        let sheet = read_members(&bytes).unwrap();
        assert_eq!(sheet.encoding, "UTF-8");
        assert_eq!(member(&sheet.rows[0]).first_name, "Hélène");
        assert_eq!(
            messages(&sheet.rows[1]),
            ["Ligne 3, colonne « Prénom » : octets invalides E9 dans « Andr\u{fffd} » : ces caractères (marqués \
              \u{fffd}) viennent d'un autre encodage que le reste du fichier, en UTF-8 ; retapez-les dans le tableur"]
        );
        let errors = sheet.rows[1].parsed.as_ref().unwrap_err();
        assert_eq!((errors[0].line, errors[0].column.as_str()), (3, "Prénom"));
        // One error for the cell, not a second one for its value; the unused column is no matter.
        let errors = messages(&sheet.rows[2]);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].starts_with("Ligne 4, colonne « Collège » : octets invalides E9 dans « \u{fffd}lus »")
        );
        assert_eq!(member(&sheet.rows[3]).first_name, "Jérôme");
    }

    #[test]
    fn invalid_bytes_in_a_header_are_named_when_it_is_not_recognised() {
        let bytes = b"Pr\xe9nom;Nom;Coll\xc3\xa8ge\nH\xc3\xa9l\xc3\xa8ne;Dupont;\xc3\xa9lus\nJ\xc3\xa9r\xc3\xb4me;Roth;experts\n";
        assert_eq!(
            read_members(bytes).unwrap_err(),
            "la colonne « Prénom » est absente : les colonnes obligatoires sont Prénom, Nom et Collège (ligne 1, \
             colonne A : octets invalides E9 dans « Pr\u{fffd}nom » : ces caractères (marqués \u{fffd}) viennent \
             d'un autre encodage que le reste du fichier, en UTF-8 ; retapez-les dans le tableur)"
        );
    }

    #[test]
    fn missing_required_columns_refuse_the_sheet() {
        assert_eq!(
            read_members("Prénom;Nom;Courriel\nJean;Dupont;j@x.fr\n".as_bytes()).unwrap_err(),
            "la colonne « Collège » est absente : les colonnes obligatoires sont Prénom, Nom et Collège"
        );
        assert_eq!(
            read_members(b"Nom;Fonction\nDupont;maire\n").unwrap_err(),
            "les colonnes « Prénom » et « Collège » sont absentes : les colonnes obligatoires sont Prénom, Nom \
             et Collège"
        );
        assert!(read_members(b"A;B\n")
            .unwrap_err()
            .starts_with("les colonnes « Prénom », « Nom » et « Collège »"));
    }

    #[test]
    fn title_rows_above_the_headers_are_skipped() {
        let text = "Liste des membres;;;\r\nAtelier AP-MOB;;;\r\n;;;\r\nPrénom;Nom;Collège;Notes\r\nJean;Dupont;élus;\r\n;Martin;experts;\r\n";
        let sheet = sheet(text);
        assert_eq!(sheet.ignored_columns, ["Notes"]);
        assert_eq!(sheet.rows.len(), 2);
        assert_eq!(member(&sheet.rows[0]).last_name, "Dupont");
        assert_eq!(messages(&sheet.rows[1]), ["Ligne 6, colonne « Prénom » : le prénom est obligatoire"]);
        assert_eq!(
            read_members("Liste;;\nPrénom;Nom;Courriel\nJean;Dupont;j@x.fr\n".as_bytes()).unwrap_err(),
            "les colonnes « Prénom », « Nom » et « Collège » sont absentes : les colonnes obligatoires sont \
             Prénom, Nom et Collège"
        );
    }

    #[test]
    fn two_columns_for_the_same_thing_refuse_the_sheet() {
        assert_eq!(
            read_members("Prénom;Nom;Email;Collège;Courriel\n".as_bytes()).unwrap_err(),
            "les colonnes « Email » (C) et « Courriel » (E) désignent toutes deux la colonne « Courriel » : \
             gardez-en une seule"
        );
    }

    #[test]
    fn not_a_table_is_refused_with_its_reason() {
        assert_eq!(read_members(b"").unwrap_err(), "le fichier est vide");
        assert_eq!(
            read_members(b"PK\x03\x04\x14\x00\x06\x00").unwrap_err(),
            "c'est un classeur Excel (.xlsx) : enregistrez-le au format CSV"
        );
        assert!(read_members(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").unwrap_err().contains("binaires"));
    }

    #[test]
    fn broken_rows_get_french_errors_naming_line_column_and_value() {
        let text = "Prénom;Nom;Collège;Catégorie;Courriel;Civilité;Rôle\r\n\
                    Jean;Dupont;élus;;;;\r\n\
                    ;;élus;;;;\r\n\
                    Paul;Martin;élu(e)s ?;;;;\r\n\
                    Ana;Weber;experts;;ana@;;\r\n\
                    Luc;Kern;experts;Élue municipale;;;\r\n\
                    Eva;Roth;;;;Mr;chef\r\n\
                    Léa;Haas;élus;maire;;;\r\n";
        let sheet = sheet(text);
        assert!(sheet.rows[0].parsed.is_ok());
        assert_eq!(
            messages(&sheet.rows[1]),
            [
                "Ligne 3, colonne « Prénom » : le prénom est obligatoire",
                "Ligne 3, colonne « Nom » : le nom est obligatoire"
            ]
        );
        assert_eq!(
            messages(&sheet.rows[2]),
            ["Ligne 4, colonne « Collège » : « élu(e)s ? » n'est pas un collège connu (élus, experts ou société civile)"]
        );
        assert_eq!(
            messages(&sheet.rows[3]),
            ["Ligne 5, colonne « Courriel » : « ana@ » n'est pas une adresse électronique valide"]
        );
        assert_eq!(
            messages(&sheet.rows[4]),
            ["Ligne 6, colonne « Catégorie » : « Élue municipale » (Élu municipal) relève du collège des élus, \
              mais la colonne « Collège » indique le collège des experts"]
        );
        assert_eq!(
            messages(&sheet.rows[5]),
            [
                "Ligne 7, colonne « Civilité » : « Mr » n'est pas une civilité connue (M., Monsieur, Mme ou Madame)",
                "Ligne 7, colonne « Collège » : le collège est obligatoire (élus, experts ou société civile)",
                "Ligne 7, colonne « Rôle » : « chef » n'est pas un rôle connu (membre, comité restreint, invité, \
                 porteur politique ou collaborateur référent)",
            ]
        );
        assert_eq!(
            messages(&sheet.rows[6]),
            ["Ligne 8, colonne « Catégorie » : « maire » n'est pas une catégorie connue (Élu communautaire, \
              Élu municipal, Collaborateur de l'agglomération, Collaborateur d'une commune, Partenaire, \
              Conseil de développement ou Autre organisation)"]
        );
        let Err(errors) = &sheet.rows[2].parsed else { panic!() };
        assert_eq!((errors[0].line, errors[0].column.as_str()), (4, "Collège"));
        assert_eq!(sheet.rows[2].raw.college, "élu(e)s ?");
    }

    #[test]
    fn line_numbers_count_a_multiline_cell_as_one_row() {
        let text = "Prénom;Nom;Collège;Fonction\r\n\
                    Jean;Dupont;élus;\"Adjoint; chargé\r\ndes sports\"\r\n\
                    \r\n\
                    ;Martin;experts;\r\n";
        let sheet = sheet(text);
        assert_eq!(member(&sheet.rows[0]).function, "Adjoint; chargé\r\ndes sports");
        assert_eq!(sheet.rows[1].line, 4);
        assert_eq!(messages(&sheet.rows[1]), ["Ligne 4, colonne « Prénom » : le prénom est obligatoire"]);
    }

    #[test]
    fn cells_beyond_the_headers_are_an_error_but_empty_ones_are_not() {
        let text = "Prénom;Nom;Collège\nJean;Dupont;élus;;\nMarie;de Gaulle;Anthonioz;experts\n";
        let sheet = sheet(text);
        assert!(sheet.rows[0].parsed.is_ok());
        let Err(errors) = &sheet.rows[1].parsed else { panic!("accepted") };
        assert_eq!(errors[0].column, "D");
        assert_eq!(
            errors[0].message,
            "Ligne 3, colonne « D » : « experts » est au-delà de la dernière colonne d'en-tête (C) : une valeur \
             de la ligne contient-elle un point-virgule sans être entre guillemets ?"
        );
        assert_eq!(errors[1].message, "Ligne 3, colonne « Collège » : « Anthonioz » n'est pas un collège connu (élus, experts ou société civile)");
    }

    #[test]
    fn short_rows_have_empty_cells() {
        let sheet = sheet("Prénom;Nom;Collège;Courriel\nJean;Dupont;élus\n");
        assert_eq!(member(&sheet.rows[0]).email, "");
    }

    #[test]
    fn colleges_in_many_spellings() {
        for value in
            ["élus", "Élu", "ELUES", "élu(e)s", "élu·e·s", "Collège des élus", "collège d'élus", "elus"]
        {
            assert_eq!(college_of(value), Some(College::Elus), "{value}");
        }
        for value in ["experts", "Expert", "expertes", "Collège des experts", "COLLEGE DES EXPERTS"] {
            assert_eq!(college_of(value), Some(College::Experts), "{value}");
        }
        for value in [
            "société civile",
            "Societe Civile",
            "sociétés civiles",
            "societe_civile",
            "Collège de la société civile",
            "Collège de la société civile et des organisations",
            "société civile et organisations",
        ] {
            assert_eq!(college_of(value), Some(College::SocieteCivile), "{value}");
        }
        for value in ["élu(e)s ?", "collège", "civile", "organisations", "elus experts", "élus/experts"] {
            assert_eq!(college_of(value), None, "{value}");
        }
    }

    #[test]
    fn categories_in_many_spellings() {
        let category = |value: &str, college: &str| {
            let text = format!("Prénom;Nom;Collège;Catégorie\nJean;Dupont;{college};{value}\n");
            sheet(&text).rows[0].parsed.as_ref().ok().and_then(|member| member.joins().category)
        };
        for (value, college, expected) in [
            ("Élu communautaire", "élus", MemberCategory::EluCommunautaire),
            ("élues communautaires", "élus", MemberCategory::EluCommunautaire),
            ("elu_communautaire", "élus", MemberCategory::EluCommunautaire),
            ("élue municipale", "élus", MemberCategory::EluMunicipal),
            ("Élus municipaux", "élus", MemberCategory::EluMunicipal),
            ("élu(e) municipal(e)", "élus", MemberCategory::EluMunicipal),
            ("conseillère municipale", "élus", MemberCategory::EluMunicipal),
            ("collaboratrice de l'agglomération", "experts", MemberCategory::CollaborateurAgglomeration),
            ("Collaborateur d'une commune", "experts", MemberCategory::CollaborateurCommune),
            ("collaborateur(trice) d’une commune", "experts", MemberCategory::CollaborateurCommune),
            ("PARTENAIRES", "experts", MemberCategory::Partenaire),
            ("Conseil de dev", "société civile", MemberCategory::ConseilDeveloppement),
            ("conseil de développement", "société civile", MemberCategory::ConseilDeveloppement),
            ("C2D", "société civile", MemberCategory::ConseilDeveloppement),
            ("autres organisations", "société civile", MemberCategory::AutreOrganisation),
        ] {
            assert_eq!(category(value, college), Some(expected), "{value}");
        }
        for value in ["élu", "conseil", "maire", "partenaire ?", "organisation", "collaborateur"] {
            assert_eq!(category(value, "élus"), None, "{value}");
        }
    }

    #[test]
    fn roles_and_binome() {
        for (value, role, binome) in [
            ("", MemberRole::Membre, None),
            ("membre", MemberRole::Membre, None),
            ("Membres", MemberRole::Membre, None),
            ("Comité restreint", MemberRole::ComiteRestreint, None),
            ("membre du comité restreint", MemberRole::ComiteRestreint, None),
            ("invité", MemberRole::Invite, None),
            ("Invitée", MemberRole::Invite, None),
            ("invité(e)", MemberRole::Invite, None),
            ("porteur politique", MemberRole::Membre, Some(BinomeRole::PorteurPolitique)),
            ("Porteuse politique", MemberRole::Membre, Some(BinomeRole::PorteurPolitique)),
            ("collaborateur référent", MemberRole::Membre, Some(BinomeRole::CollaborateurReferent)),
            ("Collaboratrice référente", MemberRole::Membre, Some(BinomeRole::CollaborateurReferent)),
            ("collaborateur(trice) référent(e)", MemberRole::Membre, Some(BinomeRole::CollaborateurReferent)),
        ] {
            let member = with("Rôle", value).unwrap_or_else(|errors| panic!("{value}: {errors:?}"));
            assert_eq!((member.joins().role, member.joins().binome), (role, binome), "{value}");
        }
        assert!(with("Rôle", "porteur").is_err());
        assert!(with("Rôle", "référent").is_err());
    }

    #[test]
    fn civilities() {
        for (value, civility) in [
            ("", Civility::None),
            ("M.", Civility::Monsieur),
            ("M", Civility::Monsieur),
            ("monsieur", Civility::Monsieur),
            ("Mme", Civility::Madame),
            ("MADAME", Civility::Madame),
            ("Mlle", Civility::Madame),
            ("Mademoiselle", Civility::Madame),
        ] {
            assert_eq!(with("Civilité", value).map(|member| member.civility), Ok(civility), "{value}");
        }
        for value in ["Mr", "Dr", "Me", "M. ?", "Mmes"] {
            assert!(with("Civilité", value).is_err(), "{value}");
        }
    }

    #[test]
    fn emails_are_checked_only_when_given() {
        assert_eq!(with("Courriel", "").map(|member| member.email), Ok(String::new()));
        assert_eq!(with("Courriel", "a.b@c.fr").map(|member| member.email), Ok("a.b@c.fr".into()));
        for value in ["jean", "jean@", "jean@mairie", "jean @mairie.fr", "a@b@c.fr"] {
            assert_eq!(
                with("Courriel", value),
                Err(vec![format!(
                    "Ligne 2, colonne « Courriel » : « {value} » n'est pas une adresse électronique valide"
                )])
            );
        }
    }

    #[test]
    fn rows_serialise_for_the_preview() {
        let sheet = sheet("Prénom;Nom;Collège\nJean;Dupont;élus\n;Martin;élus\n");
        let json = serde_json::to_value(&sheet).unwrap();
        assert_eq!(json["rows"][0]["parsed"]["Ok"]["membership"]["college"], "elus");
        assert_eq!(json["rows"][1]["raw"]["last_name"], "Martin");
        assert_eq!(json["rows"][1]["parsed"]["Err"][0]["column"], "Prénom");
        assert_eq!(json["rows"][1]["parsed"]["Err"][0]["line"], 3);
    }

    #[test]
    fn every_label_and_stored_name_reads_back_through_write_csv() {
        let headers = ["Civilité", "Prénom", "Nom", "Collège", "Catégorie", "Rôle", "Désignation"];
        let mut rows = Vec::new();
        let mut expected = Vec::new();
        for category in MemberCategory::ALL {
            for (role, binome) in MemberRole::ALL
                .iter()
                .map(|role| (*role, None))
                .chain(BinomeRole::ALL.iter().map(|binome| (MemberRole::Membre, Some(*binome))))
            {
                for civility in Civility::ALL {
                    let role_text = binome.map_or(role.label(), BinomeRole::label);
                    for (college, category_text, role_text) in [
                        (category.college().label(), category.label(), role_text),
                        (
                            category.college().as_str(),
                            category.as_str(),
                            binome.map_or(role.as_str(), BinomeRole::as_str),
                        ),
                    ] {
                        let cells = [
                            civility.as_str(),
                            "Jean",
                            "Dupont",
                            college,
                            category_text,
                            role_text,
                            "Volontariat",
                        ];
                        rows.push(cells.iter().map(|cell| cell.to_string()).collect::<Vec<String>>());
                        expected.push((*civility, category.college(), Some(*category), role, binome));
                    }
                }
            }
        }
        let sheet = read_members(&crate::spreadsheet::write::write_csv(&headers, &rows)).unwrap();
        assert_eq!(sheet.ignored_columns, ["Désignation"]);
        let read: Vec<_> = sheet
            .rows
            .iter()
            .map(|row| {
                let member = member(row);
                (
                    member.civility,
                    member.joins().college,
                    member.joins().category,
                    member.joins().role,
                    member.joins().binome,
                )
            })
            .collect();
        assert_eq!(read, expected);
    }

    #[test]
    fn helpers() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
        assert_eq!(french_list(&["a"], "et"), "a");
        assert_eq!(french_list(&["a", "b", "c"], "ou"), "a, b ou c");
    }
}
