//! The real servers the calendar tests talk to, started on this machine and stopped when
//! dropped: Radicale, a CalDAV server from PyPI (installed by `scripts/checkers.sh`), on
//! 127.0.0.1; and a Secret Service, the system's credential store on Linux
//! (`gnome-keyring-daemon` on a D-Bus session bus of its own, installed by
//! `scripts/install-system-deps.sh --tests`). Shared by the core's tests and the window's,
//! so each server is started one way.

use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::repo;

/// The Python of the independent readers (`target/checkers/venv`).
pub fn python() -> PathBuf {
    let python = repo().join("target/checkers/venv/bin/python");
    assert!(python.exists(), "Les vérificateurs indépendants manquent : lancez scripts/checkers.sh");
    python
}

/// Polls `ready` every 100 ms until it holds, failing with `what` after `seconds`.
fn wait_for(seconds: u64, what: &str, mut ready: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    while !ready() {
        assert!(Instant::now() < deadline, "{what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Radicale on 127.0.0.1 with a temporary folder and a password file holding one user,
/// whose calendar collection is [`Radicale::url`].
pub struct Radicale {
    child: Child,
    port: u16,
    user: String,
    password: String,
    tls: bool,
    _folder: tempfile::TempDir,
}

impl Radicale {
    /// Radicale over plain HTTP, with one user `user` whose password is `password`.
    pub fn start(user: &str, password: &str) -> Radicale {
        Radicale::start_with(user, password, None)
    }

    /// Radicale over TLS (https) with this certificate and its private key (PEM files).
    pub fn start_with_tls(user: &str, password: &str, certificate: &Path, key: &Path) -> Radicale {
        Radicale::start_with(user, password, Some((certificate, key)))
    }

    fn start_with(user: &str, password: &str, tls: Option<(&Path, &Path)>) -> Radicale {
        let folder = tempfile::tempdir().unwrap();
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let mut command = Command::new(python());
        command
            .arg(repo().join("tests/checkers/radicale_serve.py"))
            .arg(folder.path())
            .arg(port.to_string())
            .args([user, password]);
        if let Some((certificate, key)) = tls {
            command.arg(certificate).arg(key);
        }
        let child = command.stdin(Stdio::null()).spawn().expect("Radicale starts");
        wait_for(30, &format!("Radicale did not answer on port {port}"), || {
            TcpStream::connect(("127.0.0.1", port)).is_ok()
        });
        let tls = tls.is_some();
        Radicale { child, port, user: user.into(), password: password.into(), tls, _folder: folder }
    }

    /// The calendar collection's URL.
    pub fn url(&self) -> String {
        let scheme = if self.tls { "https" } else { "http" };
        format!("{scheme}://127.0.0.1:{}/{}/ateliers/", self.port, self.user)
    }

    /// The collection's events as Python's `caldav` reads them.
    pub fn events(&self) -> Vec<Value> {
        let reading = Command::new(python())
            .arg(repo().join("tests/checkers/caldav_read.py"))
            .args([self.url().as_str(), &self.user, &self.password])
            .output()
            .unwrap();
        assert!(reading.status.success(), "caldav_read: {}", String::from_utf8_lossy(&reading.stderr));
        let value: Value = serde_json::from_slice(&reading.stdout).expect("JSON");
        value["events"].as_array().cloned().unwrap_or_default()
    }
}

impl Drop for Radicale {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A Secret Service of its own: a D-Bus session bus on a socket in a temporary folder, and
/// `gnome-keyring-daemon` on it with a login keyring created and unlocked there. A program
/// given [`SecretService::address`] as `DBUS_SESSION_BUS_ADDRESS` keeps its secrets in it;
/// [`SecretService::lookup`] reads them back with libsecret's `secret-tool`.
pub struct SecretService {
    bus: Child,
    keyring: Child,
    folder: tempfile::TempDir,
}

impl SecretService {
    /// Starts the bus and the keyring daemon, and waits until the Secret Service answers.
    pub fn start() -> SecretService {
        let folder = tempfile::tempdir().unwrap();
        let socket = folder.path().join("bus");
        let bus = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--nopidfile"])
            .arg(format!("--address=unix:path={}", socket.display()))
            .stdin(Stdio::null())
            .stderr(Stdio::null()) // its notices (fd limit, services activated) are noise here
            .spawn()
            .expect("dbus-daemon starts (package dbus)");
        wait_for(10, "the D-Bus session bus did not start", || socket.exists());
        let address = format!("unix:path={}", socket.display());
        let runtime = folder.path().join("run");
        std::fs::create_dir(&runtime).unwrap();
        // `--unlock` reads the login keyring's password on standard input, creating the
        // keyring with it; the daemon's files go to the temporary folder.
        let mut keyring = Command::new("gnome-keyring-daemon")
            .args(["--foreground", "--unlock", "--components=secrets"])
            .env("DBUS_SESSION_BUS_ADDRESS", &address)
            .env("HOME", folder.path())
            .env("XDG_DATA_HOME", folder.path().join("data"))
            .env("XDG_RUNTIME_DIR", &runtime)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("gnome-keyring-daemon starts (package gnome-keyring)");
        let mut stdin = keyring.stdin.take().unwrap();
        stdin.write_all(b"trousseau-des-tests").unwrap();
        drop(stdin);
        let service = SecretService { bus, keyring, folder };
        wait_for(20, "the Secret Service did not appear on the bus", || {
            Command::new("dbus-send")
                .env("DBUS_SESSION_BUS_ADDRESS", &address)
                .args([
                    "--session",
                    "--print-reply",
                    "--dest=org.freedesktop.DBus",
                    "/org/freedesktop/DBus",
                    "org.freedesktop.DBus.NameHasOwner",
                    "string:org.freedesktop.secrets",
                ])
                .output()
                .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).contains("boolean true"))
        });
        service
    }

    /// The bus address to give as `DBUS_SESSION_BUS_ADDRESS`.
    pub fn address(&self) -> String {
        format!("unix:path={}", self.folder.path().join("bus").display())
    }

    /// The secret of the item with these attributes, read by `secret-tool lookup`.
    pub fn lookup(&self, attributes: &[(&str, &str)]) -> Option<String> {
        let out = Command::new("secret-tool")
            .env("DBUS_SESSION_BUS_ADDRESS", self.address())
            .arg("lookup")
            .args(attributes.iter().flat_map(|(name, value)| [*name, *value]))
            .output()
            .expect("secret-tool runs (package libsecret-tools)");
        out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// Keeps `secret` under these attributes with `secret-tool store`, as another program
    /// on the desktop would.
    pub fn store(&self, attributes: &[(&str, &str)], secret: &str) {
        let mut child = Command::new("secret-tool")
            .env("DBUS_SESSION_BUS_ADDRESS", self.address())
            .args(["store", "--label=Ateliers (test)"])
            .args(attributes.iter().flat_map(|(name, value)| [*name, *value]))
            .stdin(Stdio::piped())
            .spawn()
            .expect("secret-tool runs (package libsecret-tools)");
        child.stdin.take().unwrap().write_all(secret.as_bytes()).unwrap();
        assert!(child.wait().unwrap().success(), "secret-tool store failed");
    }
}

impl Drop for SecretService {
    fn drop(&mut self) {
        for child in [&mut self.keyring, &mut self.bus] {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}
