//! Memberships: who sits in which atelier, in which collège, for which dated period; and the
//! binôme, a dated place of the memberships.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Transaction};

use super::people::insert_person;
use super::Store;
use crate::error::{Error, Problems, Result};
use crate::fr;
use crate::model::membership::{BinomeRole, Member, MembershipData, MembershipInput, PersonMembership};
use crate::model::person::PersonInput;

/// SQL condition: membership `m` is current at date `?1`.
pub(super) const MEMBER_AT: &str = "m.joined_on <= ?1 AND (m.left_on IS NULL OR m.left_on > ?1)";

impl Store {
    /// Every membership of atelier `atelier_id` (past, current and future), by collège then
    /// name, each with its place in the binôme during its period; `current` tells who is a
    /// member at date `at`.
    pub fn atelier_members(&self, atelier_id: i64, at: NaiveDate) -> Result<Vec<Member>> {
        self.atelier(atelier_id)?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT m.id, p.id, p.civility, p.first_name, p.last_name, p.email, p.phone, p.function,
                    m.college, m.category, m.role,
                    m.binome, m.designation, o.name, c.name, m.joined_on, m.left_on, m.presence_required,
                    {MEMBER_AT},
                    EXISTS (SELECT 1 FROM signatures s JOIN charter_versions v ON v.id = s.charter_version_id
                            WHERE s.person_id = p.id AND v.is_current = 1),
                    p.archived
             FROM memberships m
             JOIN people p ON p.id = m.person_id
             LEFT JOIN organisations o ON o.id = m.organisation_id
             LEFT JOIN communes c ON c.id = m.commune_id
             WHERE m.atelier_id = ?2
             ORDER BY CASE m.college WHEN 'elus' THEN 1 WHEN 'experts' THEN 2 ELSE 3 END,
                      p.last_name COLLATE NOCASE, p.first_name COLLATE NOCASE, m.joined_on"
        ))?;
        let rows = stmt.query_map(params![at, atelier_id], |r| {
            Ok(Member {
                membership_id: r.get(0)?,
                person_id: r.get(1)?,
                civility: r.get(2)?,
                first_name: r.get(3)?,
                last_name: r.get(4)?,
                email: r.get(5)?,
                phone: r.get(6)?,
                function: r.get(7)?,
                college: r.get(8)?,
                category: r.get(9)?,
                role: r.get(10)?,
                binome: r.get(11)?,
                designation: r.get(12)?,
                organisation: r.get(13)?,
                commune: r.get(14)?,
                joined_on: r.get(15)?,
                left_on: r.get(16)?,
                presence_required: r.get(17)?,
                current: r.get(18)?,
                signed_current_charter: r.get(19)?,
                archived: r.get(20)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every membership of person `person_id`; `current` tells those at date `at`.
    pub fn person_memberships(&self, person_id: i64, at: NaiveDate) -> Result<Vec<PersonMembership>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT m.id, a.id, a.code, a.title, m.college, m.category, m.role,
                    m.binome, m.joined_on, m.left_on, {MEMBER_AT}
             FROM memberships m JOIN ateliers a ON a.id = m.atelier_id
             WHERE m.person_id = ?2
             ORDER BY a.code, m.joined_on"
        ))?;
        let rows = stmt.query_map(params![at, person_id], |r| {
            Ok(PersonMembership {
                membership_id: r.get(0)?,
                atelier_id: r.get(1)?,
                atelier_code: r.get(2)?,
                atelier_title: r.get(3)?,
                college: r.get(4)?,
                category: r.get(5)?,
                role: r.get(6)?,
                binome: r.get(7)?,
                joined_on: r.get(8)?,
                left_on: r.get(9)?,
                current: r.get(10)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Checks and adds a membership of atelier `atelier_id`; the organisation and commune
    /// the person represents are recorded from their current details. Returns its id.
    pub fn add_membership(&mut self, atelier_id: i64, input: MembershipInput) -> Result<i64> {
        let data = input.check()?;
        self.write(|tx| insert_membership(tx, atelier_id, &data))
    }

    /// Adds a new person to the directory and, in the same transaction, to atelier
    /// `atelier_id`: both or neither. Every problem of both forms is reported at once (their
    /// field names differ). Returns the new person's id.
    pub fn add_new_member(
        &mut self,
        atelier_id: i64,
        person: PersonInput,
        membership: MembershipInput,
    ) -> Result<i64> {
        let (person, membership) = match (person.check(), membership.check()) {
            (Ok(person), Ok(membership)) => (person, membership),
            (person, membership) => {
                let mut fields = Vec::new();
                for error in [person.err(), membership.err()].into_iter().flatten() {
                    match error {
                        Error::Invalid(found) => fields.extend(found),
                        other => return Err(other),
                    }
                }
                return Err(Error::Invalid(fields));
            }
        };
        self.write(|tx| {
            let person_id = insert_person(tx, &person)?;
            insert_membership(tx, atelier_id, &MembershipData { person_id, ..membership })?;
            Ok(person_id)
        })
    }

    /// Checks and changes membership `id` (collège, category, role, period, presence);
    /// what it represents stays as recorded when it started.
    pub fn update_membership(&mut self, id: i64, input: MembershipInput) -> Result<()> {
        let data = input.check()?;
        self.write(|tx| {
            let (atelier_id, person_id) = membership_owner(tx, id)?;
            if person_id != data.person_id {
                return Err(Error::Refused("Une appartenance ne change pas de personne".into()));
            }
            check_period(tx, atelier_id, Some(id), &data)?;
            tx.execute(
                "UPDATE memberships SET college = ?2, category = ?3, role = ?4, designation = ?5,
                        joined_on = ?6, left_on = ?7, presence_required = ?8
                 WHERE id = ?1",
                params![
                    id,
                    data.college,
                    data.category,
                    data.role,
                    data.designation,
                    data.joined_on,
                    data.left_on,
                    data.presence_required
                ],
            )?;
            Ok(())
        })
    }

    /// Deletes membership `id` (a membership entered by mistake; a member who leaves gets a
    /// departure date instead, so that past compositions stay true).
    pub fn delete_membership(&mut self, id: i64) -> Result<()> {
        self.write(|tx| {
            membership_owner(tx, id)?;
            tx.execute("DELETE FROM memberships WHERE id = ?1", [id])?;
            Ok(())
        })
    }

    /// Sets the binôme of atelier `atelier_id` from date `on`: each place goes to a member of
    /// that day (or to nobody). The binôme is a dated fact of the memberships: a holder who
    /// changes place has their membership split at `on`, so the compositions of earlier
    /// dates keep the binôme they had.
    pub fn set_binome(
        &mut self,
        atelier_id: i64,
        porteur: Option<i64>,
        referent: Option<i64>,
        on: NaiveDate,
    ) -> Result<()> {
        self.write(|tx| {
            let exists: bool =
                tx.query_row("SELECT EXISTS (SELECT 1 FROM ateliers WHERE id = ?1)", [atelier_id], |r| {
                    r.get(0)
                })?;
            if !exists {
                return Err(Error::NotFound { what: "L'atelier", id: atelier_id });
            }
            let mut problems = Problems::default();
            if porteur.is_some() && porteur == referent {
                problems.add(
                    "collaborateur_referent_id",
                    "Le collaborateur référent doit être une autre personne que le porteur politique",
                );
            }
            let places = [
                ("porteur_politique_id", "Le porteur politique", BinomeRole::PorteurPolitique, porteur),
                ("collaborateur_referent_id", "Le collaborateur référent", BinomeRole::CollaborateurReferent, referent),
            ];
            for (field, label, _, person) in places {
                let Some(person) = person else { continue };
                let found: Option<(bool, Option<i64>)> = tx
                    .query_row(
                        &format!(
                            "SELECT p.archived, (SELECT m.id FROM memberships m
                                                  WHERE m.person_id = p.id AND m.atelier_id = ?3 AND {MEMBER_AT})
                             FROM people p WHERE p.id = ?2"
                        ),
                        params![on, person, atelier_id],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .optional()?;
                match found {
                    None => problems.add(field, format!("{label} choisi n'existe plus")),
                    Some((true, _)) => problems.add(field, format!("{label} choisi est archivé")),
                    Some((false, None)) => problems.add(
                        field,
                        format!("{label} doit être membre de l'atelier le {} : ajoutez-le d'abord", fr::long_date(on)),
                    ),
                    Some((false, Some(_))) => {}
                }
            }
            problems.into_result(())?;
            for (_, _, role, person) in places {
                give_place(tx, atelier_id, role, person, on)?;
            }
            Ok(())
        })
    }
}

/// Gives place `role` of the binôme of atelier `atelier_id` to `person` (a member on day
/// `on`) or to nobody, from `on`.
pub(super) fn give_place(
    tx: &Transaction<'_>,
    atelier_id: i64,
    role: BinomeRole,
    person: Option<i64>,
    on: NaiveDate,
) -> Result<()> {
    // The membership current on `on` that matches `condition` (on parameter ?3).
    let current = |condition: &str, value: &dyn rusqlite::ToSql| -> Result<Option<(i64, i64, NaiveDate)>> {
        Ok(tx
            .query_row(
                &format!(
                    "SELECT m.id, m.person_id, m.joined_on FROM memberships m
                     WHERE m.atelier_id = ?2 AND {MEMBER_AT} AND {condition} LIMIT 1"
                ),
                params![on, atelier_id, value],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?)
    };
    let holder = current("m.binome = ?3", &role)?;
    if holder.map(|(_, p, _)| p) == person {
        return Ok(());
    }
    if let Some((membership, _, joined_on)) = holder {
        set_place_from(tx, membership, joined_on, None, on)?;
    }
    if let Some(person) = person {
        if let Some((membership, _, joined_on)) = current("m.person_id = ?3", &person)? {
            set_place_from(tx, membership, joined_on, Some(role), on)?;
        }
    }
    Ok(())
}

/// Membership `id` holds `role` (or no place) from day `on`: changed in place when it starts
/// that day, else ended the day before and continued from `on` by a copy.
fn set_place_from(
    tx: &Transaction<'_>,
    id: i64,
    joined_on: NaiveDate,
    role: Option<BinomeRole>,
    on: NaiveDate,
) -> Result<()> {
    if joined_on == on {
        tx.execute("UPDATE memberships SET binome = ?2 WHERE id = ?1", params![id, role])?;
        return Ok(());
    }
    let left_on: Option<NaiveDate> =
        tx.query_row("SELECT left_on FROM memberships WHERE id = ?1", [id], |r| r.get(0))?;
    tx.execute("UPDATE memberships SET left_on = ?2 WHERE id = ?1", params![id, on])?;
    tx.execute(
        "INSERT INTO memberships (person_id, atelier_id, college, category, role, designation,
                                  organisation_id, commune_id, joined_on, left_on, presence_required,
                                  binome)
         SELECT person_id, atelier_id, college, category, role, designation, organisation_id,
                commune_id, ?2, ?3, presence_required, ?4
         FROM memberships WHERE id = ?1",
        params![id, on, left_on, role],
    )?;
    Ok(())
}

/// Inserts a checked membership after the checks that need the base.
pub(super) fn insert_membership(tx: &Transaction<'_>, atelier_id: i64, data: &MembershipData) -> Result<i64> {
    let exists: bool =
        tx.query_row("SELECT EXISTS (SELECT 1 FROM ateliers WHERE id = ?1)", [atelier_id], |r| r.get(0))?;
    if !exists {
        return Err(Error::NotFound { what: "L'atelier", id: atelier_id });
    }
    let person: Option<(Option<i64>, Option<i64>)> = tx
        .query_row("SELECT organisation_id, commune_id FROM people WHERE id = ?1", [data.person_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let Some((organisation, commune)) = person else {
        return Err(Error::invalid("person_id", "La personne choisie n'existe plus"));
    };
    check_period(tx, atelier_id, None, data)?;
    tx.execute(
        "INSERT INTO memberships (person_id, atelier_id, college, category, role, designation,
                                  organisation_id, commune_id, joined_on, left_on, presence_required)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            data.person_id,
            atelier_id,
            data.college,
            data.category,
            data.role,
            data.designation,
            organisation,
            commune,
            data.joined_on,
            data.left_on,
            data.presence_required
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// No other period of the same person in the same atelier overlaps this one.
fn check_period(tx: &Transaction<'_>, atelier_id: i64, id: Option<i64>, data: &MembershipData) -> Result<()> {
    let overlapping: Option<(NaiveDate, Option<NaiveDate>)> = tx
        .query_row(
            "SELECT joined_on, left_on FROM memberships
             WHERE person_id = ?1 AND atelier_id = ?2 AND id IS NOT ?3
               AND joined_on < coalesce(?5, '9999-12-31') AND ?4 < coalesce(left_on, '9999-12-31')
             ORDER BY joined_on LIMIT 1",
            params![data.person_id, atelier_id, id, data.joined_on, data.left_on],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((joined, left)) = overlapping else { return Ok(()) };
    let period = match left {
        Some(left) => format!("du {} au {}", fr::long_date(joined), fr::long_date(left)),
        None => format!("depuis le {}", fr::long_date(joined)),
    };
    Err(Error::invalid(
        "joined_on",
        format!("Cette personne est déjà membre de l'atelier {period} : les deux périodes se chevauchent"),
    ))
}

fn membership_owner(tx: &Transaction<'_>, id: i64) -> Result<(i64, i64)> {
    tx.query_row("SELECT atelier_id, person_id FROM memberships WHERE id = ?1", [id], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })
    .optional()?
    .ok_or(Error::NotFound { what: "L'appartenance", id })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::person::PersonInput;

    fn setup() -> (Store, i64, i64) {
        let (mut store, atelier) = crate::store::testing::base_with_atelier();
        let person = store
            .create_person(PersonInput {
                first_name: "Anne".into(),
                last_name: "Klein".into(),
                ..Default::default()
            })
            .unwrap();
        (store, atelier, person.id)
    }

    fn period(person: i64, joined: &str, left: &str) -> MembershipInput {
        MembershipInput {
            person_id: person,
            category: "elu_municipal".into(),
            joined_on: joined.into(),
            left_on: left.into(),
            ..Default::default()
        }
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn overlapping_periods_are_refused_and_adjacent_ones_accepted() {
        let (mut store, atelier, person) = setup();
        store.add_membership(atelier, period(person, "2027-01-01", "2027-03-01")).unwrap();
        let err = store.add_membership(atelier, period(person, "2027-02-01", "")).unwrap_err();
        assert_eq!(err.fields()[0].field, "joined_on");
        assert!(err.to_string().contains("du vendredi 1er janvier 2027 au lundi 1er mars 2027"), "{err}");
        // Leaving on 1 March and coming back on 1 March: no overlap.
        store.add_membership(atelier, period(person, "2027-03-01", "")).unwrap();
        assert_eq!(store.atelier_members(atelier, day("2027-03-01")).unwrap().len(), 2);
    }

    #[test]
    fn members_at_a_date_exclude_who_left_before_and_who_joins_after() {
        let (mut store, atelier, person) = setup();
        store.add_membership(atelier, period(person, "2027-01-01", "2027-02-01")).unwrap();
        let current = |d: &str| store.atelier_members(atelier, day(d)).unwrap()[0].current;
        assert!(!current("2026-12-31"), "not yet a member");
        assert!(current("2027-01-01"));
        assert!(current("2027-01-31"));
        assert!(!current("2027-02-01"), "left that day");
    }

    #[test]
    fn what_a_membership_represents_is_kept_when_the_person_moves() {
        let (mut store, atelier, person) = setup();
        store
            .write(|tx| {
                tx.execute("INSERT INTO communes (id, name) VALUES (1, 'Riedisheim'), (2, 'Illzach')", [])?;
                Ok(())
            })
            .unwrap();
        let mut input =
            PersonInput { first_name: "Anne".into(), last_name: "Klein".into(), ..Default::default() };
        input.commune_id = Some(1);
        store.update_person(person, input.clone()).unwrap();
        store.add_membership(atelier, period(person, "2027-01-01", "")).unwrap();
        input.commune_id = Some(2);
        store.update_person(person, input).unwrap();
        let members = store.atelier_members(atelier, day("2027-01-02")).unwrap();
        assert_eq!(members[0].commune.as_deref(), Some("Riedisheim"));
    }

    #[test]
    fn a_new_member_is_added_with_their_person_or_not_at_all() {
        let (mut store, atelier, _) = setup();
        let person =
            PersonInput { first_name: "Léa".into(), last_name: "Roth".into(), ..Default::default() };
        let err = store
            .add_new_member(
                atelier,
                PersonInput { email: "pas-une-adresse".into(), ..person.clone() },
                period(0, "", ""),
            )
            .unwrap_err();
        let fields: Vec<&str> = err.fields().iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["email", "joined_on"], "both forms' problems at once");
        assert_eq!(store.list_people().unwrap().len(), 1, "no person left behind");
        let id = store.add_new_member(atelier, person, period(0, "2027-01-01", "")).unwrap();
        assert_eq!(store.atelier_members(atelier, day("2027-01-02")).unwrap()[0].person_id, id);
    }

    #[test]
    fn the_binome_is_dated_and_a_change_keeps_the_past_true() {
        let (mut store, atelier, anne) = setup();
        let marc = store
            .create_person(PersonInput {
                first_name: "Marc".into(),
                last_name: "Roth".into(),
                ..Default::default()
            })
            .unwrap()
            .id;
        store.add_membership(atelier, period(anne, "2027-01-01", "")).unwrap();
        store.add_membership(atelier, period(marc, "2027-01-01", "")).unwrap();
        store.set_binome(atelier, Some(anne), None, day("2027-01-01")).unwrap();
        store.set_binome(atelier, Some(marc), None, day("2027-03-01")).unwrap();
        let porteur = |d: &str| store.composition(atelier, day(d)).unwrap().porteur;
        assert_eq!(porteur("2027-02-01").as_deref(), Some("Anne Klein"));
        assert_eq!(porteur("2027-03-01").as_deref(), Some("Marc Roth"));
        // Marc's membership was split on 1 March; Anne's, who started that day, too.
        let members = store.atelier_members(atelier, day("2027-03-02")).unwrap();
        assert_eq!(members.len(), 4, "{members:#?}");
        assert!(members.iter().all(|m| m.joined_on == day("2027-01-01") || m.joined_on == day("2027-03-01")));
        // Someone who is not a member that day cannot take a place.
        let lea = store
            .create_person(PersonInput {
                first_name: "Léa".into(),
                last_name: "Blum".into(),
                ..Default::default()
            })
            .unwrap()
            .id;
        let err = store.set_binome(atelier, Some(lea), None, day("2027-03-02")).unwrap_err();
        assert!(err.to_string().contains("doit être membre de l'atelier"), "{err}");
    }

    #[test]
    fn the_binome_is_held_once_on_the_atelier() {
        let (mut store, atelier, person) = setup();
        store.add_membership(atelier, period(person, "2027-01-01", "")).unwrap();
        store.set_binome(atelier, Some(person), None, day("2027-01-02")).unwrap();
        let members = store.atelier_members(atelier, day("2027-01-02")).unwrap();
        let current: Vec<_> = members.iter().filter(|m| m.current).collect();
        assert_eq!(current.len(), 1);
        assert_eq!(current[0].binome, Some(BinomeRole::PorteurPolitique));
        let err = store.set_binome(atelier, Some(person), Some(person), day("2027-01-02")).unwrap_err();
        assert_eq!(err.fields()[0].field, "collaborateur_referent_id");
    }
}
