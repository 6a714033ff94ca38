//! The stand-in for the system's viewer and file manager in the real-window tests: a
//! `bin/xdg-open`, first in the application's `PATH`, that writes each path the opener
//! plugin hands it in `opened.log`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The stand-in `xdg-open` in a temporary folder of its own, removed when dropped; give
/// [`FakeOpener::path`] to the application as its `PATH`.
pub struct FakeOpener {
    dir: tempfile::TempDir,
}

impl Default for FakeOpener {
    fn default() -> FakeOpener {
        FakeOpener::new()
    }
}

impl FakeOpener {
    /// Writes the stand-in `bin/xdg-open` and its empty log in a new temporary folder.
    pub fn new() -> FakeOpener {
        let dir = tempfile::tempdir().expect("temporary folder");
        let bin = dir.path().join("bin");
        std::fs::create_dir(&bin).unwrap();
        let script = bin.join("xdg-open");
        let log = dir.path().join("opened.log");
        std::fs::write(&script, format!("#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{}'\n", log.display()))
            .unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        FakeOpener { dir }
    }

    /// `PATH` with the stand-in first.
    pub fn path(&self) -> PathBuf {
        let mut folders = vec![self.dir.path().join("bin")];
        folders.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
        PathBuf::from(std::env::join_paths(folders).unwrap())
    }

    /// What it was asked to open so far, one path a line.
    pub fn opened(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("opened.log")).unwrap_or_default()
    }

    /// Waits until it was asked to open `path` (a folder may come with a final `/`).
    pub fn wait_opened(&self, path: &Path) {
        let wanted = path.display().to_string();
        let deadline = Instant::now() + Duration::from_secs(10);
        while !self.opened().lines().any(|line| line.trim_end_matches('/') == wanted) {
            assert!(
                Instant::now() < deadline,
                "nothing asked to open {wanted}; what was opened:\n{}",
                self.opened()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}
