//! The light syntax of a relevé's sections, as the window's toolbar writes it and anyone can
//! type it: a blank line between paragraphs, a line beginning with « - » (or « • », « * »)
//! for an item of a bulleted list, `**gras**` and `*italique*` inside a line. The PDF, the
//! `.odt` export and the window's preview all read it here.

use serde::Serialize;

/// A run of text and its emphasis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Inline {
    pub text: String,
    /// `**…**`: bold.
    pub strong: bool,
    /// `*…*`: italics.
    pub emphasis: bool,
}

/// A paragraph or a bulleted list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RichBlock {
    Paragraph { inlines: Vec<Inline> },
    List { items: Vec<Vec<Inline>> },
}

/// The blocks of `text`. The lines of one paragraph keep their line breaks (`\n` in its
/// runs: the text looks as it was typed); a line indented under a list item continues it.
pub fn blocks(text: &str) -> Vec<RichBlock> {
    let mut out = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut items: Vec<String> = Vec::new();
    let flush_paragraph = |paragraph: &mut Vec<&str>, out: &mut Vec<RichBlock>| {
        if !paragraph.is_empty() {
            out.push(RichBlock::Paragraph { inlines: inlines(&paragraph.join("\n")) });
            paragraph.clear();
        }
    };
    let flush_list = |items: &mut Vec<String>, out: &mut Vec<RichBlock>| {
        if !items.is_empty() {
            out.push(RichBlock::List { items: items.iter().map(|i| inlines(i)).collect() });
            items.clear();
        }
    };
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            flush_paragraph(&mut paragraph, &mut out);
            flush_list(&mut items, &mut out);
        } else if let Some(item) = bullet(trimmed) {
            flush_paragraph(&mut paragraph, &mut out);
            items.push(item.to_string());
        } else if let (Some(last), true) = (items.last_mut(), line.starts_with([' ', '\t'])) {
            last.push(' ');
            last.push_str(trimmed);
        } else {
            flush_list(&mut items, &mut out);
            paragraph.push(trimmed);
        }
    }
    flush_paragraph(&mut paragraph, &mut out);
    flush_list(&mut items, &mut out);
    out
}

/// The text of a list item when `line` is one: « - texte », « • texte », « * texte ».
fn bullet(line: &str) -> Option<&str> {
    ["- ", "• ", "* ", "– "].iter().find_map(|mark| line.strip_prefix(mark)).map(str::trim)
}

/// The runs of one line: `**…**` bold, `*…*` italics. A star that opens nothing (followed by
/// a space, or never closed) is kept as written.
pub fn inlines(line: &str) -> Vec<Inline> {
    let chars: Vec<char> = line.chars().collect();
    let mut out: Vec<Inline> = Vec::new();
    let mut text = String::new();
    let (mut strong, mut emphasis) = (false, false);
    let mut i = 0;
    let push = |out: &mut Vec<Inline>, text: &mut String, strong: bool, emphasis: bool| {
        if !text.is_empty() {
            out.push(Inline { text: std::mem::take(text), strong, emphasis });
        }
    };
    while i < chars.len() {
        let double = chars[i] == '*' && chars.get(i + 1) == Some(&'*');
        if double && (strong || opens(&chars, i + 2, true)) {
            push(&mut out, &mut text, strong, emphasis);
            strong = !strong;
            i += 2;
            continue;
        }
        if chars[i] == '*' && !double && (emphasis || opens(&chars, i + 1, false)) {
            push(&mut out, &mut text, strong, emphasis);
            emphasis = !emphasis;
            i += 1;
            continue;
        }
        text.push(chars[i]);
        i += 1;
    }
    push(&mut out, &mut text, strong, emphasis);
    out
}

/// Whether a mark ending just before `from` opens a run: text follows at once, and a
/// closing mark (`**` when `double`, else a single `*`) comes later after text.
fn opens(chars: &[char], from: usize, double: bool) -> bool {
    if chars.get(from).is_none_or(|c| c.is_whitespace() || *c == '*') {
        return false;
    }
    (from + 1..chars.len()).any(|j| {
        let closes = if double {
            chars[j] == '*' && chars.get(j + 1) == Some(&'*')
        } else {
            chars[j] == '*' && chars.get(j + 1) != Some(&'*') && chars[j - 1] != '*'
        };
        closes && !chars[j - 1].is_whitespace()
    })
}

/// The text without its marks, paragraphs and items on their own lines (for a plain text
/// reader: an e-mail).
pub fn plain(text: &str) -> String {
    let words = |runs: &[Inline]| runs.iter().map(|r| r.text.as_str()).collect::<String>();
    blocks(text)
        .iter()
        .map(|block| match block {
            RichBlock::Paragraph { inlines } => words(inlines),
            RichBlock::List { items } => {
                items.iter().map(|item| format!("- {}", words(item))).collect::<Vec<_>>().join("\n")
            }
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, strong: bool, emphasis: bool) -> Inline {
        Inline { text: text.into(), strong, emphasis }
    }

    #[test]
    fn paragraphs_lists_and_continued_items() {
        let text = "Le diagnostic\nest partagé.\n\nTrois points :\n- le **stationnement**\n- les pistes\n  le long du canal\n\nFin.";
        assert_eq!(
            blocks(text),
            vec![
                RichBlock::Paragraph { inlines: vec![run("Le diagnostic\nest partagé.", false, false)] },
                RichBlock::Paragraph { inlines: vec![run("Trois points :", false, false)] },
                RichBlock::List {
                    items: vec![
                        vec![run("le ", false, false), run("stationnement", true, false)],
                        vec![run("les pistes le long du canal", false, false)],
                    ]
                },
                RichBlock::Paragraph { inlines: vec![run("Fin.", false, false)] },
            ]
        );
        assert_eq!(plain(text), "Le diagnostic\nest partagé.\n\nTrois points :\n\n- le stationnement\n- les pistes le long du canal\n\nFin.");
        assert!(blocks("  \n\n ").is_empty());
        assert_eq!(blocks("• un\r\n* deux").len(), 1, "other bullets, Windows line ends");
    }

    #[test]
    fn emphasis_and_bold_nest_and_lone_stars_stay() {
        assert_eq!(
            inlines("un **gras avec *italique* dedans** et *fin*"),
            vec![
                run("un ", false, false),
                run("gras avec ", true, false),
                run("italique", true, true),
                run(" dedans", true, false),
                run(" et ", false, false),
                run("fin", false, true),
            ]
        );
        assert_eq!(inlines("3 * 4 = 12"), vec![run("3 * 4 = 12", false, false)]);
        assert_eq!(inlines("*jamais fermé"), vec![run("*jamais fermé", false, false)]);
        assert_eq!(inlines("**"), vec![run("**", false, false)]);
        assert_eq!(inlines("a ** b"), vec![run("a ** b", false, false)]);
        assert_eq!(inlines("*x *"), vec![run("*x *", false, false)], "a closing star follows text");
    }
}
