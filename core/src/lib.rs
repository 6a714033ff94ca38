//! # ateliers
//!
//! The core of Ateliers, the application with which a secretariat runs its
//! ateliers-projets: the domain types ([`model`]), the SQLite store ([`store`], the only
//! module with SQL), French formatting ([`fr`]) and the demonstration data. It knows nothing
//! of Tauri or of any window; the desktop package and the `ateliers` CLI both call it.
//!
//! ```
//! use ateliers::{model::atelier::AtelierInput, store::Store};
//!
//! let mut store = Store::open_in_memory()?;
//! let atelier = store.create_atelier(AtelierInput {
//!     code: "AP-MOB".into(),
//!     title: "Mobilités douces".into(),
//!     kind: "faisabilite".into(),
//!     status: "propose".into(),
//!     ..AtelierInput::default()
//! })?;
//! assert_eq!(store.list_ateliers()?[0].code, atelier.data.code);
//! # Ok::<(), ateliers::Error>(())
//! ```

pub mod caldav;
pub mod clock;
pub mod demo;
pub mod error;
pub mod files;
pub mod fr;
pub mod ical;
pub mod mail;
pub mod model;
pub mod odt;
pub mod paths;
pub mod pdf;
pub mod rules;
pub mod spreadsheet;
pub mod store;
pub mod text;
pub mod zip;

pub use error::{Error, FieldError, Result};
