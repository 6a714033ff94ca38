//! The shared calendar's settings (collection URL and user; never the password) and what
//! was last published to each collection, so that a publication sends only what changed.

use std::collections::HashMap;

use rusqlite::{params, Connection, Transaction};
use serde::{Deserialize, Serialize};

use super::Store;
use crate::error::{Error, Result};

/// Where the shared calendar is.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CaldavSettings {
    /// The URL of the calendar collection (`https://nuage.example.fr/remote.php/dav/calendars/secretariat/ateliers/`).
    pub url: String,
    pub user: String,
}

impl CaldavSettings {
    /// Why `url` cannot be the shared calendar's address, in French, if it cannot: not a
    /// web address; a user or password in it (`user:pass@`, which would be stored in the
    /// base and shown everywhere the address is); `http://` to another computer than this
    /// one (the password would cross the network in clear). `http://` is for a server on
    /// this computer only: `localhost`, `127.0.0.0/8`, `::1`.
    pub fn url_problem(url: &str) -> Option<&'static str> {
        let Ok(parsed) = url::Url::parse(url) else {
            return Some("L'adresse du calendrier partagé n'est pas une adresse web valide");
        };
        if !parsed.username().is_empty() || parsed.password().is_some() {
            return Some(
                "L'adresse du calendrier partagé ne doit contenir ni identifiant ni mot de passe (« nom:mot-de-passe@ ») : \
                 indiquez l'identifiant dans son champ ; le mot de passe est gardé à part, dans le trousseau du système",
            );
        }
        let this_computer = match parsed.host() {
            Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
            Some(url::Host::Ipv4(address)) => address.is_loopback(),
            Some(url::Host::Ipv6(address)) => {
                address.is_loopback() || address.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
            }
            None => false,
        };
        match parsed.scheme() {
            "https" => None,
            "http" if this_computer => None,
            _ => Some(
                "L'adresse du calendrier partagé doit commencer par https:// : avec http://, le mot de passe passerait \
                 en clair sur le réseau (http:// n'est accepté que pour un serveur sur cet ordinateur, comme \
                 http://localhost/)",
            ),
        }
    }

    /// Checks the form: an https URL (http only to this computer; with its final `/`; no
    /// user or password in it, see [`CaldavSettings::url_problem`]), a user.
    pub fn check(self) -> Result<CaldavSettings> {
        let mut problems = crate::error::Problems::default();
        let checked = CaldavSettings {
            url: checked_url(&mut problems, &self.url),
            user: checked_user(&mut problems, &self.user),
        };
        problems.into_result(checked)
    }

    /// These settings with `key` (`caldav_url` or `caldav_user`) set to `value`, checked as
    /// the form checks that field, the other left as it is; `None` for another name.
    pub fn with(mut self, key: &str, value: &str) -> Option<Result<CaldavSettings>> {
        let mut problems = crate::error::Problems::default();
        match key {
            "caldav_url" => self.url = checked_url(&mut problems, value),
            "caldav_user" => self.user = checked_user(&mut problems, value),
            _ => return None,
        }
        Some(problems.into_result(self))
    }
}

/// The names of the shared calendar's settings, as `ateliers settings` names them.
pub(super) const CALDAV_KEYS: [&str; 2] = ["caldav_url", "caldav_user"];

fn checked_url(problems: &mut crate::error::Problems, value: &str) -> String {
    let mut url = value.trim().to_string();
    let scheme_ok = url.starts_with("https://") || url.starts_with("http://");
    if url.is_empty() {
        problems.add("caldav_url", "L'adresse du calendrier partagé est obligatoire");
    } else if !scheme_ok || url.contains(char::is_whitespace) || url.len() < 10 {
        problems.add(
            "caldav_url",
            "L'adresse du calendrier partagé doit commencer par https:// et ne contenir aucun espace",
        );
    } else if let Some(problem) = CaldavSettings::url_problem(&url) {
        problems.add("caldav_url", problem);
    } else if !url.ends_with('/') {
        url.push('/');
    }
    url
}

fn checked_user(problems: &mut crate::error::Problems, value: &str) -> String {
    let user = value.trim().to_string();
    if user.is_empty() {
        problems.add("caldav_user", "L'identifiant du calendrier partagé est obligatoire");
    }
    user
}

/// The shared calendar's settings, read through `conn` (the store's or a transaction).
pub(super) fn read_caldav(conn: &Connection) -> Result<CaldavSettings> {
    Ok(conn.query_row("SELECT caldav_url, caldav_user FROM settings WHERE id = 1", [], |r| {
        Ok(CaldavSettings { url: r.get(0)?, user: r.get(1)? })
    })?)
}

/// Stores settings already checked.
pub(super) fn write_caldav(tx: &Transaction<'_>, checked: &CaldavSettings) -> Result<()> {
    tx.execute(
        "UPDATE settings SET caldav_url = ?1, caldav_user = ?2 WHERE id = 1",
        params![checked.url, checked.user],
    )?;
    Ok(())
}

/// A meeting's object as last published.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublishedObject {
    pub uid: String,
    /// Its URL path on the server.
    pub href: String,
    /// The ETag the server gave, when it gave one.
    pub etag: Option<String>,
    /// Digest of what was sent (DTSTAMP left out).
    pub digest: String,
    /// « AP-MOB — Séance n° 3, mardi 12 janvier 2027 à 18 h 00 ».
    pub title: String,
}

impl Store {
    /// The shared calendar's settings (empty when none is set).
    pub fn caldav_settings(&self) -> Result<CaldavSettings> {
        read_caldav(&self.conn)
    }

    /// Checks and saves the shared calendar's settings.
    pub fn save_caldav_settings(&mut self, input: CaldavSettings) -> Result<CaldavSettings> {
        let checked = input.check()?;
        self.write(|tx| write_caldav(tx, &checked))?;
        self.caldav_settings()
    }

    /// What was last published to `collection`, by UID.
    pub fn published_objects(&self, collection: &str) -> Result<HashMap<String, PublishedObject>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT uid, href, etag, digest, title FROM caldav_objects WHERE collection = ?1",
        )?;
        let rows = stmt.query_map([collection], |r| {
            Ok(PublishedObject {
                uid: r.get(0)?,
                href: r.get(1)?,
                etag: r.get(2)?,
                digest: r.get(3)?,
                title: r.get(4)?,
            })
        })?;
        rows.map(|row| row.map(|o| (o.uid.clone(), o)).map_err(Error::from)).collect()
    }

    /// Records that `object` is now on the server in `collection`.
    pub fn record_published(&mut self, collection: &str, object: &PublishedObject) -> Result<()> {
        let now = self.stamp();
        self.write(|tx| {
            tx.execute(
                "INSERT INTO caldav_objects (collection, uid, href, etag, digest, title, published_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (collection, uid) DO UPDATE SET href = excluded.href, etag = excluded.etag,
                     digest = excluded.digest, title = excluded.title, published_at = excluded.published_at",
                params![collection, object.uid, object.href, object.etag, object.digest, object.title, now],
            )?;
            Ok(())
        })
    }

    /// Records that the object of `uid` is no longer on the server in `collection`.
    pub fn forget_published(&mut self, collection: &str, uid: &str) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "DELETE FROM caldav_objects WHERE collection = ?1 AND uid = ?2",
                params![collection, uid],
            )?;
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_settings_are_checked_field_by_field() {
        let error = CaldavSettings { url: "nuage.example.fr".into(), user: " ".into() }.check().unwrap_err();
        let fields: Vec<&str> = error.fields().iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["caldav_url", "caldav_user"]);
        let ok =
            CaldavSettings { url: " https://nuage.example.fr/dav/cal ".into(), user: "secretariat".into() }
                .check()
                .unwrap();
        assert_eq!(ok.url, "https://nuage.example.fr/dav/cal/");
    }

    #[test]
    fn http_only_to_this_computer_and_never_a_user_or_password_in_the_address() {
        for fine in [
            "https://nuage.example.fr/remote.php/dav/calendars/secretariat/ateliers/",
            "https://192.168.1.20:8443/dav/",
            "http://localhost:5232/secretariat/ateliers/",
            "http://LOCALHOST/u/",
            "http://127.0.0.1:5232/u/",
            "http://127.8.9.10/u/",
            "http://[::1]:5232/u/",
            "http://[::ffff:127.0.0.1]/u/",
        ] {
            assert_eq!(CaldavSettings::url_problem(fine), None, "{fine}");
        }
        for clear in [
            "http://nuage.example.fr/dav/",
            "http://192.168.1.20:5232/u/",
            "http://[2001:db8::1]/u/",
            "http://localhost.example.fr/u/",
            "http://127.0.0.1.nip.io/u/",
        ] {
            assert!(CaldavSettings::url_problem(clear).is_some_and(|p| p.contains("en clair")), "{clear}");
        }
        for with_credentials in [
            "https://secretariat:secret@nuage.example.fr/dav/",
            "https://secretariat@nuage.example.fr/dav/",
            "https://:secret@nuage.example.fr/dav/",
            "http://secretariat:secret@127.0.0.1:5232/u/",
        ] {
            let problem = CaldavSettings::url_problem(with_credentials).unwrap_or_default();
            assert!(problem.contains("ni identifiant ni mot de passe"), "{with_credentials}");
        }
        let error = CaldavSettings { url: "http://u:p@nuage.example.fr/dav/".into(), user: "u".into() }
            .check()
            .unwrap_err();
        assert_eq!(error.fields()[0].field, "caldav_url");
    }

    #[test]
    fn published_objects_are_kept_per_collection() {
        let mut store = Store::open_in_memory().unwrap();
        let object = PublishedObject {
            uid: "u1".into(),
            href: "/c/u1.ics".into(),
            etag: Some("\"e1\"".into()),
            digest: "d".into(),
            title: "AP-MOB — Séance n° 1".into(),
        };
        store.record_published("http://a/c/", &object).unwrap();
        store
            .record_published(
                "http://a/c/",
                &PublishedObject { etag: Some("\"e2\"".into()), ..object.clone() },
            )
            .unwrap();
        assert_eq!(store.published_objects("http://a/c/").unwrap()["u1"].etag.as_deref(), Some("\"e2\""));
        assert!(store.published_objects("http://b/").unwrap().is_empty());
        store.forget_published("http://a/c/", "u1").unwrap();
        assert!(store.published_objects("http://a/c/").unwrap().is_empty());
    }
}
