//! Text folding shared by the application: compare what people type without regard to case
//! or accents (« Société » and « SOCIETE » are the same word).
//!
//! ```
//! use ateliers::text::{fold, key};
//!
//! assert_eq!(fold("Œuvre d'Élodie"), "oeuvre d'elodie");
//! assert_eq!(key("Société civile"), "societecivile");
//! assert_eq!(key("E-mail"), "email");
//! ```

/// `text` in lower case without accents: « Hélène Großmann-Lœw » → « helene grossmann-loew ».
///
/// Letters of Latin-1 and Latin Extended-A lose their diacritics (é → e, ï → i, ç → c,
/// ñ → n, ł → l…), the ligatures are expanded (œ → oe, æ → ae, ß → ss, ĳ → ij) and the
/// combining accents of decomposed text (as macOS writes file names) are dropped. Every
/// other character is kept as is: spaces, hyphens, apostrophes, `@`, digits.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for upper in text.chars() {
        for c in upper.to_lowercase() {
            push_folded(c, &mut folded);
        }
    }
    folded
}

/// [`fold`], with hyphens and apostrophes as spaces and one space between words: what
/// a search compares (« val de loire » finds « Val-de-Loire ») and what the post's town
/// line is made of (« L'Île-Saint-Denis » → « l ile saint denis »).
pub fn words(text: &str) -> String {
    fold(text)
        .chars()
        .map(|c| if matches!(c, '-' | '\'' | '’' | '‘') { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The comparison key of `text`: [`fold`], then only the ASCII letters and digits, so that
/// case, accents, spaces and punctuation do not matter (« Adresse électronique » →
/// « adresseelectronique », « Tél. » → « tel »).
pub fn key(text: &str) -> String {
    fold(text).chars().filter(char::is_ascii_alphanumeric).collect()
}

/// Appends the folded form of the lower-case character `c` to `out`.
fn push_folded(c: char, out: &mut String) {
    if is_combining_accent(c) {
        return;
    }
    match ligature(c) {
        Some(expanded) => out.push_str(expanded),
        None => out.push(base_letter(c)),
    }
}

/// Combining diacritical marks (U+0300–U+036F), the accents of decomposed text.
fn is_combining_accent(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// The letters written as two letters once folded.
fn ligature(c: char) -> Option<&'static str> {
    match c {
        'œ' => Some("oe"),
        'æ' => Some("ae"),
        'ß' => Some("ss"),
        'ĳ' => Some("ij"),
        'þ' => Some("th"),
        _ => None,
    }
}

/// The letter without its diacritic, for the lower-case letters of Latin-1 and Latin
/// Extended-A; any other character unchanged.
fn base_letter(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' | 'đ' | 'ð' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' | 'ħ' => 'h',
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'ĵ' => 'j',
        'ķ' | 'ĸ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' | 'ŉ' | 'ŋ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' | 'ſ' => 's',
        'ţ' | 'ť' | 'ŧ' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_lowercases_and_removes_french_accents() {
        assert_eq!(fold("Élève À Noël, Ça Où Île Forêt Ŷ"), "eleve a noel, ca ou ile foret y");
        assert_eq!(fold("ÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸ"), "aaaceeeeiioouuuy");
        assert_eq!(fold("àâäçéèêëîïôöùûüÿ"), "aaaceeeeiioouuuy");
    }

    #[test]
    fn fold_expands_ligatures() {
        assert_eq!(fold("Œuvre"), "oeuvre");
        assert_eq!(fold("cœur"), "coeur");
        assert_eq!(fold("Lætitia"), "laetitia");
        assert_eq!(fold("ÆSOP"), "aesop");
        assert_eq!(fold("Großmann"), "grossmann");
    }

    #[test]
    fn fold_handles_latin_extended_a() {
        assert_eq!(
            fold("Łódź Dvořák Ştefan Ğül Şahin Ősz Ørsted Ñúñez"),
            "lodz dvorak stefan gul sahin osz orsted nunez"
        );
        assert_eq!(fold("İstanbul"), "istanbul");
    }

    #[test]
    fn fold_drops_combining_accents_of_decomposed_text() {
        assert_eq!(fold("He\u{301}le\u{300}ne"), "helene");
        assert_eq!(fold("C\u{327}a"), "ca");
    }

    #[test]
    fn fold_keeps_other_characters() {
        assert_eq!(fold("Jean-Marie d'Été @ 68100 !"), "jean-marie d'ete @ 68100 !");
        assert_eq!(fold("hélène.dupont@mairie-mulhouse.fr"), "helene.dupont@mairie-mulhouse.fr");
        assert_eq!(fold(""), "");
        assert_eq!(fold("日本"), "日本");
    }

    #[test]
    fn key_keeps_only_ascii_letters_and_digits() {
        assert_eq!(key("Société civile"), "societecivile");
        assert_eq!(key("E-mail"), "email");
        assert_eq!(key("  Adresse électronique  "), "adresseelectronique");
        assert_eq!(key("Tél."), "tel");
        assert_eq!(key("Collège des élus (2024)"), "collegedeselus2024");
        assert_eq!(key("Prénom"), key("PRENOM"));
        assert_eq!(key("— ? !"), "");
    }
}
