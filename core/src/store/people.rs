//! People and communes, as lists.

use super::Store;
use crate::error::Result;
use crate::model::person::{Commune, PersonSummary};

impl Store {
    /// Every person, archived ones included, by last then first name.
    pub fn list_people(&self) -> Result<Vec<PersonSummary>> {
        let mut stmt = self.conn.prepare(
            "SELECT p.id, p.civility, p.first_name, p.last_name, p.email, p.function,
                    o.name, c.name, p.archived
             FROM people p
             LEFT JOIN organisations o ON o.id = p.organisation_id
             LEFT JOIN communes c ON c.id = p.commune_id
             ORDER BY p.last_name COLLATE NOCASE, p.first_name COLLATE NOCASE, p.id",
        )?;
        let rows = stmt.query_map([], |row| {
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
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every commune, by name.
    pub fn list_communes(&self) -> Result<Vec<Commune>> {
        let mut stmt = self.conn.prepare("SELECT id, name FROM communes ORDER BY name")?;
        let rows = stmt.query_map([], |row| Ok(Commune { id: row.get(0)?, name: row.get(1)? }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
