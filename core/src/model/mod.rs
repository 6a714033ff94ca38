//! Domain types and the checks that need no database.

pub mod agenda;
pub mod atelier;
pub mod attendance;
pub mod charter;
pub mod date;
pub mod letter_text;
pub mod meeting;
pub mod membership;
pub mod person;
pub mod places;
pub mod postal;
pub mod recurrence;
pub mod releve;
pub mod rich_text;
pub mod settings;
mod text_enum;

/// What every enumeration stored as TEXT offers (see `text_enum!`): its values in display
/// order, the stored name and the French label. The window's vocabulary is built from it.
pub trait TextEnum: Copy + 'static {
    /// Every value, in display order.
    fn all() -> &'static [Self];
    /// The stored name.
    fn as_str(self) -> &'static str;
    /// The French label.
    fn label(self) -> &'static str;
}
