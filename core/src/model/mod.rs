//! Domain types and the checks that need no database.

pub mod atelier;
pub mod charter;
pub mod date;
pub mod meeting;
pub mod membership;
pub mod person;
pub mod settings;
mod text_enum;
