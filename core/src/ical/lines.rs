//! Content lines of RFC 5545 (§ 3.1), written to the letter: CRLF after every line, lines
//! folded at 75 octets without cutting a UTF-8 character, TEXT values escaped (§ 3.3.11),
//! parameter values quoted when they hold `:` `;` or `,` (§ 3.2).

use chrono::{DateTime, NaiveDateTime, Utc};

/// Longest line in octets, CRLF not counted (RFC 5545 § 3.1).
const MAX_OCTETS: usize = 75;

/// An iCalendar object being written, line after line.
#[derive(Debug, Default)]
pub struct Lines {
    out: String,
}

impl Lines {
    /// An empty object.
    pub fn new() -> Lines {
        Lines { out: String::with_capacity(4096) }
    }

    /// `BEGIN:NAME`.
    pub fn begin(&mut self, component: &str) {
        self.raw("BEGIN", &[], component);
    }

    /// `END:NAME`.
    pub fn end(&mut self, component: &str) {
        self.raw("END", &[], component);
    }

    /// A property whose value is written as it is (a date, a number, a URI, a keyword).
    pub fn raw(&mut self, name: &str, params: &[(&str, &str)], value: &str) {
        let start = self.out.len();
        self.out.push_str(name);
        for (key, param) in params {
            self.out.push(';');
            self.out.push_str(key);
            self.out.push('=');
            push_param(&mut self.out, param);
        }
        self.out.push(':');
        self.out.push_str(value);
        self.fold_from(start);
        self.out.push_str("\r\n");
    }

    /// A TEXT property (SUMMARY, LOCATION, DESCRIPTION…): its value escaped.
    pub fn text(&mut self, name: &str, value: &str) {
        self.raw(name, &[], &escape_text(value));
    }

    /// A DATE-TIME in UTC: `NAME:20271012T160000Z`.
    pub fn utc(&mut self, name: &str, at: DateTime<Utc>) {
        self.raw(name, &[], &at.format("%Y%m%dT%H%M%SZ").to_string());
    }

    /// A local DATE-TIME with its zone: `NAME;TZID=Europe/Paris:20271012T180000`.
    pub fn local(&mut self, name: &str, zone: &str, at: NaiveDateTime) {
        self.raw(name, &[("TZID", zone)], &local_time(at));
    }

    /// The object written so far.
    pub fn finish(self) -> String {
        self.out
    }

    /// Folds the line that starts at byte `start` (and is not yet ended) at 75 octets:
    /// CRLF and one space before each continuation, never inside a character.
    fn fold_from(&mut self, start: usize) {
        if self.out.len() - start <= MAX_OCTETS {
            return;
        }
        let line = self.out.split_off(start);
        let mut limit = MAX_OCTETS;
        let mut taken = 0;
        let mut rest = line.as_str();
        while rest.len() > limit {
            let mut cut = limit;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            // A line never ends with a space: some readers (the `ical` crate among them)
            // trim each physical line before unfolding, and the space would be lost.
            let kept = rest[..cut].trim_end_matches(' ').len();
            if kept > 0 {
                cut = kept;
            }
            self.out.push_str(&rest[..cut]);
            self.out.push_str("\r\n ");
            taken += cut;
            rest = &line[taken..];
            // A continuation line starts with the space, which counts.
            limit = MAX_OCTETS - 1;
        }
        self.out.push_str(rest);
    }
}

/// `20271012T180000`, a local date-time of iCalendar.
pub fn local_time(at: NaiveDateTime) -> String {
    at.format("%Y%m%dT%H%M%S").to_string()
}

/// TEXT escaping (RFC 5545 § 3.3.11): `\` first, then `;` `,` and every line break as `\n`.
pub fn escape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 8);
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            // Other control characters are not allowed in TEXT (§ 3.3.11).
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// The reverse of [`escape_text`], for what we read back (`\N` is a line break too).
pub fn unescape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// A parameter value: in double quotes when it holds `:` `;` or `,`; a `"` (not allowed
/// even quoted) becomes `'`, control characters are dropped.
fn push_param(out: &mut String, value: &str) {
    let clean: String =
        value.chars().filter(|c| !c.is_control()).map(|c| if c == '"' { '\'' } else { c }).collect();
    if clean.contains([':', ';', ',']) {
        out.push('"');
        out.push_str(&clean);
        out.push('"');
    } else {
        out.push_str(&clean);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unfold(text: &str) -> String {
        text.replace("\r\n ", "")
    }

    #[test]
    fn every_line_ends_with_crlf_and_is_at_most_75_octets() {
        let mut lines = Lines::new();
        let long = "Réunion « œuvre » — é".repeat(30);
        lines.text("DESCRIPTION", &long);
        lines.text("SUMMARY", "court");
        let out = lines.finish();
        assert!(out.ends_with("\r\n"));
        assert!(!out.replace("\r\n", "").contains('\n'), "no bare LF");
        assert!(!out.replace("\r\n", "").contains('\r'), "no bare CR");
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        assert_eq!(unfold(&out), format!("DESCRIPTION:{}\r\nSUMMARY:court\r\n", escape_text(&long)));
    }

    #[test]
    fn folding_never_cuts_a_character_and_fills_lines() {
        // 2-, 3- and 4-octet characters at every position around the fold.
        for prefix in 0..8 {
            let mut lines = Lines::new();
            let value = format!("{}{}", "a".repeat(prefix), "é—😀".repeat(40));
            lines.text("X", &value);
            let out = lines.finish();
            let parts: Vec<&str> = out.trim_end_matches("\r\n").split("\r\n").collect();
            for (i, part) in parts.iter().enumerate() {
                assert!(part.len() <= 75);
                if i > 0 {
                    assert!(part.starts_with(' '));
                }
                if i + 1 < parts.len() {
                    // Only a character too wide for the rest of the line moves it on.
                    assert!(part.len() >= 72, "line {i} of {} octets", part.len());
                }
            }
            assert_eq!(unfold(&out), format!("X:{value}\r\n"));
        }
    }

    #[test]
    fn no_line_ends_with_a_space_that_a_trimming_reader_would_lose() {
        for prefix in 0..6 {
            let mut lines = Lines::new();
            let value = format!("{}{}", "a".repeat(prefix), "« ; , \\ » — ".repeat(30).trim_end());
            lines.text("SUMMARY", &value);
            let out = lines.finish();
            for line in out.split("\r\n") {
                assert!(!line.ends_with(' '), "{line:?}");
                assert!(line.len() <= 75);
            }
            assert_eq!(unfold(&out), format!("SUMMARY:{}\r\n", escape_text(&value)));
        }
    }

    #[test]
    fn a_line_of_exactly_75_octets_is_not_folded() {
        let mut lines = Lines::new();
        lines.raw("X", &[], &"a".repeat(73));
        assert_eq!(lines.finish(), format!("X:{}\r\n", "a".repeat(73)));
        let mut lines = Lines::new();
        lines.raw("X", &[], &"a".repeat(74));
        assert_eq!(lines.finish(), format!("X:{}\r\n a\r\n", "a".repeat(73)));
    }

    #[test]
    fn text_is_escaped_backslash_first_and_unescapes_byte_exact() {
        let value = "a\\b;c,d\ne\r\nf « g » ; \\n";
        let escaped = escape_text(value);
        assert_eq!(escaped, "a\\\\b\\;c\\,d\\ne\\nf « g » \\; \\\\n");
        assert_eq!(unescape_text(&escaped), value.replace("\r\n", "\n"));
    }

    #[test]
    fn parameters_are_quoted_when_they_hold_separators() {
        let mut lines = Lines::new();
        lines.raw("ATTENDEE", &[("CN", "Dupont, Hélène"), ("ROLE", "REQ-PARTICIPANT")], "mailto:h@x.fr");
        lines.raw("ORGANIZER", &[("CN", "Ville \"de\" Mulhouse: mairie")], "mailto:m@x.fr");
        let out = lines.finish();
        assert!(
            out.starts_with("ATTENDEE;CN=\"Dupont, Hélène\";ROLE=REQ-PARTICIPANT:mailto:h@x.fr\r\n"),
            "{out}"
        );
        assert!(out.contains("ORGANIZER;CN=\"Ville 'de' Mulhouse: mairie\":mailto:m@x.fr\r\n"), "{out}");
    }
}
