//! The `ateliers` command line as a process, on the base `db` (never the user's own).

use std::path::Path;
use std::process::{Command, Output};

/// Runs `ateliers --db DB ARGS…` and returns what it did.
pub fn ateliers(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ateliers"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("ATELIERS_DB")
        .output()
        .expect("the ateliers binary runs")
}
