//! What the tests and benchmarks of Ateliers share, as a crate of its own (issue 20): each
//! test file uses the part it needs, and nothing here is compiled once per test file, so no
//! helper needs a `dead_code` allowance.
//!
//! - [`webdriver`]: a small W3C WebDriver client over `tauri-driver` (window tests, benches);
//! - [`app`]: the desktop application launched on a temporary data folder, with the checks
//!   and waits every window test uses;
//! - [`dialog`]: the system's GTK file dialogs driven with `xdotool`;
//! - [`opener`]: a stand-in `xdg-open` that writes down what it is asked to open;
//! - [`servers`]: Radicale (CalDAV) and a Secret Service, started for the calendar tests;
//! - [`cli`]: the `ateliers` command line as a process;
//! - [`timing`]: medians of timed runs, for the core's benchmarks.
//!
//! This crate does not depend on `ateliers` (the core dev-depends on it): the helpers that
//! need the core's types stay in the tests. The paths only the calling package's tests know
//! (its binaries, its temporary target folder) are passed in by them.

use std::path::{Path, PathBuf};

pub mod app;
pub mod cli;
pub mod dialog;
pub mod opener;
pub mod servers;
pub mod timing;
pub mod webdriver;

/// The repository's root: the folder above this crate's, which holds `tests/checkers`
/// (the independent readers) and `tests/vendor` (axe-core).
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .find(|dir| dir.join("tests/checkers").is_dir())
        .expect("the repository holds tests/checkers")
        .to_path_buf()
}
