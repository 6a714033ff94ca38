//! Publishing every atelier's meetings to a CalDAV calendar collection (RFC 4791: Nextcloud,
//! Radicale…) that the whole organisation subscribes to.
//!
//! Only what changed since the last publication is sent: a new or changed meeting is PUT as
//! `UID.ics` — `If-None-Match: *` when new, `If-Match` with the ETag we got otherwise, so a
//! change someone made on the server is never overwritten silently —, a cancelled, postponed
//! or deleted meeting is removed (DELETE with `If-Match`). Each object's state is recorded
//! as soon as the server took it: an interrupted publication resumes where it stopped, and
//! an object the server took just before the interruption is recognised by its UID and
//! adopted (see [`Prepared::send`]).
//!
//! The WebDAV verbs it needs (PUT, DELETE, GET and PROPFIND to read an object and its ETag
//! back, and to check the collection) go through `ureq`, a kept blocking HTTP client: no
//! async runtime in the core. The address must be `https://` (`http://` only to this
//! computer) without user or password in it; a redirection is an error that says where it
//! points; TLS trusts the bundled roots of the web and the system's certificate store (an
//! organisation's own authority).

use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::ical;
use crate::store::{CaldavSettings, PublishedObject, Store};

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
    if let Some(problem) = CaldavSettings::url_problem(&settings.url) {
        return Err(Error::Refused(format!("{problem}. Corrigez-la dans les Paramètres")));
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
    ///
    /// Every change is conditional. A new object is sent with `If-None-Match: *`; if the
    /// server already has one at its address (412) and it is ours (same UID: a publication
    /// the server took but the base never recorded), it is adopted and updated if it differs;
    /// someone else's is a conflict. An update or a removal carries `If-Match` with the ETag
    /// recorded (or, for one recorded without ETag, read from the server if the object there
    /// is still what we sent); an object whose version the server never gives is a conflict,
    /// never overwritten blindly.
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
                    let outcome = match &known {
                        None => server.create(&href, &text)?,
                        Some(known) => match server.version_of(known)? {
                            Version::Known(etag) => server.put(&href, &text, Some(&etag))?,
                            Version::Gone => server.create(&href, &text)?,
                            Version::Changed => Outcome::Changed,
                            Version::Unknown => Outcome::Unversioned,
                        },
                    };
                    match outcome {
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
                        left => publication.conflicts.push(left_as_it_is(&title, &left, "remplacée")),
                    }
                }
                Step::Delete { known } => {
                    let outcome = match server.version_of(&known)? {
                        Version::Known(etag) => server.delete(&known.href, &etag)?,
                        Version::Gone => Outcome::Done(None),
                        Version::Changed => Outcome::Changed,
                        Version::Unknown => Outcome::Unversioned,
                    };
                    match outcome {
                        Outcome::Done(_) => {
                            record(Recorded::Removed(known.uid))?;
                            publication.removed += 1;
                            publication.changes.push(format!("Retirée : {}", known.title));
                        }
                        left => publication.conflicts.push(left_as_it_is(&known.title, &left, "retirée")),
                    }
                }
            }
            progress(done + 1, total);
        }
        Ok(publication)
    }
}

/// The conflict of an object `left` as it is on the server ([`Outcome::Changed`] or
/// [`Outcome::Unversioned`]), in French: it was not `done` (« remplacée », « retirée »).
fn left_as_it_is(title: &str, left: &Outcome, done: &str) -> String {
    match left {
        Outcome::Unversioned => format!(
            "« {title} » n'a pas été {done} : le serveur ne donne pas la version de l'objet (ETag), sans \
             laquelle une modification faite par quelqu'un d'autre serait écrasée"
        ),
        _ => format!(
            "« {title} » a été modifiée sur le serveur par quelqu'un d'autre depuis la dernière publication : \
             elle n'a pas été {done}"
        ),
    }
}

/// What the server did with a conditional request.
enum Outcome {
    /// Done; the object's new ETag when the server gives one.
    Done(Option<String>),
    /// Refused because the object is not the one we know (412), or someone else's.
    Changed,
    /// Not tried: the server gives no version (ETag) of the object to make it conditional.
    Unversioned,
}

/// The version of an object we published, as the server has it now.
enum Version {
    /// Its ETag.
    Known(String),
    /// The object is no longer on the server.
    Gone,
    /// Recorded without ETag, and what the server has is no longer what we sent.
    Changed,
    /// Neither recorded nor given by the server.
    Unknown,
}

/// An object read from the server.
struct Fetched {
    text: String,
    etag: Option<String>,
}

/// What the server answered, once a redirection or a failure to connect are errors.
enum Answer {
    /// 2xx.
    Success(ureq::Response),
    /// An error status (4xx, 5xx).
    Status(u16, ureq::Response),
}

/// The collection on its server.
struct Server {
    agent: ureq::Agent,
    collection: String,
    authorization: String,
}

impl Server {
    /// The server of `collection` (a URL [`CaldavSettings::url_problem`] accepts).
    fn new(collection: &str, user: &str, password: &str) -> Server {
        use base64::Engine;
        let mut agent = ureq::AgentBuilder::new()
            .timeout_connect(Duration::from_secs(10))
            .timeout(Duration::from_secs(60));
        if let Some(tls) = tls_config() {
            agent = agent.tls_config(tls);
        }
        let agent = agent.redirects(0).build();
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

    /// Sends `request` (with `body`, if any): a success or an error status, or the error of
    /// a redirection (with redirections off, ureq gives them as successes) or of the
    /// connection.
    fn call(&self, request: ureq::Request, body: Option<&str>) -> Result<Answer> {
        let result = match body {
            Some(body) => request.send_string(body),
            None => request.call(),
        };
        match result {
            Ok(response) if (300..400).contains(&response.status()) => Err(self.redirected(&response)),
            Ok(response) => Ok(Answer::Success(response)),
            Err(ureq::Error::Status(code, response)) => Ok(Answer::Status(code, response)),
            Err(ureq::Error::Transport(transport)) => Err(self.unreachable(&transport)),
        }
    }

    /// A PROPFIND of `props` (`<d:getetag/>`…) on `url`, depth 0.
    fn propfind(&self, url: &str, props: &str) -> Result<Answer> {
        let body = format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><d:propfind xmlns:d=\"DAV:\"><d:prop>{props}</d:prop></d:propfind>"
        );
        let request = self
            .request("PROPFIND", url)
            .set("Depth", "0")
            .set("Content-Type", "application/xml; charset=utf-8");
        self.call(request, Some(&body))
    }

    /// The collection exists and the password is right.
    fn check_collection(&self) -> Result<()> {
        match self.propfind(&self.collection, "<d:resourcetype/>")? {
            Answer::Success(_) => Ok(()),
            Answer::Status(404, _) => Err(Error::Refused(format!(
                "Le calendrier partagé {} n'existe pas sur le serveur : vérifiez son adresse dans les Paramètres",
                self.collection
            ))),
            Answer::Status(code, response) => Err(self.refused(code, &response)),
        }
    }

    /// PUT of an object: new (`If-None-Match: *`) or an update of the version `etag`
    /// (`If-Match`). Done with the new ETag, read back when the response has none.
    fn put(&self, href: &str, text: &str, etag: Option<&str>) -> Result<Outcome> {
        let request = self.request("PUT", href).set("Content-Type", "text/calendar; charset=utf-8");
        let request = match etag {
            None => request.set("If-None-Match", "*"),
            Some(etag) => request.set("If-Match", etag),
        };
        match self.call(request, Some(text))? {
            Answer::Success(response) => match response.header("ETag") {
                Some(etag) => Ok(Outcome::Done(Some(etag.to_string()))),
                None => Ok(Outcome::Done(self.fetch(href)?.and_then(|fetched| fetched.etag))),
            },
            Answer::Status(412, _) => Ok(Outcome::Changed),
            Answer::Status(code, response) => Err(self.refused(code, &response)),
        }
    }

    /// PUT of a new object; if the server already has one at `href` (412) with the UID of
    /// `text`, it is ours (sent before, never recorded): adopted as it is, or updated with
    /// `If-Match` when it differs. Someone else's is [`Outcome::Changed`].
    fn create(&self, href: &str, text: &str) -> Result<Outcome> {
        match self.put(href, text, None)? {
            Outcome::Changed => {}
            outcome => return Ok(outcome),
        }
        let Some(theirs) = self.fetch(href)? else { return Ok(Outcome::Changed) };
        if uid_line(&theirs.text).is_none() || uid_line(&theirs.text) != uid_line(text) {
            return Ok(Outcome::Changed);
        }
        match theirs.etag {
            etag if digest(&theirs.text) == digest(text) => Ok(Outcome::Done(etag)),
            Some(etag) => self.put(href, text, Some(&etag)),
            None => Ok(Outcome::Unversioned),
        }
    }

    /// The version of `known` to update or remove it: the ETag recorded; for an object
    /// recorded without one, the server's, provided the object there is still what we sent.
    fn version_of(&self, known: &PublishedObject) -> Result<Version> {
        if let Some(etag) = &known.etag {
            return Ok(Version::Known(etag.clone()));
        }
        Ok(match self.fetch(&known.href)? {
            None => Version::Gone,
            Some(theirs) if digest(&theirs.text) != known.digest => Version::Changed,
            Some(Fetched { etag: Some(etag), .. }) => Version::Known(etag),
            Some(Fetched { etag: None, .. }) => Version::Unknown,
        })
    }

    /// The object at `href` with its ETag (from the GET, else from a PROPFIND of
    /// `getetag`), or `None` when there is none.
    fn fetch(&self, href: &str) -> Result<Option<Fetched>> {
        let response = match self.call(self.request("GET", href), None)? {
            Answer::Success(response) => response,
            Answer::Status(404 | 410, _) => return Ok(None),
            Answer::Status(code, response) => return Err(self.refused(code, &response)),
        };
        let etag = response.header("ETag").map(str::to_string);
        let text = response.into_string().map_err(|error| self.cut(&error))?;
        let etag = match etag {
            Some(etag) => Some(etag),
            None => match self.propfind(href, "<d:getetag/>")? {
                Answer::Success(response) => {
                    getetag(&response.into_string().map_err(|error| self.cut(&error))?)
                }
                Answer::Status(_, _) => None,
            },
        };
        Ok(Some(Fetched { text, etag }))
    }

    /// DELETE of an object we published, version `etag` (`If-Match`); one already gone is
    /// done.
    fn delete(&self, href: &str, etag: &str) -> Result<Outcome> {
        match self.call(self.request("DELETE", href).set("If-Match", etag), None)? {
            Answer::Success(_) | Answer::Status(404 | 410, _) => Ok(Outcome::Done(None)),
            Answer::Status(412, _) => Ok(Outcome::Changed),
            Answer::Status(code, response) => Err(self.refused(code, &response)),
        }
    }

    /// The host of the collection, for a message.
    fn host(&self) -> &str {
        host_of(&self.collection)
    }

    /// A redirection, in French, with where it points.
    fn redirected(&self, response: &ureq::Response) -> Error {
        let host = self.host();
        let target = match response.header("Location") {
            Some(location) => match url::Url::parse(&self.collection).and_then(|base| base.join(location)) {
                Ok(target) => format!("vers {target}"),
                Err(_) => format!("vers « {location} »"),
            },
            None => "sans dire où".to_string(),
        };
        Error::Refused(format!(
            "Le serveur du calendrier partagé ({host}) renvoie ailleurs ({code}, {target}) au lieu de répondre : \
             vérifiez l'adresse du calendrier dans les Paramètres",
            code = response.status()
        ))
    }

    /// An error status in French: refused password, or what the server said.
    fn refused(&self, code: u16, response: &ureq::Response) -> Error {
        let host = self.host();
        match code {
            401 | 403 => Error::Unauthorized(format!(
                "Le serveur du calendrier partagé ({host}) a refusé l'identifiant ou le mot de passe"
            )),
            _ => Error::Refused(format!(
                "Le serveur du calendrier partagé ({host}) a répondu par une erreur {code} ({})",
                response.status_text()
            )),
        }
    }

    /// A failure to connect in French: unreachable server, or a certificate not trusted.
    fn unreachable(&self, transport: &ureq::Transport) -> Error {
        let host = self.host();
        if let Some(problem) = certificate_problem(transport) {
            return Error::Unreachable(format!(
                "La connexion au serveur du calendrier partagé ({host}) n'est pas sûre : {problem}. Si votre \
                 organisation a sa propre autorité de certification, faites-la installer sur cet ordinateur"
            ));
        }
        let why = match transport.kind() {
            ureq::ErrorKind::Dns => "son nom est introuvable",
            ureq::ErrorKind::ConnectionFailed => "la connexion a été refusée",
            ureq::ErrorKind::Io => "la connexion a été coupée ou a expiré",
            ureq::ErrorKind::InvalidUrl | ureq::ErrorKind::UnknownScheme => "son adresse est invalide",
            _ => "la connexion n'a pas abouti",
        };
        Error::Unreachable(format!(
            "Le serveur du calendrier partagé ({host}) est injoignable ({why}) : vérifiez la connexion au réseau \
             et l'adresse dans les Paramètres"
        ))
    }

    /// A response cut while it was read.
    fn cut(&self, error: &std::io::Error) -> Error {
        let host = self.host();
        Error::Unreachable(format!(
            "Le serveur du calendrier partagé ({host}) est injoignable (la connexion a été coupée : {error}) : \
             vérifiez la connexion au réseau"
        ))
    }
}

/// What the TLS connection needs: the roots bundled with Ateliers (those of the web) and
/// those of the system's certificate store, where an organisation installs its own
/// authority (read by rustls-native-certs, which also honours `SSL_CERT_FILE` and
/// `SSL_CERT_DIR`). A store that cannot be read leaves the bundled roots. `None` (ureq's own
/// configuration, the bundled roots) should the crypto provider refuse the default TLS
/// versions, which ring does not.
fn tls_config() -> Option<Arc<rustls::ClientConfig>> {
    let mut roots = rustls::RootCertStore { roots: webpki_roots::TLS_SERVER_ROOTS.to_vec() };
    roots.add_parsable_certificates(rustls_native_certs::load_native_certs().certs);
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder =
        rustls::ClientConfig::builder_with_provider(provider).with_safe_default_protocol_versions().ok()?;
    Some(Arc::new(builder.with_root_certificates(roots).with_no_client_auth()))
}

/// The certificate problem behind a failed connection, in French, if it is one.
fn certificate_problem(transport: &ureq::Transport) -> Option<&'static str> {
    use rustls::CertificateError;
    let mut cause: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(transport);
    while let Some(error) = cause {
        let tls = error
            .downcast_ref::<rustls::Error>()
            .or_else(|| error.downcast_ref::<std::io::Error>()?.get_ref()?.downcast_ref::<rustls::Error>());
        if let Some(rustls::Error::InvalidCertificate(problem)) = tls {
            return Some(match problem {
                CertificateError::UnknownIssuer => {
                    "son certificat n'est pas signé par une autorité de certification connue de cet ordinateur"
                }
                CertificateError::Expired | CertificateError::ExpiredContext { .. } => {
                    "son certificat a expiré"
                }
                CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
                    "son certificat n'est pas encore valable (vérifiez la date de cet ordinateur)"
                }
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
                    "son certificat est celui d'une autre adresse"
                }
                CertificateError::Revoked => "son certificat a été révoqué",
                _ => "son certificat n'est pas valable",
            });
        }
        cause = error.source();
    }
    None
}

/// The UID line of an iCalendar text, unfolded (`UID:…@ateliers`), to know whose object it
/// is.
fn uid_line(text: &str) -> Option<String> {
    let unfolded = text.replace("\r\n ", "").replace("\r\n\t", "").replace("\n ", "").replace("\n\t", "");
    unfolded
        .lines()
        .map(str::trim_end)
        .find(|line| line.starts_with("UID:") || line.starts_with("UID;"))
        .map(str::to_string)
}

/// The ETag in the answer to a PROPFIND of `getetag` (`<d:getetag>&quot;…&quot;</d:getetag>`,
/// whatever the namespace's prefix or attributes).
fn getetag(xml: &str) -> Option<String> {
    let start = xml.find("getetag")?;
    let end = start + xml[start..].find('>')?;
    if xml[..end].ends_with('/') {
        return None; // <d:getetag/>: none given
    }
    let value = xml[end + 1..].split('<').next()?.trim();
    let value = value
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    (!value.is_empty()).then_some(value)
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
    fn the_uid_line_is_read_unfolded() {
        let ours = "BEGIN:VEVENT\r\nUID:0123456789-abcdef@ate\r\n liers\r\nSUMMARY:x\r\nEND:VEVENT\r\n";
        assert_eq!(uid_line(ours).as_deref(), Some("UID:0123456789-abcdef@ateliers"));
        assert_eq!(uid_line("BEGIN:VEVENT\nUID:0123456789-abcdef@ateliers\nEND:VEVENT\n"), uid_line(ours));
        assert_eq!(uid_line("BEGIN:VEVENT\r\nSUMMARY:UID:x\r\nEND:VEVENT\r\n"), None);
    }

    #[test]
    fn the_etag_of_a_propfind_answer() {
        let answer = |prop: &str| {
            format!("<d:multistatus xmlns:d=\"DAV:\"><d:response><d:propstat><d:prop>{prop}</d:prop></d:propstat></d:response></d:multistatus>")
        };
        assert_eq!(getetag(&answer("<d:getetag>&quot;v1&quot;</d:getetag>")).as_deref(), Some("\"v1\""));
        assert_eq!(getetag(&answer("<getetag xmlns=\"DAV:\">\"abc\"</getetag>")).as_deref(), Some("\"abc\""));
        assert_eq!(getetag(&answer("<d:getetag/>")), None);
        assert_eq!(getetag(&answer("<d:resourcetype/>")), None);
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
