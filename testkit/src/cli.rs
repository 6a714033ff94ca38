//! The `ateliers` command line as a process, on the base `db` (never the user's own).
//!
//! Only the core's own tests know where Cargo built the binary, so they pass it in: a test
//! file calls `run(Path::new(env!("CARGO_BIN_EXE_ateliers")), db, args)`.

use std::path::Path;
use std::process::{Command, Output};

/// Runs `BINARY --db DB ARGS…` without the user's `ATELIERS_DB`, and returns what it did.
pub fn run(binary: &Path, db: &Path, args: &[&str]) -> Output {
    Command::new(binary)
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("ATELIERS_DB")
        .output()
        .expect("the ateliers binary runs")
}
