//! The bases the core's file-level tests start from: a real file in a temporary folder,
//! its clock stopped on one day so that dated documents and rules do not drift.
//!
//! A module of the core's tests (`mod support;`), not of `ateliers-testkit`: it needs the
//! core's types, and the testkit does not depend on the core. Every test file that declares
//! it uses all of it; a helper only some of them need belongs in the testkit or in that file.

use std::path::Path;

use ateliers::clock::{Clock, DEFAULT_ZONE};
use ateliers::store::Store;
use chrono::NaiveDate;

/// The day every test's clock stops at (10 h in Paris).
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

/// A base on a real file in `dir`, its clock stopped on [`today`].
pub fn store_in(dir: &Path) -> Store {
    let mut store = Store::open(dir.join("ateliers.sqlite3")).expect("base ouverte");
    store.set_clock(Clock::fixed_at(today().and_hms_opt(10, 0, 0).unwrap(), DEFAULT_ZONE));
    store
}

/// [`store_in`] filled with the demonstration data.
pub fn demo_store(dir: &Path) -> Store {
    let mut store = store_in(dir);
    store.load_demo(today()).expect("données de démonstration");
    store
}
