//! People (the directory), communes and organisations.

use rusqlite::{params, OptionalExtension, Transaction};

use super::Store;
use crate::error::{Error, Problems, Result};
use crate::model::person::{PeoplePage, PeopleSort, Person, PersonData, PersonInput, PersonSummary};
use crate::model::postal::{derived_salutation, Postal};

/// The columns of a [`PersonSummary`], for every query that lists people.
const SUMMARY_COLUMNS: &str = "p.id, p.civility, p.first_name, p.last_name, p.email, p.function,
     o.name, c.name, p.archived";

/// The joins those columns need.
const SUMMARY_JOINS: &str = "FROM people p
     LEFT JOIN organisations o ON o.id = p.organisation_id
     LEFT JOIN communes c ON c.id = p.commune_id";

pub(super) fn summary_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<PersonSummary> {
    Ok(PersonSummary {
        id: row.get(0)?,
        civility: row.get(1)?,
        first_name: row.get(2)?,
        last_name: row.get(3)?,
        email: row.get(4)?,
        function: row.get(5)?,
        organisation: row.get(6)?,
        commune: row.get(7)?,
        archived: row.get(8)?,
    })
}

/// The FTS5 query for what the user typed: every word as a prefix, all required; folded
/// as the index is (accents, œ, æ, ß). `None` when nothing searchable was typed.
pub(super) fn fts_query(typed: &str) -> Option<String> {
    let folded = crate::text::fold(typed);
    let words: Vec<String> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

impl Store {
    /// Every person, archived ones included, by last then first name.
    pub fn list_people(&self) -> Result<Vec<PersonSummary>> {
        Ok(self.search_people("", true, PeopleSort::Name, i64::MAX)?.rows)
    }

    /// The directory: people matching `query` (every word, as a prefix, in names, commune,
    /// organisation, function or e-mail; accents ignored), sorted, at most `limit` rows,
    /// with the total number found.
    pub fn search_people(
        &self,
        query: &str,
        include_archived: bool,
        sort: PeopleSort,
        limit: i64,
    ) -> Result<PeoplePage> {
        let order = match sort {
            PeopleSort::Name => "p.last_name COLLATE NOCASE, p.first_name COLLATE NOCASE, p.id",
            PeopleSort::Commune => {
                "c.name IS NULL, c.name COLLATE NOCASE, p.last_name COLLATE NOCASE, p.first_name COLLATE NOCASE, p.id"
            }
            PeopleSort::Organisation => {
                "o.name IS NULL, o.name COLLATE NOCASE, p.last_name COLLATE NOCASE, p.first_name COLLATE NOCASE, p.id"
            }
        };
        let filter = "(?1 IS NULL OR p.id IN (SELECT rowid FROM people_search WHERE people_search MATCH ?1))
                      AND (?2 OR p.archived = 0)";
        let fts = fts_query(query);
        let total: i64 = self.conn.query_row(
            &format!("SELECT count(*) {SUMMARY_JOINS} WHERE {filter}"),
            params![fts, include_archived],
            |r| r.get(0),
        )?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {SUMMARY_COLUMNS} {SUMMARY_JOINS} WHERE {filter} ORDER BY {order} LIMIT ?3"
        ))?;
        let rows = stmt
            .query_map(params![fts, include_archived, limit], summary_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(PeoplePage { total, rows })
    }

    /// One person.
    pub fn person(&self, id: i64) -> Result<Person> {
        read_person(&self.conn, id)
    }

    /// Checks and adds a person to the directory.
    pub fn create_person(&mut self, input: PersonInput) -> Result<Person> {
        let data = input.check()?;
        let id = self.write(|tx| insert_person(tx, &data))?;
        self.person(id)
    }

    /// Checks and replaces the details of person `id`.
    pub fn update_person(&mut self, id: i64, input: PersonInput) -> Result<Person> {
        let data = input.check()?;
        self.write(|tx| {
            let person = read_person(tx, id)?;
            if person.anonymised_at.is_some() {
                return Err(Error::Refused(
                    "Cette personne a été effacée à sa demande : sa fiche ne peut plus être modifiée".into(),
                ));
            }
            check_links(tx, &data)?;
            write_person(tx, id, &data)
        })?;
        self.person(id)
    }

    /// Archives (or brings back) person `id`: an archived person leaves the directory's
    /// default view but keeps every membership and attendance.
    pub fn set_person_archived(&mut self, id: i64, archived: bool) -> Result<Person> {
        self.write(|tx| {
            read_person(tx, id)?;
            tx.execute("UPDATE people SET archived = ?2 WHERE id = ?1", params![id, archived])?;
            Ok(())
        })?;
        self.person(id)
    }
}

/// Checks `data` against the base (its commune and organisation exist) and inserts it in
/// one statement; returns the new identifier. The one way a person enters the directory:
/// the form, a new member, the import and the demonstration data (these two resolve the
/// names of communes and organisations to identifiers first).
pub(super) fn insert_person(tx: &Transaction<'_>, data: &PersonData) -> Result<i64> {
    check_links(tx, data)?;
    tx.prepare_cached(
        "INSERT INTO people (civility, first_name, last_name, function, commune_id, organisation_id,
                             email, phone, notes, address_lines, postcode, town, salutation)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        data.civility,
        data.first_name,
        data.last_name,
        data.function,
        data.commune_id,
        data.organisation_id,
        data.email,
        data.phone,
        data.notes,
        data.postal.address_lines,
        data.postal.postcode,
        data.postal.town,
        data.postal.salutation
    ])?;
    Ok(tx.last_insert_rowid())
}

/// The commune and organisation chosen still exist.
fn check_links(tx: &Transaction<'_>, data: &PersonData) -> Result<()> {
    let mut problems = Problems::default();
    for (field, table, what, id) in [
        ("commune_id", "communes", "La commune choisie", data.commune_id),
        ("organisation_id", "organisations", "L'organisation choisie", data.organisation_id),
    ] {
        let Some(id) = id else { continue };
        let sql = format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)");
        if !tx.prepare_cached(&sql)?.query_row([id], |r| r.get::<_, bool>(0))? {
            problems.add(field, format!("{what} n'existe plus"));
        }
    }
    problems.into_result(())
}

fn write_person(tx: &Transaction<'_>, id: i64, data: &PersonData) -> Result<()> {
    tx.execute(
        "UPDATE people SET civility = ?2, first_name = ?3, last_name = ?4, function = ?5,
                commune_id = ?6, organisation_id = ?7, email = ?8, phone = ?9, notes = ?10,
                address_lines = ?11, postcode = ?12, town = ?13, salutation = ?14
         WHERE id = ?1",
        params![
            id,
            data.civility,
            data.first_name,
            data.last_name,
            data.function,
            data.commune_id,
            data.organisation_id,
            data.email,
            data.phone,
            data.notes,
            data.postal.address_lines,
            data.postal.postcode,
            data.postal.town,
            data.postal.salutation
        ],
    )?;
    Ok(())
}

pub(super) fn read_person(conn: &rusqlite::Connection, id: i64) -> Result<Person> {
    conn.query_row(
        "SELECT p.civility, p.first_name, p.last_name, p.function, p.commune_id, p.organisation_id,
                p.email, p.phone, p.notes, c.name, o.name, p.archived, p.anonymised_at,
                p.address_lines, p.postcode, p.town, p.salutation
         FROM people p
         LEFT JOIN communes c ON c.id = p.commune_id
         LEFT JOIN organisations o ON o.id = p.organisation_id
         WHERE p.id = ?1",
        [id],
        |r| {
            let civility = r.get(0)?;
            let function: String = r.get(3)?;
            Ok(Person {
                id,
                default_salutation: derived_salutation(civility, &function),
                data: PersonData {
                    civility,
                    first_name: r.get(1)?,
                    last_name: r.get(2)?,
                    function,
                    commune_id: r.get(4)?,
                    organisation_id: r.get(5)?,
                    email: r.get(6)?,
                    phone: r.get(7)?,
                    notes: r.get(8)?,
                    postal: Postal {
                        address_lines: r.get(13)?,
                        postcode: r.get(14)?,
                        town: r.get(15)?,
                        salutation: r.get(16)?,
                    },
                },
                commune: r.get(9)?,
                organisation: r.get(10)?,
                archived: r.get(11)?,
                anonymised_at: r.get(12)?,
            })
        },
    )
    .optional()?
    .ok_or(Error::NotFound { what: "La personne", id })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(first: &str, last: &str, email: &str) -> PersonInput {
        PersonInput {
            first_name: first.into(),
            last_name: last.into(),
            email: email.into(),
            ..PersonInput::default()
        }
    }

    fn found(store: &Store, query: &str) -> Vec<String> {
        store
            .search_people(query, false, PeopleSort::Name, 50)
            .unwrap()
            .rows
            .into_iter()
            .map(|p| p.last_name)
            .collect()
    }

    #[test]
    fn the_directory_is_searched_without_accents_ligatures_or_case() {
        let mut store = Store::open_in_memory().unwrap();
        store.create_person(person("Hélène", "Dupont-Meyer", "h.dupont@exemple.fr")).unwrap();
        store.create_person(person("Loïc", "Bœuf", "")).unwrap();
        store.create_person(person("Jean", "Martin", "jean.martin@ville.fr")).unwrap();
        assert_eq!(found(&store, "helene"), ["Dupont-Meyer"]);
        assert_eq!(found(&store, "HÉLÈ"), ["Dupont-Meyer"]);
        assert_eq!(found(&store, "boeuf"), ["Bœuf"]);
        assert_eq!(found(&store, "loic b"), ["Bœuf"]);
        assert_eq!(found(&store, "ville"), ["Martin"], "e-mail is searched");
        assert_eq!(found(&store, "\"; DROP"), Vec::<String>::new(), "quotes are harmless");
        assert_eq!(found(&store, "").len(), 3);
    }

    #[test]
    fn an_edit_and_an_archive_are_seen_by_the_search() {
        let mut store = Store::open_in_memory().unwrap();
        let p = store.create_person(person("Anne", "Klein", "")).unwrap();
        store.update_person(p.id, person("Anne", "Schwartz", "")).unwrap();
        assert_eq!(found(&store, "klein"), Vec::<String>::new());
        assert_eq!(found(&store, "schwartz"), ["Schwartz"]);
        store.set_person_archived(p.id, true).unwrap();
        assert!(found(&store, "schwartz").is_empty(), "archived people are hidden by default");
        let all = store.search_people("schwartz", true, PeopleSort::Name, 50).unwrap();
        assert_eq!(all.total, 1);
    }

    #[test]
    fn a_person_without_last_name_is_refused_and_nothing_is_written() {
        let mut store = Store::open_in_memory().unwrap();
        let err = store.create_person(person("Anne", " ", "pas-une-adresse")).unwrap_err();
        let fields: Vec<&str> = err.fields().iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["last_name", "email"]);
        assert!(store.list_people().unwrap().is_empty());
    }
}
