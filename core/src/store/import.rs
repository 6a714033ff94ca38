//! Import of members from a spreadsheet into an atelier: a preview of every row (new person,
//! person already in the directory, or refused with its errors), then every valid row in one
//! transaction. People are matched by e-mail, or by first name + last name + commune.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use rusqlite::{params, Connection, Transaction};
use serde::Serialize;

use super::memberships::{give_place, MEMBER_AT};
use super::people::insert_person;
use super::Store;
use crate::error::{Error, FieldError, Result};
use crate::fr;
use crate::model::membership::BinomeRole;
use crate::model::person::{display_name, Civility, PersonData};
use crate::spreadsheet::members::{
    read_members, read_people, CellError, MemberCandidate, MembersSheet, MembershipCandidate, RawMember,
};
use crate::text::key;

/// What will happen to one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowStatus {
    /// A new person is added to the directory (and to the atelier, if any).
    New,
    /// The row is a person already in the directory (who joins the atelier, if any).
    Matched,
    /// The person is already a member of the atelier: nothing to add.
    AlreadyMember,
    /// The row has errors and is not imported.
    Invalid,
}

/// One row of the preview.
#[derive(Debug, Clone, Serialize)]
pub struct ImportRow {
    /// The row number as the spreadsheet shows it.
    pub line: usize,
    pub raw: RawMember,
    pub status: RowStatus,
    /// The directory's person this row is, when matched.
    pub matched_person: Option<String>,
    pub errors: Vec<CellError>,
    /// What else the import will do (a new commune or organisation…).
    pub notes: Vec<String>,
}

/// The preview of an import: every row, and the counts.
#[derive(Debug, Clone, Serialize)]
pub struct ImportPreview {
    /// The atelier imported into; `None` for the directory alone.
    pub atelier_code: Option<String>,
    pub encoding: &'static str,
    pub separator: String,
    pub ignored_columns: Vec<String>,
    pub rows: Vec<ImportRow>,
    pub new_count: usize,
    pub matched_count: usize,
    pub invalid_count: usize,
}

/// What an import did: `imported: N, matched: M, rejected: R`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ImportOutcome {
    /// New people added to the directory (and to the atelier).
    pub imported: usize,
    /// Rows that were people already in the directory.
    pub matched: usize,
    /// Rows refused for their errors.
    pub rejected: usize,
}

impl ImportOutcome {
    /// The French sentence that says what happened.
    pub fn message(&self) -> String {
        format!(
            "Import terminé : {}, {}, {}.",
            fr::count(self.imported, "nouvelle personne", "nouvelles personnes"),
            fr::count(self.matched, "personne déjà dans l'annuaire", "personnes déjà dans l'annuaire"),
            fr::count(self.rejected, "ligne refusée", "lignes refusées")
        )
    }
}

impl Store {
    /// Reads `file` and tells, row by row, what importing it into atelier `atelier_id` would
    /// do. Writes nothing.
    pub fn preview_import(&self, atelier_id: i64, file: &Path) -> Result<ImportPreview> {
        let sheet = read_sheet(file, read_members)?;
        let code = self.atelier(atelier_id)?.data.code;
        let plan = plan(&self.conn, Some(atelier_id), &sheet, self.today()?)?;
        Ok(preview(Some(code), &sheet, plan))
    }

    /// Reads `file`, a sheet of people ([`read_people`]), and tells row by row what
    /// importing it into the directory alone would do. Writes nothing.
    pub fn preview_people_import(&self, file: &Path) -> Result<ImportPreview> {
        let sheet = read_sheet(file, read_people)?;
        let plan = plan(&self.conn, None, &sheet, self.today()?)?;
        Ok(preview(None, &sheet, plan))
    }

    /// Imports `file`, a sheet of people, into the directory alone, in one transaction:
    /// the rows that are people already in the directory (same e-mail, or same names and
    /// commune) are matched and left as they are; `skip_invalid` as for
    /// [`Store::import_members`].
    pub fn import_people(&mut self, file: &Path, skip_invalid: bool) -> Result<ImportOutcome> {
        let sheet = read_sheet(file, read_people)?;
        let today = self.today()?;
        self.write(|tx| import_planned(tx, None, &sheet, today, skip_invalid))
    }

    /// Imports `file` into atelier `atelier_id`, members from `joined_on`, in one
    /// transaction. With `skip_invalid` false, any invalid row refuses the whole file (every
    /// error listed, nothing written); with it, valid rows are imported and invalid ones
    /// counted as rejected.
    pub fn import_members(
        &mut self,
        atelier_id: i64,
        file: &Path,
        joined_on: NaiveDate,
        skip_invalid: bool,
    ) -> Result<ImportOutcome> {
        let sheet = read_sheet(file, read_members)?;
        self.atelier(atelier_id)?;
        self.write(|tx| import_planned(tx, Some(atelier_id), &sheet, joined_on, skip_invalid))
    }
}

/// Plans `sheet` and writes its valid rows (into atelier `atelier` from `joined_on`, or into
/// the directory alone), refusing the whole sheet for any invalid row unless `skip_invalid`.
fn import_planned(
    tx: &Transaction<'_>,
    atelier: Option<i64>,
    sheet: &MembersSheet,
    joined_on: NaiveDate,
    skip_invalid: bool,
) -> Result<ImportOutcome> {
    let plan = plan(tx, atelier, sheet, joined_on)?;
    let errors: Vec<FieldError> = plan
        .iter()
        .flat_map(|p| p.errors.iter())
        .map(|e| FieldError::new(format!("ligne.{}.{}", e.line, e.column), e.message.clone()))
        .collect();
    if !errors.is_empty() && !skip_invalid {
        return Err(Error::Invalid(errors));
    }
    execute(tx, atelier, sheet, &plan, joined_on)
}

/// The sheet of `file`, read by `read` ([`read_members`] or [`read_people`]).
fn read_sheet(
    file: &Path,
    read: fn(&[u8]) -> std::result::Result<MembersSheet, String>,
) -> Result<MembersSheet> {
    let bytes = std::fs::read(file).map_err(|e| Error::io(file, e))?;
    read(&bytes).map_err(|reason| Error::NotATable { path: file.to_path_buf(), reason })
}

/// Who a valid row is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Who {
    /// A new person; a later row of the same file may match them (by their index).
    New,
    Existing {
        id: i64,
        name: String,
        already_member: bool,
    },
    /// Same person as an earlier new row of the file.
    SameAsRow(usize),
}

/// The plan for one row.
struct Planned {
    who: Option<Who>,
    errors: Vec<CellError>,
    notes: Vec<String>,
}

/// The directory's people, indexed the way rows are matched.
struct Directory {
    by_email: HashMap<String, (i64, String)>,
    by_name: HashMap<String, (i64, String)>,
    members: std::collections::HashSet<i64>,
}

fn name_key(first: &str, last: &str, commune: &str) -> String {
    format!("{}|{}|{}", key(first), key(last), key(commune))
}

/// The directory's people by e-mail and by names and commune, and the members of `atelier`
/// (at `at` or joining later), none without an atelier.
fn directory(conn: &Connection, atelier: Option<i64>, at: NaiveDate) -> Result<Directory> {
    let mut dir =
        Directory { by_email: HashMap::new(), by_name: HashMap::new(), members: Default::default() };
    let mut stmt = conn.prepare(
        "SELECT p.id, p.civility, p.first_name, p.last_name, p.email, coalesce(c.name, '')
         FROM people p LEFT JOIN communes c ON c.id = p.commune_id
         WHERE p.anonymised_at IS NULL ORDER BY p.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, Civility>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
        ))
    })?;
    for row in rows {
        let (id, civility, first, last, email, commune) = row?;
        let name = display_name(civility, &first, &last);
        if !email.is_empty() {
            dir.by_email.entry(email.to_lowercase()).or_insert((id, name.clone()));
        }
        dir.by_name.entry(name_key(&first, &last, &commune)).or_insert((id, name));
    }
    let Some(atelier_id) = atelier else { return Ok(dir) };
    let mut stmt = conn.prepare(&format!(
        "SELECT DISTINCT m.person_id FROM memberships m
         WHERE m.atelier_id = ?2 AND (({MEMBER_AT}) OR m.joined_on > ?1)"
    ))?;
    for id in stmt.query_map(params![at, atelier_id], |r| r.get::<_, i64>(0))? {
        dir.members.insert(id?);
    }
    Ok(dir)
}

/// Decides, row by row, who each row is and what is wrong with it.
fn plan(
    conn: &Connection,
    atelier: Option<i64>,
    sheet: &MembersSheet,
    at: NaiveDate,
) -> Result<Vec<Planned>> {
    let dir = directory(conn, atelier, at)?;
    // The places of the binôme already held on the day the members join (none to hold in
    // the directory alone).
    let binome: (bool, bool) = match atelier {
        None => (false, false),
        Some(atelier_id) => conn.query_row(
            &format!(
                "SELECT EXISTS (SELECT 1 FROM memberships m WHERE m.atelier_id = ?2 AND {MEMBER_AT}
                              AND m.binome = 'porteur_politique'),
                    EXISTS (SELECT 1 FROM memberships m WHERE m.atelier_id = ?2 AND {MEMBER_AT}
                              AND m.binome = 'collaborateur_referent')"
            ),
            params![at, atelier_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?,
    };
    let places = Places::load(conn)?;
    let mut new_rows: HashMap<String, usize> = HashMap::new();
    let mut binome_rows: HashMap<BinomeRole, usize> = HashMap::new();
    let mut plan = Vec::with_capacity(sheet.rows.len());
    for (index, row) in sheet.rows.iter().enumerate() {
        let candidate = match &row.parsed {
            Ok(c) => c,
            Err(errors) => {
                plan.push(Planned { who: None, errors: errors.clone(), notes: vec![] });
                continue;
            }
        };
        let mut errors = Vec::new();
        let mut notes = Vec::new();
        let email = candidate.email.to_lowercase();
        let name = name_key(&candidate.first_name, &candidate.last_name, &candidate.commune);
        let existing = (!email.is_empty())
            .then(|| dir.by_email.get(&email))
            .flatten()
            .or_else(|| dir.by_name.get(&name));
        let earlier = (!email.is_empty())
            .then(|| new_rows.get(&format!("@{email}")))
            .flatten()
            .or_else(|| new_rows.get(&name))
            .copied();
        let who = match (existing, earlier) {
            (Some((id, found)), _) => {
                Who::Existing { id: *id, name: found.clone(), already_member: dir.members.contains(id) }
            }
            (None, Some(first)) => Who::SameAsRow(first),
            (None, None) => {
                if !email.is_empty() {
                    new_rows.insert(format!("@{email}"), index);
                }
                new_rows.insert(name, index);
                Who::New
            }
        };
        if !candidate.commune.is_empty() && !places.communes.contains_key(&key(&candidate.commune)) {
            notes.push(format!("la commune « {} » sera ajoutée", candidate.commune));
        }
        if !candidate.organisation.is_empty()
            && !places.organisations.contains_key(&key(&candidate.organisation))
        {
            notes.push(format!("l'organisation « {} » sera ajoutée", candidate.organisation));
        }
        if let Some(role) = candidate.membership.as_ref().and_then(|m| m.binome) {
            let taken = match role {
                BinomeRole::PorteurPolitique => binome.0,
                BinomeRole::CollaborateurReferent => binome.1,
            };
            if taken || binome_rows.contains_key(&role) {
                errors.push(CellError {
                    line: row.line,
                    column: "Rôle".into(),
                    message: format!(
                        "Ligne {}, colonne « Rôle » : l'atelier a déjà un(e) {}",
                        row.line,
                        role.label().to_lowercase()
                    ),
                });
            } else {
                binome_rows.insert(role, index);
            }
        }
        plan.push(Planned { who: Some(who).filter(|_| errors.is_empty()), errors, notes });
    }
    Ok(plan)
}

fn preview(atelier_code: Option<String>, sheet: &MembersSheet, plan: Vec<Planned>) -> ImportPreview {
    let mut rows = Vec::with_capacity(plan.len());
    for (row, planned) in sheet.rows.iter().zip(plan) {
        let (status, matched_person) = match &planned.who {
            None => (RowStatus::Invalid, None),
            Some(Who::New) => (RowStatus::New, None),
            Some(Who::SameAsRow(first)) => (
                RowStatus::AlreadyMember,
                Some(format!("même personne que la ligne {}", sheet.rows[*first].line)),
            ),
            Some(Who::Existing { name, already_member, .. }) => (
                if *already_member { RowStatus::AlreadyMember } else { RowStatus::Matched },
                Some(name.clone()),
            ),
        };
        rows.push(ImportRow {
            line: row.line,
            raw: row.raw.clone(),
            status,
            matched_person,
            errors: planned.errors,
            notes: planned.notes,
        });
    }
    let count = |s: RowStatus| rows.iter().filter(|r| r.status == s).count();
    ImportPreview {
        atelier_code,
        encoding: sheet.encoding,
        separator: sheet.separator.to_string(),
        ignored_columns: sheet.ignored_columns.clone(),
        new_count: count(RowStatus::New),
        matched_count: count(RowStatus::Matched) + count(RowStatus::AlreadyMember),
        invalid_count: count(RowStatus::Invalid),
        rows,
    }
}

/// Writes the valid rows of the plan.
fn execute(
    tx: &Transaction<'_>,
    atelier: Option<i64>,
    sheet: &MembersSheet,
    plan: &[Planned],
    joined_on: NaiveDate,
) -> Result<ImportOutcome> {
    let mut outcome = ImportOutcome { imported: 0, matched: 0, rejected: 0 };
    let mut created: HashMap<usize, i64> = HashMap::new();
    let mut places = Places::load(tx)?;
    for (index, (row, planned)) in sheet.rows.iter().zip(plan).enumerate() {
        let (Some(who), Ok(candidate)) = (&planned.who, &row.parsed) else {
            outcome.rejected += 1;
            continue;
        };
        // The atelier joined and the row's membership: none for the directory alone.
        let joining = atelier.zip(candidate.membership.as_ref());
        let person = match who {
            Who::New => {
                let id = add_person(tx, &mut places, candidate)?;
                created.insert(index, id);
                outcome.imported += 1;
                id
            }
            Who::SameAsRow(first) => {
                outcome.matched += 1;
                if let (Some(id), Some(joining)) = (created.get(first), joining) {
                    set_binome(tx, joining, *id, joined_on)?;
                }
                continue;
            }
            Who::Existing { id, already_member, .. } => {
                outcome.matched += 1;
                if *already_member {
                    if let Some(joining) = joining {
                        set_binome(tx, joining, *id, joined_on)?;
                    }
                    continue;
                }
                *id
            }
        };
        let Some((atelier_id, membership)) = joining else { continue };
        tx.prepare_cached(
            "INSERT INTO memberships (person_id, atelier_id, college, category, role, organisation_id,
                                      commune_id, joined_on)
             SELECT p.id, ?2, ?3, ?4, ?5, p.organisation_id, p.commune_id, ?6 FROM people p WHERE p.id = ?1",
        )?
        .execute(params![
            person,
            atelier_id,
            membership.college,
            membership.category,
            membership.role,
            joined_on
        ])?;
        set_binome(tx, (atelier_id, membership), person, joined_on)?;
    }
    Ok(outcome)
}

/// The row's place in the binôme, if any, goes to `person` from the day they join the
/// atelier.
fn set_binome(
    tx: &Transaction<'_>,
    (atelier_id, membership): (i64, &MembershipCandidate),
    person: i64,
    on: NaiveDate,
) -> Result<()> {
    match membership.binome {
        Some(role) => give_place(tx, atelier_id, role, Some(person), on),
        None => Ok(()),
    }
}

/// The communes and organisations by folded name, filled as rows name new ones.
struct Places {
    communes: HashMap<String, i64>,
    organisations: HashMap<String, i64>,
}

impl Places {
    fn load(conn: &Connection) -> Result<Places> {
        let by_key = |table: &str| -> Result<HashMap<String, i64>> {
            let mut stmt = conn.prepare(&format!("SELECT id, name FROM {table} ORDER BY id DESC"))?;
            let rows = stmt.query_map([], |r| Ok((key(&r.get::<_, String>(1)?), r.get::<_, i64>(0)?)))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        Ok(Places { communes: by_key("communes")?, organisations: by_key("organisations")? })
    }

    /// The id of the commune or organisation named `name` (case and accents aside), added
    /// when missing; `None` for an empty name.
    fn id(&mut self, tx: &Transaction<'_>, organisation: bool, name: &str) -> Result<Option<i64>> {
        if name.is_empty() {
            return Ok(None);
        }
        let (known, insert) = if organisation {
            (
                &mut self.organisations,
                "INSERT INTO organisations (name, kind) VALUES (?1, 'autre') RETURNING id",
            )
        } else {
            (&mut self.communes, "INSERT INTO communes (name) VALUES (?1) RETURNING id")
        };
        if let Some(id) = known.get(&key(name)) {
            return Ok(Some(*id));
        }
        let id: i64 = tx.query_row(insert, [name], |r| r.get(0))?;
        known.insert(key(name), id);
        Ok(Some(id))
    }
}

/// Adds candidate `c` to the directory, its commune and organisation found (or added) by name.
fn add_person(tx: &Transaction<'_>, places: &mut Places, c: &MemberCandidate) -> Result<i64> {
    let data = PersonData {
        civility: c.civility,
        first_name: c.first_name.clone(),
        last_name: c.last_name.clone(),
        function: c.function.clone(),
        commune_id: places.id(tx, false, &c.commune)?,
        organisation_id: places.id(tx, true, &c.organisation)?,
        email: c.email.clone(),
        phone: c.phone.clone(),
        notes: String::new(),
        postal: c.postal.clone(),
    };
    insert_person(tx, &data)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup(csv: &str) -> (Store, i64, tempfile::TempDir, std::path::PathBuf) {
        let (store, atelier) = crate::store::testing::base_with_atelier();
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("membres.csv");
        std::fs::write(&file, csv).unwrap();
        (store, atelier, dir, file)
    }

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 1, 5).unwrap()
    }

    #[test]
    fn the_binome_comes_from_the_role_column_once() {
        let (mut store, atelier, _dir, file) = setup(
            "Prénom;Nom;Collège;Rôle\nAnne;Klein;élus;Porteuse politique\nMarc;Roth;experts;collaborateur référent\nLuc;Bloch;élus;porteur politique\n",
        );
        let preview = store.preview_import(atelier, &file).unwrap();
        assert_eq!(preview.rows[2].status, RowStatus::Invalid);
        assert!(preview.rows[2].errors[0].message.contains("déjà un(e) porteur politique"));
        let outcome = store.import_members(atelier, &file, day(), true).unwrap();
        assert_eq!(outcome, ImportOutcome { imported: 2, matched: 0, rejected: 1 });
        let members = store.atelier_members(atelier, day()).unwrap();
        let place_of = |last: &str| members.iter().find(|m| m.last_name == last).and_then(|m| m.binome);
        assert_eq!(place_of("Klein"), Some(BinomeRole::PorteurPolitique));
        assert_eq!(place_of("Roth"), Some(BinomeRole::CollaborateurReferent));
    }

    #[test]
    fn the_same_person_twice_in_a_file_is_added_once_and_a_new_commune_is_created() {
        let (mut store, atelier, _dir, file) = setup(
            "Prénom;Nom;Commune;Courriel;Collège\nAnne;Klein;Habsheim;anne@exemple.fr;élus\nAnne;Klein;Habsheim;ANNE@exemple.fr;élus\n",
        );
        let preview = store.preview_import(atelier, &file).unwrap();
        assert_eq!(preview.rows[0].status, RowStatus::New);
        assert_eq!(preview.rows[0].notes, ["la commune « Habsheim » sera ajoutée"]);
        assert_eq!(preview.rows[1].status, RowStatus::AlreadyMember);
        let outcome = store.import_members(atelier, &file, day(), false).unwrap();
        assert_eq!(outcome, ImportOutcome { imported: 1, matched: 1, rejected: 0 });
        assert_eq!(store.list_people().unwrap().len(), 1);
        assert_eq!(store.find_communes("", 10).unwrap().total, 1);
        assert_eq!(store.atelier_members(atelier, day()).unwrap().len(), 1);
        // Imported again: matched, already a member, nothing added.
        let again = store.import_members(atelier, &file, day(), false).unwrap();
        assert_eq!(again, ImportOutcome { imported: 0, matched: 2, rejected: 0 });
        assert_eq!(store.atelier_members(atelier, day()).unwrap().len(), 1);
    }

    #[test]
    fn without_skip_invalid_one_bad_row_writes_nothing() {
        let (mut store, atelier, _dir, file) =
            setup("Prénom;Nom;Collège\nAnne;Klein;élus\n\"Marc\nJean\";Roth;martiens\n");
        let err = store.import_members(atelier, &file, day(), false).unwrap_err();
        assert_eq!(err.fields().len(), 1);
        assert_eq!(err.fields()[0].field, "ligne.3.Collège", "a quoted cell with a line break is one row");
        assert!(store.list_people().unwrap().is_empty());
    }

    #[test]
    fn a_stray_byte_of_another_encoding_refuses_its_row_only() {
        let (mut store, atelier, _dir, file) = setup("");
        let bytes = b"Pr\xc3\xa9nom;Nom;Coll\xc3\xa8ge\nH\xc3\xa9l\xc3\xa8ne;Klein;\xc3\xa9lus\nAndr\xe9;Roth;experts\n";
        std::fs::write(&file, bytes).unwrap();
        let err = store.import_members(atelier, &file, day(), false).unwrap_err();
        let fields: Vec<&str> = err.fields().iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["ligne.3.Prénom"]);
        assert!(err.fields()[0]
            .message
            .starts_with("Ligne 3, colonne « Prénom » : octets invalides E9 dans « Andr� »"));
        assert!(store.list_people().unwrap().is_empty());
        let outcome = store.import_members(atelier, &file, day(), true).unwrap();
        assert_eq!(outcome, ImportOutcome { imported: 1, matched: 0, rejected: 1 });
        assert_eq!(store.list_people().unwrap()[0].first_name, "Hélène", "read as UTF-8");
    }

    #[test]
    fn a_directory_sheet_adds_people_to_no_atelier_and_matches_those_already_there() {
        // Hélène is in the directory already.
        let (mut store, _, _dir, file) =
            setup("Prénom;Nom;Commune;Courriel\nHélène;Dupont;Mulhouse;h.dupont@mulhouse.fr\n");
        let preview = store.preview_people_import(&file).unwrap();
        assert_eq!((preview.atelier_code.as_deref(), preview.new_count), (None, 1));
        store.import_people(&file, false).unwrap();

        // The élus of the agglomération, with a column of a members' sheet that the directory
        // does not read.
        std::fs::write(
            &file,
            "Civilité;Prénom;Nom;Fonction;Commune;Courriel;Collège\n\
             Mme;Hélène;Dupont;Maire;Mulhouse;H.Dupont@mulhouse.fr;élus\n\
             M.;Jean;Martin;Adjoint;Illzach;;n'importe quoi\n\
             ;;Sans-Prénom;;;;\n",
        )
        .unwrap();
        let preview = store.preview_people_import(&file).unwrap();
        assert_eq!(preview.ignored_columns, ["Collège"], "not read for the directory");
        let statuses: Vec<RowStatus> = preview.rows.iter().map(|r| r.status).collect();
        assert_eq!(statuses, [RowStatus::Matched, RowStatus::New, RowStatus::Invalid]);
        assert_eq!(preview.rows[1].notes, ["la commune « Illzach » sera ajoutée"]);
        assert_eq!(
            preview.rows[2].errors[0].message,
            "Ligne 4, colonne « Prénom » : le prénom est obligatoire"
        );
        let err = store.import_people(&file, false).unwrap_err();
        assert!(err.to_string().contains("le prénom est obligatoire"), "{err}");
        assert_eq!(store.list_people().unwrap().len(), 1, "nothing written");

        let outcome = store.import_people(&file, true).unwrap();
        assert_eq!(outcome, ImportOutcome { imported: 1, matched: 1, rejected: 1 });
        let people = store.list_people().unwrap();
        assert_eq!(people.len(), 2);
        let members: i64 =
            store.conn.query_row("SELECT count(*) FROM memberships", [], |r| r.get(0)).unwrap();
        assert_eq!(members, 0, "nobody joined an atelier");
        let again = store.import_people(&file, true).unwrap();
        assert_eq!(
            again,
            ImportOutcome { imported: 0, matched: 2, rejected: 1 },
            "imported twice, added once"
        );
    }

    #[test]
    fn a_directory_sheet_needs_prenom_and_nom_only() {
        let (store, _, _dir, file) = setup("Nom;Commune\nDupont;Mulhouse\n");
        let err = store.preview_people_import(&file).unwrap_err();
        assert!(
            err.to_string()
                .contains("la colonne « Prénom » est absente : les colonnes obligatoires sont Prénom et Nom"),
            "{err}"
        );
    }
}
