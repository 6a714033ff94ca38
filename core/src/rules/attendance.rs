//! Rules 5 and 6 (PRODUCT.md, « Rules »): the assiduité alerts of every member (a rate
//! under the threshold or too many absences in a row, computed by
//! [`Tally`]), and a meeting « à reporter » when a member
//! whose presence is required is absent.

use super::meetings::meeting_finding;
use super::Finding;
use crate::fr;
use crate::model::attendance::{AssiduityThresholds, AttendanceStatus, Tally};
use crate::model::meeting::{ConvocationReply, MeetingSummary};

/// A member whose presence is required at an active meeting, with what is known of their
/// presence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequiredMember {
    pub name: String,
    /// The attendance recorded, if any.
    pub attendance: Option<AttendanceStatus>,
    /// The reply to the convocation, if one was convoked.
    pub reply: Option<ConvocationReply>,
}

impl RequiredMember {
    /// Recorded absent or excused, or, with nothing recorded yet, declined the convocation.
    pub fn is_missing(&self) -> bool {
        match self.attendance {
            Some(status) => matches!(status, AttendanceStatus::Absent | AttendanceStatus::Excuse),
            None => self.reply == Some(ConvocationReply::Decline),
        }
    }
}

/// An active meeting and its required members (by name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequiredPresence {
    pub meeting: MeetingSummary,
    pub members: Vec<RequiredMember>,
}

/// Rule 6: the meetings (in the order given) where a required member is missing.
pub fn required_absent_findings(meetings: &[RequiredPresence]) -> Vec<Finding> {
    meetings
        .iter()
        .filter_map(|RequiredPresence { meeting: m, members }| {
            let people: Vec<&str> =
                members.iter().filter(|p| p.is_missing()).map(|p| p.name.as_str()).collect();
            (!people.is_empty()).then(|| {
                meeting_finding(
                    "meeting.required_absent",
                    m,
                    format!(
                        "{} est à reporter : {} dont la présence est requise {} absent(e)s ou excusé(e)s : {}",
                        fr::capitalise(&m.describe()),
                        fr::count(people.len(), "membre", "membres"),
                        if people.len() > 1 { "sont" } else { "est" },
                        people.join(", ")
                    ),
                )
            })
        })
        .collect()
}

/// A member of an atelier and the tally of their assiduité there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberTally {
    /// The atelier's code.
    pub atelier: String,
    pub person_id: i64,
    pub name: String,
    pub tally: Tally,
}

/// Rule 5: a finding for each member (in the order given) whose assiduité raises an alert.
pub fn attendance_alert_findings(members: &[MemberTally], thresholds: AssiduityThresholds) -> Vec<Finding> {
    members
        .iter()
        .filter(|member| member.tally.alert(thresholds).is_some())
        .map(|MemberTally { atelier, person_id, name, tally }| {
            let (rule, message) = if tally.consecutive_absences >= thresholds.consecutive_absences {
                (
                    "attendance.consecutive_absences",
                    format!(
                        "Atelier {atelier} : {name} a manqué les {} dernières séances tenues",
                        tally.consecutive_absences
                    ),
                )
            } else {
                (
                    "attendance.low_rate",
                    format!(
                        "Atelier {atelier} : {name} a un taux de présence de {} % ({} sur {})",
                        tally.rate_pct().unwrap_or(0),
                        fr::count(tally.present, "séance", "séances"),
                        tally.recorded
                    ),
                )
            };
            Finding::warning(rule, atelier, message).about(*person_id)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::meetings::tests::meeting;
    use crate::rules::tests::plain;

    fn required(
        name: &str,
        attendance: Option<AttendanceStatus>,
        reply: Option<ConvocationReply>,
    ) -> RequiredMember {
        RequiredMember { name: name.into(), attendance, reply }
    }

    #[test]
    fn a_required_member_absent_excused_or_declining_puts_the_meeting_off() {
        use AttendanceStatus::*;
        let presence = |members| RequiredPresence { meeting: meeting(1, 1, "18:00", "20:00"), members };
        let fine = presence(vec![
            required("Présent", Some(Present), Some(ConvocationReply::Decline)),
            required("Représenté", Some(Represente), None),
            required("Sans nouvelles", None, None),
            required("Peut-être", None, Some(ConvocationReply::Provisoire)),
        ]);
        assert!(required_absent_findings(&[fine]).is_empty(), "what is recorded wins over the reply");
        let found = required_absent_findings(&[
            presence(vec![required("Maire", Some(Absent), None)]),
            presence(vec![
                required("Adjoint", Some(Excuse), None),
                required("Maire", None, Some(ConvocationReply::Decline)),
            ]),
        ]);
        assert_eq!(found.len(), 2);
        assert_eq!((found[0].rule, found[0].meeting), ("meeting.required_absent", Some(1)));
        assert!(
            plain(&found[0].message)
                .ends_with("1 membre dont la présence est requise est absent(e)s ou excusé(e)s : Maire"),
            "{}",
            plain(&found[0].message)
        );
        assert!(
            plain(&found[1].message).ends_with(
                "2 membres dont la présence est requise sont absent(e)s ou excusé(e)s : Adjoint, Maire"
            ),
            "{}",
            plain(&found[1].message)
        );
    }

    #[test]
    fn an_alert_says_absences_in_a_row_first_then_a_low_rate() {
        let member = |recorded, present, consecutive_absences| MemberTally {
            atelier: "AP-T".into(),
            person_id: 9,
            name: "Muller".into(),
            tally: Tally { recorded, present, consecutive_absences },
        };
        let found = attendance_alert_findings(
            &[member(5, 2, 3), member(5, 3, 2), member(5, 2, 2)],
            AssiduityThresholds { rate_pct: 50, consecutive_absences: 3 },
        );
        let rules: Vec<(&str, Option<i64>)> = found.iter().map(|f| (f.rule, f.person)).collect();
        assert_eq!(rules, [("attendance.consecutive_absences", Some(9)), ("attendance.low_rate", Some(9))]);
        assert_eq!(plain(&found[0].message), "Atelier AP-T : Muller a manqué les 3 dernières séances tenues");
        assert_eq!(
            plain(&found[1].message),
            "Atelier AP-T : Muller a un taux de présence de 40 % (2 séances sur 5)"
        );
    }
}
