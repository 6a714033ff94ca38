//! The communes and organisations themselves: listed with how much of the base names each,
//! created, renamed (a commune's INSEE code, an organisation's kind), two duplicates merged
//! (everything that named the one names the other) and an unused one deleted.

use rusqlite::{params, OptionalExtension, Transaction};

use super::Store;
use crate::error::{Error, Result};
use crate::fr;
use crate::model::places::{CommuneEntry, CommuneInput, Found, OrganisationEntry, OrganisationInput};
use crate::text::words;

impl Store {
    /// The communes whose name holds `query` (without regard to case or accents) or whose
    /// INSEE code starts with it — every commune when `query` is blank —, the closest first
    /// (same name, then name starting with it), then by name and code: how many there are
    /// and the first `limit`, with how many people, memberships and ateliers name each.
    pub fn find_communes(&self, query: &str, limit: usize) -> Result<Found<CommuneEntry>> {
        let mut stmt = self.conn.prepare_cached("SELECT id, name, insee_code FROM communes")?;
        let all = stmt.query_map([], |r| {
            let code: Option<String> = r.get(2)?;
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, code.unwrap_or_default()))
        })?;
        let found = closest(query, all.collect::<rusqlite::Result<Vec<_>>>()?, limit);
        let mut entry = self.conn.prepare_cached(&format!("{COMMUNE_ENTRIES} WHERE c.id = ?1"))?;
        let rows: rusqlite::Result<Vec<_>> =
            found.ids.iter().map(|id| entry.query_row([id], commune_entry)).collect();
        Ok(Found { total: found.total, rows: rows? })
    }

    /// The organisations whose name holds `query`, found and ordered as
    /// [`Store::find_communes`] does.
    pub fn find_organisations(&self, query: &str, limit: usize) -> Result<Found<OrganisationEntry>> {
        let mut stmt = self.conn.prepare_cached("SELECT id, name FROM organisations")?;
        let all = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, String::new())))?;
        let found = closest(query, all.collect::<rusqlite::Result<Vec<_>>>()?, limit);
        let mut entry = self.conn.prepare_cached(&format!("{ORGANISATION_ENTRIES} WHERE o.id = ?1"))?;
        let rows: rusqlite::Result<Vec<_>> =
            found.ids.iter().map(|id| entry.query_row([id], organisation_entry)).collect();
        Ok(Found { total: found.total, rows: rows? })
    }

    /// Adds a commune (`id` `None`) or changes commune `id`; returns its id. Refused when
    /// another commune has its INSEE code.
    pub fn save_commune(&mut self, id: Option<i64>, input: CommuneInput) -> Result<i64> {
        let data = input.check()?;
        self.write(|tx| {
            if let Some(code) = &data.insee_code {
                let other: Option<String> = tx
                    .query_row(
                        "SELECT name FROM communes WHERE insee_code = ?1 AND id IS NOT ?2",
                        params![code, id],
                        |r| r.get(0),
                    )
                    .optional()?;
                if let Some(other) = other {
                    return Err(Error::invalid(
                        "insee_code",
                        format!("Le code INSEE {code} est déjà celui de la commune « {other} »"),
                    ));
                }
            }
            match id {
                None => Ok(tx.query_row(
                    "INSERT INTO communes (name, insee_code) VALUES (?1, ?2) RETURNING id",
                    params![data.name, data.insee_code],
                    |r| r.get(0),
                )?),
                Some(id) => {
                    let changed = tx.execute(
                        "UPDATE communes SET name = ?2, insee_code = ?3 WHERE id = ?1",
                        params![id, data.name, data.insee_code],
                    )?;
                    if changed == 0 {
                        return Err(Error::NotFound { what: "La commune", id });
                    }
                    Ok(id)
                }
            }
        })
    }

    /// Adds an organisation (`id` `None`) or changes organisation `id`; returns its id.
    /// Refused when another organisation has its name.
    pub fn save_organisation(&mut self, id: Option<i64>, input: OrganisationInput) -> Result<i64> {
        let data = input.check()?;
        self.write(|tx| {
            let taken: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM organisations WHERE name = ?1 COLLATE NOCASE AND id IS NOT ?2)",
                params![data.name, id],
                |r| r.get(0),
            )?;
            if taken {
                return Err(Error::invalid(
                    "name",
                    format!("L'organisation « {} » existe déjà : fusionnez plutôt les deux", data.name),
                ));
            }
            match id {
                None => Ok(tx.query_row(
                    "INSERT INTO organisations (name, kind) VALUES (?1, ?2) RETURNING id",
                    params![data.name, data.kind],
                    |r| r.get(0),
                )?),
                Some(id) => {
                    let changed = tx.execute(
                        "UPDATE organisations SET name = ?2, kind = ?3 WHERE id = ?1",
                        params![id, data.name, data.kind],
                    )?;
                    if changed == 0 {
                        return Err(Error::NotFound { what: "L'organisation", id });
                    }
                    Ok(id)
                }
            }
        })
    }

    /// Merges commune `duplicate` into commune `kept`, in one transaction: the people,
    /// memberships and ateliers that named the duplicate name the kept one, which takes the
    /// duplicate's INSEE code if it has none; the duplicate is deleted.
    pub fn merge_communes(&mut self, kept: i64, duplicate: i64) -> Result<()> {
        if kept == duplicate {
            return Err(Error::Refused("Une commune ne se fusionne pas avec elle-même".into()));
        }
        self.write(|tx| {
            let code: Option<String> = tx
                .query_row("SELECT insee_code FROM communes WHERE id = ?1", [duplicate], |r| r.get(0))
                .optional()?
                .ok_or(Error::NotFound { what: "La commune", id: duplicate })?;
            exists(tx, "communes", kept, "La commune")?;
            tx.execute("UPDATE people SET commune_id = ?1 WHERE commune_id = ?2", params![kept, duplicate])?;
            tx.execute(
                "UPDATE memberships SET commune_id = ?1 WHERE commune_id = ?2",
                params![kept, duplicate],
            )?;
            tx.execute(
                "INSERT OR IGNORE INTO atelier_communes (atelier_id, commune_id)
                 SELECT atelier_id, ?1 FROM atelier_communes WHERE commune_id = ?2",
                params![kept, duplicate],
            )?;
            tx.execute("DELETE FROM atelier_communes WHERE commune_id = ?1", [duplicate])?;
            tx.execute("DELETE FROM communes WHERE id = ?1", [duplicate])?;
            tx.execute(
                "UPDATE communes SET insee_code = ?2 WHERE id = ?1 AND insee_code IS NULL",
                params![kept, code],
            )?;
            Ok(())
        })
    }

    /// Merges organisation `duplicate` into organisation `kept`, in one transaction.
    pub fn merge_organisations(&mut self, kept: i64, duplicate: i64) -> Result<()> {
        if kept == duplicate {
            return Err(Error::Refused("Une organisation ne se fusionne pas avec elle-même".into()));
        }
        self.write(|tx| {
            exists(tx, "organisations", duplicate, "L'organisation")?;
            exists(tx, "organisations", kept, "L'organisation")?;
            tx.execute(
                "UPDATE people SET organisation_id = ?1 WHERE organisation_id = ?2",
                params![kept, duplicate],
            )?;
            tx.execute(
                "UPDATE memberships SET organisation_id = ?1 WHERE organisation_id = ?2",
                params![kept, duplicate],
            )?;
            tx.execute("DELETE FROM organisations WHERE id = ?1", [duplicate])?;
            Ok(())
        })
    }

    /// Deletes commune `id`, refused with what still names it.
    pub fn delete_commune(&mut self, id: i64) -> Result<()> {
        let entry = self
            .conn
            .query_row(&format!("{COMMUNE_ENTRIES} WHERE c.id = ?1"), [id], commune_entry)
            .optional()?
            .ok_or(Error::NotFound { what: "La commune", id })?;
        if !entry.is_unused() {
            return Err(Error::Refused(format!(
                "La commune « {} » ne peut pas être supprimée : {} la nomment encore ; fusionnez-la plutôt avec une autre",
                entry.name,
                uses(&[
                    (entry.people, "personne", "personnes"),
                    (entry.memberships, "adhésion", "adhésions"),
                    (entry.ateliers, "atelier", "ateliers"),
                ])
            )));
        }
        self.write(|tx| {
            tx.execute("DELETE FROM communes WHERE id = ?1", [id])?;
            Ok(())
        })
    }

    /// Deletes organisation `id`, refused with what still names it.
    pub fn delete_organisation(&mut self, id: i64) -> Result<()> {
        let entry = self
            .conn
            .query_row(&format!("{ORGANISATION_ENTRIES} WHERE o.id = ?1"), [id], organisation_entry)
            .optional()?
            .ok_or(Error::NotFound { what: "L'organisation", id })?;
        if !entry.is_unused() {
            return Err(Error::Refused(format!(
                "L'organisation « {} » ne peut pas être supprimée : {} la nomment encore ; fusionnez-la plutôt avec une autre",
                entry.name,
                uses(&[(entry.people, "personne", "personnes"), (entry.memberships, "adhésion", "adhésions")])
            )));
        }
        self.write(|tx| {
            tx.execute("DELETE FROM organisations WHERE id = ?1", [id])?;
            Ok(())
        })
    }
}

/// The communes with how many people, memberships and ateliers name each (`c`).
const COMMUNE_ENTRIES: &str = "SELECT c.id, c.name, c.insee_code,
        (SELECT count(*) FROM people p WHERE p.commune_id = c.id),
        (SELECT count(*) FROM memberships m WHERE m.commune_id = c.id),
        (SELECT count(*) FROM atelier_communes a WHERE a.commune_id = c.id)
    FROM communes c";

fn commune_entry(r: &rusqlite::Row<'_>) -> rusqlite::Result<CommuneEntry> {
    Ok(CommuneEntry {
        id: r.get(0)?,
        name: r.get(1)?,
        insee_code: r.get(2)?,
        people: r.get(3)?,
        memberships: r.get(4)?,
        ateliers: r.get(5)?,
    })
}

/// The organisations with how many people and memberships name each (`o`).
const ORGANISATION_ENTRIES: &str = "SELECT o.id, o.name, o.kind,
        (SELECT count(*) FROM people p WHERE p.organisation_id = o.id),
        (SELECT count(*) FROM memberships m WHERE m.organisation_id = o.id)
    FROM organisations o";

fn organisation_entry(r: &rusqlite::Row<'_>) -> rusqlite::Result<OrganisationEntry> {
    Ok(OrganisationEntry {
        id: r.get(0)?,
        name: r.get(1)?,
        kind: r.get(2)?,
        people: r.get(3)?,
        memberships: r.get(4)?,
    })
}

/// What [`closest`] keeps of a search: how many matched, and the first ones' ids.
struct Closest {
    total: usize,
    ids: Vec<i64>,
}

/// Among `places` (id, name, code), those whose folded name holds the folded `query` or
/// whose code starts with it, every one when `query` is blank; sorted by closeness (the
/// same name, a name that starts with it, then any other), then by folded name and code.
fn closest(query: &str, places: Vec<(i64, String, String)>, limit: usize) -> Closest {
    let wanted = words(query);
    let code = query.trim().to_uppercase();
    let mut matched: Vec<(u8, String, String, i64)> = places
        .into_iter()
        .filter_map(|(id, name, insee)| {
            let folded = words(&name);
            let rank = if wanted.is_empty() || folded == wanted {
                0
            } else if folded.starts_with(&wanted) || (!insee.is_empty() && insee.starts_with(&code)) {
                1
            } else if folded.contains(&wanted) {
                2
            } else {
                return None;
            };
            Some((rank, folded, insee, id))
        })
        .collect();
    let total = matched.len();
    let keep = limit.min(total);
    if keep < total && keep > 0 {
        matched.select_nth_unstable(keep - 1);
    }
    matched.truncate(keep);
    matched.sort_unstable();
    Closest { total, ids: matched.into_iter().map(|(.., id)| id).collect() }
}

/// Refuses a missing row `id` of `table` (one of ours, never from input).
fn exists(tx: &Transaction<'_>, table: &str, id: i64, what: &'static str) -> Result<()> {
    let found: bool =
        tx.query_row(&format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"), [id], |r| r.get(0))?;
    if found {
        Ok(())
    } else {
        Err(Error::NotFound { what, id })
    }
}

/// « 2 personnes et 1 atelier »: the counts that are not zero.
fn uses(counts: &[(i64, &str, &str)]) -> String {
    let parts: Vec<String> = counts
        .iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| fr::count(*n as usize, one, many))
        .collect();
    match parts.as_slice() {
        [] => String::new(),
        [only] => only.clone(),
        [init @ .., last] => format!("{} et {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::places::OrganisationKind;

    fn commune(store: &mut Store, name: &str, code: &str) -> i64 {
        store.save_commune(None, CommuneInput { name: name.into(), insee_code: code.into() }).unwrap()
    }

    #[test]
    fn communes_are_created_renamed_given_a_code_once_and_deleted_when_unused() {
        let (mut store, atelier) = crate::store::testing::base_with_atelier();
        let mulhouse = commune(&mut store, "Mulhouse", "");
        let louis = commune(&mut store, "Saint-Louis", "68297");
        commune(&mut store, "Saint-Louis", "57619");
        let err = store.save_commune(
            Some(mulhouse),
            CommuneInput { name: "Mulhouse".into(), insee_code: "68297".into() },
        );
        assert!(err.unwrap_err().to_string().contains("déjà celui de la commune « Saint-Louis »"));
        store
            .save_commune(
                Some(mulhouse),
                CommuneInput { name: "Mulhouse".into(), insee_code: "68224".into() },
            )
            .unwrap();
        store
            .conn
            .execute(
                "INSERT INTO atelier_communes (atelier_id, commune_id) VALUES (?1, ?2)",
                [atelier, louis],
            )
            .unwrap();
        let err = store.delete_commune(louis).unwrap_err();
        assert!(err.to_string().contains("1 atelier la nomment encore"), "{err}");
        store.delete_commune(mulhouse).unwrap();
        let names: Vec<(String, Option<String>)> =
            store.find_communes("", 10).unwrap().rows.into_iter().map(|c| (c.name, c.insee_code)).collect();
        assert_eq!(
            names,
            [("Saint-Louis".into(), Some("57619".into())), ("Saint-Louis".into(), Some("68297".into()))]
        );
    }

    #[test]
    fn merging_two_communes_moves_everything_that_named_the_duplicate() {
        let (mut store, atelier) = crate::store::testing::base_with_atelier();
        let kept = commune(&mut store, "Mulhouse", "");
        let duplicate = commune(&mut store, "MULHOUSE (68)", "68224");
        store
            .conn
            .execute_batch(&format!(
                "INSERT INTO people (id, first_name, last_name, commune_id) VALUES (1, 'Hélène', 'Dupont', {duplicate});
                 INSERT INTO atelier_communes (atelier_id, commune_id) VALUES ({atelier}, {kept}), ({atelier}, {duplicate});"
            ))
            .unwrap();
        store.merge_communes(kept, duplicate).unwrap();
        let entries = store.find_communes("", 10).unwrap().rows;
        assert_eq!(entries.len(), 1);
        assert_eq!((entries[0].id, entries[0].insee_code.as_deref()), (kept, Some("68224")));
        assert_eq!((entries[0].people, entries[0].ateliers), (1, 1));
        assert!(store.merge_communes(kept, kept).is_err());
        assert!(matches!(store.merge_communes(kept, 999).unwrap_err(), Error::NotFound { .. }));
    }

    #[test]
    fn organisations_are_unique_by_name_merged_and_deleted_when_unused() {
        let (mut store, _) = crate::store::testing::base_with_atelier();
        let input = |name: &str, kind: &str| OrganisationInput { name: name.into(), kind: kind.into() };
        let cerema = store.save_organisation(None, input("Cerema", "etat")).unwrap();
        let twice = store.save_organisation(None, input("CEREMA", "etat")).unwrap_err();
        assert!(twice.to_string().contains("existe déjà"), "{twice}");
        let copy = store.save_organisation(None, input("Cerema Est", "autre")).unwrap();
        store
            .conn
            .execute(
                "INSERT INTO people (first_name, last_name, organisation_id) VALUES ('A', 'B', ?1)",
                [copy],
            )
            .unwrap();
        let err = store.delete_organisation(copy).unwrap_err();
        assert!(err.to_string().contains("1 personne la nomment encore"), "{err}");
        store.merge_organisations(cerema, copy).unwrap();
        let entries = store.find_organisations("", 10).unwrap().rows;
        assert_eq!(entries.len(), 1);
        assert_eq!((entries[0].kind, entries[0].people), (OrganisationKind::Etat, 1));
        let renamed = store.save_organisation(Some(cerema), input("Cerema Grand Est", "etat")).unwrap();
        assert_eq!(renamed, cerema);
    }

    #[test]
    fn communes_are_found_by_part_of_their_name_or_their_code_the_closest_first() {
        let (mut store, _) = crate::store::testing::base_with_atelier();
        for (name, code) in [
            ("Saint-Louis", "57619"),
            ("Saint-Louis", "68297"),
            ("Louisfert", "44085"),
            ("Bellou-le-Trichard", "61039"),
            ("Sélestat", "67462"),
            ("Mulhouse", ""),
        ] {
            commune(&mut store, name, code);
        }
        let found = |query: &str, limit: usize| {
            let found = store.find_communes(query, limit).unwrap();
            let rows: Vec<String> = found
                .rows
                .into_iter()
                .map(|c| format!("{} {}", c.name, c.insee_code.unwrap_or_default()))
                .collect();
            (found.total, rows)
        };
        assert_eq!(
            found("LOUIS", 10),
            (3, vec!["Louisfert 44085".into(), "Saint-Louis 57619".into(), "Saint-Louis 68297".into()])
        );
        assert_eq!(found("louis", 1), (3, vec!["Louisfert 44085".into()]));
        assert_eq!(found("selestat", 10), (1, vec!["Sélestat 67462".into()]));
        assert_eq!(found("68", 10), (1, vec!["Saint-Louis 68297".into()]));
        assert_eq!(found(" ", 2).0, 6);
        assert_eq!(found("Strasbourg", 10), (0, vec![]));
        assert_eq!(found("mulhouse", 10), (1, vec!["Mulhouse ".into()]));
        assert_eq!(found("saint louis", 10).0, 2, "a space finds a hyphen");
    }
}
