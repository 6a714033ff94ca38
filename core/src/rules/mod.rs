//! The rules the application checks and shows (PRODUCT.md, « Rules »): warnings, never
//! silent, never blocking. Each finding names its rule, so the window, the documents and
//! `ateliers check` say the same thing.

pub mod attendance;
pub mod composition;
pub mod meetings;
pub mod milestones;
pub mod releves;

use serde::Serialize;

use crate::fr;

/// How serious a finding is (`"warning"` in JSON; the rules of later issues may add levels).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// A rule is not met: the secretary should act.
    Warning,
}

/// One finding of a rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable name of the rule, e.g. `composition.parity`.
    pub rule: &'static str,
    pub severity: Severity,
    /// French sentence, with French typography.
    pub message: String,
    /// Code of the atelier concerned.
    pub atelier: Option<String>,
    pub meeting: Option<i64>,
    pub person: Option<i64>,
}

impl Finding {
    /// A warning of `rule` about atelier `code`.
    pub fn warning(rule: &'static str, atelier: &str, message: impl AsRef<str>) -> Finding {
        Finding {
            rule,
            severity: Severity::Warning,
            message: fr::typography(message.as_ref()),
            atelier: Some(atelier.to_string()),
            meeting: None,
            person: None,
        }
    }

    /// The same finding about one person.
    pub fn about(mut self, person: i64) -> Finding {
        self.person = Some(person);
        self
    }
}

#[cfg(test)]
pub(crate) mod tests {
    /// `text` with ordinary spaces and apostrophes instead of French typography's, for
    /// tests that check the words of a finding.
    pub(crate) fn plain(text: &str) -> String {
        text.replace(['\u{a0}', '\u{202f}'], " ").replace('’', "'")
    }
}
