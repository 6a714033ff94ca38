//! The shared calendar's settings (collection URL and user; never the password) and what
//! was last published to each collection, so that a publication sends only what changed.

use std::collections::HashMap;

use rusqlite::params;
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
    /// Checks the form: an http(s) URL (with its final `/`), a user.
    pub fn check(self) -> Result<CaldavSettings> {
        let mut url = self.url.trim().to_string();
        let user = self.user.trim().to_string();
        let mut problems = crate::error::Problems::default();
        let scheme_ok = url.starts_with("https://") || url.starts_with("http://");
        if url.is_empty() {
            problems.add("caldav_url", "L'adresse du calendrier partagé est obligatoire");
        } else if !scheme_ok || url.contains(char::is_whitespace) || url.len() < 10 {
            problems.add(
                "caldav_url",
                "L'adresse du calendrier partagé doit commencer par https:// (ou http://) et ne contenir aucun espace",
            );
        } else if !url.ends_with('/') {
            url.push('/');
        }
        if user.is_empty() {
            problems.add("caldav_user", "L'identifiant du calendrier partagé est obligatoire");
        }
        problems.into_result(CaldavSettings { url, user })
    }
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
        Ok(self.conn.query_row("SELECT caldav_url, caldav_user FROM settings WHERE id = 1", [], |r| {
            Ok(CaldavSettings { url: r.get(0)?, user: r.get(1)? })
        })?)
    }

    /// Checks and saves the shared calendar's settings.
    pub fn save_caldav_settings(&mut self, input: CaldavSettings) -> Result<CaldavSettings> {
        let checked = input.check()?;
        self.write(|tx| {
            tx.execute(
                "UPDATE settings SET caldav_url = ?1, caldav_user = ?2 WHERE id = 1",
                params![checked.url, checked.user],
            )?;
            Ok(())
        })?;
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
