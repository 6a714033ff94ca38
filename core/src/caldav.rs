//! Publishing every atelier's meetings to a CalDAV calendar collection (RFC 4791: Nextcloud,
//! Radicale…) that the whole organisation subscribes to.
//!
//! Only what changed since the last publication is sent: a new or changed meeting is PUT as
//! `UID.ics` — `If-None-Match: *` when new, `If-Match` with the ETag we got otherwise, so a
//! change someone made on the server is never overwritten silently —, a cancelled, postponed
//! or deleted meeting is removed (DELETE with `If-Match`). Each object's state is recorded
//! as soon as the server took it: an interrupted publication resumes where it stopped.
//!
//! The two WebDAV verbs it needs (and a PROPFIND to check the collection) go through
//! `ureq`, a kept blocking HTTP client: no async runtime in the core.

use std::time::Duration;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::ical;
use crate::store::{PublishedObject, Store};

/// Where the password of the shared calendar is kept in the system's credential store.
const KEYRING_SERVICE: &str = "Ateliers — calendrier partagé";

/// The environment variable that gives the password to scripts (it wins over the store).
pub const PASSWORD_VARIABLE: &str = "ATELIERS_CALDAV_PASSWORD";

/// What a publication did (or, in a dry run, would do).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Publication {
    pub sent: usize,
    pub removed: usize,
    pub unchanged: usize,
    /// Objects changed on the server by someone else, left as they are: French sentences.
    pub conflicts: Vec<String>,
    /// What was sent or removed, one French line each (« Envoyée : AP-MOB — Séance n° 3 »).
    pub changes: Vec<String>,
    pub dry_run: bool,
}

impl Publication {
    /// `sent: N, removed: M, unchanged: U`, the last line of `ateliers publish caldav`.
    pub fn summary_line(&self) -> String {
        format!("sent: {}, removed: {}, unchanged: {}", self.sent, self.removed, self.unchanged)
    }
}

/// One thing to do on the server.
enum Step {
    Put { uid: String, text: String, digest: String, title: String, known: Option<PublishedObject> },
    Delete { known: PublishedObject },
}

/// The password of `user` on the server of `url`: from [`PASSWORD_VARIABLE`], else from the
/// system's credential store.
pub fn password(url: &str, user: &str) -> Result<String> {
    if let Ok(password) = std::env::var(PASSWORD_VARIABLE) {
        if !password.is_empty() {
            return Ok(password);
        }
    }
    let entry = keyring_entry(url, user)?;
    entry.get_password().map_err(|error| match error {
        keyring::Error::NoEntry => Error::Credentials(
            "Aucun mot de passe n'est enregistré pour le calendrier partagé : saisissez-le dans les Paramètres".into(),
        ),
        other => credential_store_error(other),
    })
}

/// Keeps the password of `user` on the server of `url` in the system's credential store.
pub fn save_password(url: &str, user: &str, password: &str) -> Result<()> {
    keyring_entry(url, user)?.set_password(password).map_err(credential_store_error)
}

fn keyring_entry(url: &str, user: &str) -> Result<keyring::Entry> {
    keyring::Entry::new(KEYRING_SERVICE, &format!("{user} @ {}", host_of(url)))
        .map_err(credential_store_error)
}

fn credential_store_error(error: keyring::Error) -> Error {
    Error::Credentials(format!(
        "Le trousseau du système (où le mot de passe du calendrier partagé est gardé) ne répond pas : {error}"
    ))
}

/// `nuage.example.fr` of `https://nuage.example.fr/dav/…`.
fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split('/').next().unwrap_or(rest)
}

/// A publication prepared from the base: what to send, what to remove, what is unchanged.
/// Preparing needs the base; sending needs only the network, and the base again for a
/// moment after each object (so a window's other commands are not kept waiting).
pub struct Prepared {
    collection: String,
    user: String,
    steps: Vec<Step>,
    unchanged: usize,
}

/// What to record in the base after the server took a change.
pub enum Recorded {
    /// The object is now on the server as this.
    Published(PublishedObject),
    /// The object of this UID is no longer on the server.
    Removed(String),
}

impl Recorded {
    /// Records it in `store`, for the collection `collection`.
    pub fn record(self, store: &mut Store, collection: &str) -> Result<()> {
        match self {
            Recorded::Published(object) => store.record_published(collection, &object),
            Recorded::Removed(uid) => store.forget_published(collection, &uid),
        }
    }
}

/// Prepares the publication to the collection of the settings.
pub fn prepare(store: &Store) -> Result<Prepared> {
    let settings = store.caldav_settings()?;
    if settings.url.is_empty() {
        return Err(Error::Refused(
            "Aucun calendrier partagé n'est configuré : indiquez son adresse et l'identifiant dans les Paramètres".into(),
        ));
    }
    let objects = ical::caldav_objects(store)?;
    let mut known = store.published_objects(&settings.url)?;
    let mut steps = Vec::new();
    let mut unchanged = 0;
    for (uid, object) in objects {
        let digest = digest(&object.text);
        match known.remove(&uid) {
            Some(published) if published.digest == digest => unchanged += 1,
            published => steps.push(Step::Put {
                uid,
                text: object.text,
                digest,
                title: object.title,
                known: published,
            }),
        }
    }
    steps.extend(known.into_values().map(|known| Step::Delete { known }));
    Ok(Prepared { collection: settings.url, user: settings.user, steps, unchanged })
}

/// The digest of an object's text, its DTSTAMP (the time of writing) left out.
fn digest(text: &str) -> String {
    let mut hasher = Sha256::new();
    for line in text.split("\r\n").filter(|line| !line.starts_with("DTSTAMP:")) {
        hasher.update(line.as_bytes());
        hasher.update(b"\n");
    }
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Publishes the meetings to the collection of the settings; `progress(done, total)` after
/// each step. A dry run says what would be done and touches neither the server nor the base.
pub fn publish(
    store: &mut Store,
    password: Option<&str>,
    dry_run: bool,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Publication> {
    let prepared = prepare(store)?;
    if dry_run {
        return Ok(prepared.dry_run());
    }
    let password = match password {
        Some(password) => password.to_string(),
        None => prepared.password()?,
    };
    let collection = prepared.collection.clone();
    prepared.send(&password, &mut |recorded| recorded.record(store, &collection), progress)
}

impl Prepared {
    /// The collection it goes to.
    pub fn collection(&self) -> &str {
        &self.collection
    }

    /// The password of the settings' user, from the environment or the credential store.
    pub fn password(&self) -> Result<String> {
        password(&self.collection, &self.user)
    }

    /// What would be sent and removed.
    pub fn dry_run(self) -> Publication {
        let mut publication =
            Publication { unchanged: self.unchanged, dry_run: true, ..Publication::default() };
        for step in &self.steps {
            match step {
                Step::Put { title, .. } => {
                    publication.sent += 1;
                    publication.changes.push(format!("À envoyer : {title}"));
                }
                Step::Delete { known } => {
                    publication.removed += 1;
                    publication.changes.push(format!("À retirer : {}", known.title));
                }
            }
        }
        publication
    }

    /// Sends the changes; `record` is called as soon as the server took each one.
    pub fn send(
        self,
        password: &str,
        record: &mut dyn FnMut(Recorded) -> Result<()>,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Publication> {
        let mut publication = Publication { unchanged: self.unchanged, ..Publication::default() };
        let server = Server::new(&self.collection, &self.user, password);
        server.check_collection()?;
        let total = self.steps.len();
        progress(0, total);
        for (done, step) in self.steps.into_iter().enumerate() {
            match step {
                Step::Put { uid, text, digest, title, known } => {
                    let href = known.as_ref().map_or_else(|| server.href_of(&uid), |k| k.href.clone());
                    match server.put(&href, &text, known.as_ref().map(|k| k.etag.as_deref()))? {
                        Outcome::Done(etag) => {
                            record(Recorded::Published(PublishedObject {
                                uid,
                                href,
                                etag,
                                digest,
                                title: title.clone(),
                            }))?;
                            publication.sent += 1;
                            publication.changes.push(format!("Envoyée : {title}"));
                        }
                        Outcome::Changed => publication.conflicts.push(format!(
                            "« {title} » a été modifiée sur le serveur par quelqu'un d'autre depuis la dernière \
                             publication : elle n'a pas été remplacée"
                        )),
                    }
                }
                Step::Delete { known } => match server.delete(&known.href, known.etag.as_deref())? {
                    Outcome::Done(_) => {
                        record(Recorded::Removed(known.uid))?;
                        publication.removed += 1;
                        publication.changes.push(format!("Retirée : {}", known.title));
                    }
                    Outcome::Changed => publication.conflicts.push(format!(
                        "« {} » a été modifiée sur le serveur par quelqu'un d'autre depuis la dernière publication : \
                         elle n'a pas été retirée",
                        known.title
                    )),
                },
            }
            progress(done + 1, total);
        }
        Ok(publication)
    }
}

/// What the server did with a conditional request.
enum Outcome {
    /// Done; the new ETag when the server gave one.
    Done(Option<String>),
    /// Refused because the object changed on the server (412).
    Changed,
}

/// The collection on its server.
struct Server {
    agent: ureq::Agent,
    collection: String,
    authorization: String,
}

impl Server {
    fn new(collection: &str, user: &str, password: &str) -> Server {
        use base64::Engine;
        let agent = ureq::AgentBuilder::new()
            .timeout_connect(Duration::from_secs(10))
            .timeout(Duration::from_secs(60))
            .redirects(0)
            .build();
        let credentials = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
        Server { agent, collection: collection.to_string(), authorization: format!("Basic {credentials}") }
    }

    /// The URL of a meeting's object: `UID.ics` in the collection, the UID percent-encoded.
    fn href_of(&self, uid: &str) -> String {
        let mut href = self.collection.clone();
        for byte in uid.bytes() {
            if byte.is_ascii_alphanumeric() || b"-._~@".contains(&byte) {
                href.push(byte as char);
            } else {
                href.push_str(&format!("%{byte:02X}"));
            }
        }
        href.push_str(".ics");
        href
    }

    fn request(&self, method: &str, url: &str) -> ureq::Request {
        self.agent.request(method, url).set("Authorization", &self.authorization)
    }

    /// The collection exists and the password is right.
    fn check_collection(&self) -> Result<()> {
        let body = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\
                    <d:propfind xmlns:d=\"DAV:\"><d:prop><d:resourcetype/></d:prop></d:propfind>";
        let response = self
            .request("PROPFIND", &self.collection)
            .set("Depth", "0")
            .set("Content-Type", "application/xml; charset=utf-8")
            .send_string(body);
        match response {
            Ok(_) => Ok(()),
            Err(ureq::Error::Status(404, _)) => Err(Error::Refused(format!(
                "Le calendrier partagé {} n'existe pas sur le serveur : vérifiez son adresse dans les Paramètres",
                self.collection
            ))),
            Err(error) => Err(self.failure(error)),
        }
    }

    /// PUT of an object: new (`known` is `None`: `If-None-Match: *`) or an update of the one
    /// we published (`If-Match` its ETag, when the server gave one).
    fn put(&self, href: &str, text: &str, known: Option<Option<&str>>) -> Result<Outcome> {
        let mut request = self.request("PUT", href).set("Content-Type", "text/calendar; charset=utf-8");
        request = match known {
            None => request.set("If-None-Match", "*"),
            Some(Some(etag)) => request.set("If-Match", etag),
            Some(None) => request,
        };
        match request.send_string(text) {
            Ok(response) => Ok(Outcome::Done(response.header("ETag").map(str::to_string))),
            Err(ureq::Error::Status(412, _)) => Ok(Outcome::Changed),
            Err(error) => Err(self.failure(error)),
        }
    }

    /// DELETE of an object we published (`If-Match` its ETag); one already gone is done.
    fn delete(&self, href: &str, etag: Option<&str>) -> Result<Outcome> {
        let mut request = self.request("DELETE", href);
        if let Some(etag) = etag {
            request = request.set("If-Match", etag);
        }
        match request.call() {
            Ok(_) | Err(ureq::Error::Status(404 | 410, _)) => Ok(Outcome::Done(None)),
            Err(ureq::Error::Status(412, _)) => Ok(Outcome::Changed),
            Err(error) => Err(self.failure(error)),
        }
    }

    /// A failure in French: refused password, unreachable server, or what the server said.
    fn failure(&self, error: ureq::Error) -> Error {
        let host = host_of(&self.collection);
        match error {
            ureq::Error::Status(401 | 403, _) => Error::Unauthorized(format!(
                "Le serveur du calendrier partagé ({host}) a refusé l'identifiant ou le mot de passe"
            )),
            ureq::Error::Status(code, response) => Error::Refused(format!(
                "Le serveur du calendrier partagé ({host}) a répondu par une erreur {code} ({})",
                response.status_text()
            )),
            ureq::Error::Transport(transport) => {
                let why = match transport.kind() {
                    ureq::ErrorKind::Dns => "son nom est introuvable",
                    ureq::ErrorKind::ConnectionFailed => "la connexion a été refusée",
                    ureq::ErrorKind::Io => "la connexion a été coupée ou a expiré",
                    ureq::ErrorKind::InvalidUrl | ureq::ErrorKind::UnknownScheme => {
                        "son adresse est invalide"
                    }
                    _ => "la connexion n'a pas abouti",
                };
                Error::Unreachable(format!(
                    "Le serveur du calendrier partagé ({host}) est injoignable ({why}) : vérifiez la connexion \
                     au réseau et l'adresse dans les Paramètres"
                ))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digest_ignores_the_time_of_writing_only() {
        let a = "BEGIN:VEVENT\r\nDTSTAMP:20261125T100000Z\r\nSUMMARY:x\r\nEND:VEVENT\r\n";
        let b = a.replace("20261125T100000Z", "20261126T110000Z");
        assert_eq!(digest(a), digest(&b));
        assert_ne!(digest(a), digest(&a.replace("SUMMARY:x", "SUMMARY:y")));
    }

    #[test]
    fn an_object_is_named_after_its_uid_percent_encoded() {
        let server = Server::new("http://127.0.0.1:5232/u/ateliers/", "u", "p");
        assert_eq!(server.href_of("ab-12@ateliers"), "http://127.0.0.1:5232/u/ateliers/ab-12@ateliers.ics");
        assert_eq!(server.href_of("a/b c"), "http://127.0.0.1:5232/u/ateliers/a%2Fb%20c.ics");
    }

    #[test]
    fn the_password_comes_from_the_credential_store() {
        keyring::set_default_credential_builder(keyring::mock::default_credential_builder());
        // The mock keeps nothing between entries: a missing password is said in French.
        let error = password("https://nuage.example.fr/dav/", "secretariat");
        if std::env::var(PASSWORD_VARIABLE).is_err() {
            assert_eq!(error.unwrap_err().code(), "credentials");
        }
        assert_eq!(host_of("https://nuage.example.fr:8443/dav/"), "nuage.example.fr:8443");
    }
}
