//! The values of a members sheet as people type them: collèges, categories, roles and
//! civilities recognised whatever their case, accents, gender or number (« élu(e)s »,
//! « Collaboratrice référente »), never guessed when doubtful.

use crate::model::membership::{BinomeRole, College, MemberCategory, MemberRole};
use crate::model::person::Civility;
use crate::text::{fold, key};

/// The civility of the cell: [`Civility::None`] when empty, `None` when unknown. Compared
/// on its [`key`] (« M. » and « m » are the same), without stems: « Me » is not « Mme ».
pub(super) fn parse_civility(value: &str) -> Option<Civility> {
    if value.is_empty() {
        return Some(Civility::None);
    }
    words(value)?;
    match key(value).as_str() {
        "m" | "monsieur" => Some(Civility::Monsieur),
        "mme" | "madame" | "mlle" | "mademoiselle" => Some(Civility::Madame),
        _ => None,
    }
}

/// The collège named by `value`: « élus », « Collège des experts », « société civile »…
pub(super) fn parse_college(value: &str) -> Option<College> {
    let names = |college: College| -> Vec<&'static str> {
        let mut names = vec![college.label(), college.as_str()];
        if college == College::SocieteCivile {
            names.extend([
                "société civile et organisations",
                "société civile et les organisations",
                "société civile et des organisations",
            ]);
        }
        names
    };
    find_named(value, College::ALL, names, college_words)
}

/// The category named by `value`: its label or stored name, or a few usual synonyms.
pub(super) fn parse_category(value: &str) -> Option<MemberCategory> {
    find_named(value, MemberCategory::ALL, category_names, words)
}

/// The names accepted for `category`, besides inflections (see [`words`]).
fn category_names(category: MemberCategory) -> Vec<&'static str> {
    let synonyms: &[&str] = match category {
        MemberCategory::EluCommunautaire => &["conseiller communautaire"],
        MemberCategory::EluMunicipal => &["conseiller municipal"],
        MemberCategory::CollaborateurAgglomeration => {
            &["collaborateur de l'agglo", "agent de l'agglomération", "agent de l'agglo"]
        }
        MemberCategory::CollaborateurCommune => &[
            "collaborateur de la commune",
            "collaborateur communal",
            "agent communal",
            "agent d'une commune",
        ],
        MemberCategory::Partenaire => &[],
        MemberCategory::ConseilDeveloppement => &["conseil de dev", "codev", "C2D"],
        MemberCategory::AutreOrganisation => &[],
    };
    [category.label(), category.as_str()].into_iter().chain(synonyms.iter().copied()).collect()
}

/// The names accepted for `role`, besides inflections.
pub(super) fn role_names(role: MemberRole) -> Vec<&'static str> {
    let mut names = vec![role.label(), role.as_str()];
    if role == MemberRole::ComiteRestreint {
        names.push("membre du comité restreint");
    }
    names
}

/// The names accepted for a place of the binôme, besides inflections.
pub(super) fn binome_names(binome: BinomeRole) -> Vec<&'static str> {
    vec![binome.label(), binome.as_str()]
}

/// The first of `all` one of whose `names` has the same `normalise`d words as `value`.
pub(super) fn find_named<T: Copy>(
    value: &str,
    all: &[T],
    names: impl Fn(T) -> Vec<&'static str>,
    normalise: fn(&str) -> Option<Vec<String>>,
) -> Option<T> {
    let wanted = normalise(value)?;
    all.iter()
        .copied()
        .find(|item| names(*item).into_iter().any(|name| normalise(name).as_ref() == Some(&wanted)))
}

/// Characters that separate words in a value.
const WORD_BREAKS: [char; 4] = ['\'', '’', '-', '_'];
/// Characters ignored inside a word: abbreviations and inclusive writing (« élu(e)·s »).
const IGNORED: [char; 4] = ['(', ')', '.', '·'];

/// The words of `value`, folded (see [`fold`]) and reduced to a stem that ignores gender and
/// number (see [`stem`]), or `None` when the value holds another sign, such as a question
/// mark: a doubtful value is not guessed.
pub(super) fn words(value: &str) -> Option<Vec<String>> {
    let folded = fold(value);
    let known = |c: char| {
        c.is_alphanumeric() || c.is_whitespace() || WORD_BREAKS.contains(&c) || IGNORED.contains(&c)
    };
    if !folded.chars().all(known) {
        return None;
    }
    let words = folded
        .split(|c: char| c.is_whitespace() || WORD_BREAKS.contains(&c))
        .map(|word| word.chars().filter(|c| !IGNORED.contains(c)).collect::<String>())
        .filter(|word| !word.is_empty())
        .map(|word| stem(&word))
        .collect();
    Some(words)
}

/// The words of a collège, without a leading « collège des », « collège de la »…
fn college_words(value: &str) -> Option<Vec<String>> {
    let words = words(value)?;
    let mut rest = words.as_slice();
    if let [first, after @ ..] = rest {
        if first == "colleg" {
            rest = after;
        }
    }
    while let [first, after @ ..] = rest {
        if !["d", "du", "la", "l"].contains(&first.as_str()) {
            break;
        }
        rest = after;
    }
    Some(rest.to_vec())
}

/// A folded word without the marks of the feminine and the plural: « municipaux » and
/// « municipales » → « municipal », « invitées » → « invit », « élu(e)s » → « elu »; the
/// feminine forms of our vocabulary that differ more (« collaboratrice », « porteuse ») give
/// the stem of the masculine.
fn stem(word: &str) -> String {
    let singular = match word.strip_suffix("aux") {
        Some(base) if !base.is_empty() => format!("{base}al"),
        _ => word.strip_suffix('s').filter(|base| !base.is_empty()).unwrap_or(word).to_string(),
    };
    let stem = match singular.trim_end_matches('e') {
        "" => singular.as_str(),
        trimmed => trimmed,
    };
    match stem {
        "collaboratric" | "collaborateurtric" | "collaborateurric" => "collaborateur",
        "porteus" | "porteurs" | "porteureus" => "porteur",
        other => other,
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_lose_gender_and_number_and_doubtful_values_are_not_guessed() {
        assert_eq!(stem("municipaux"), "municipal");
        assert_eq!(stem("invitees"), "invit");
        assert_eq!(words("élu(e)s ?"), None);
        assert_eq!(words("Collège d’élus"), Some(vec!["colleg".into(), "d".into(), "elu".into()]));
    }
}
