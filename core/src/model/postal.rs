//! What a letter needs of a person: a postal address, written for the window of an
//! envelope as the postal norm NF Z10-011 lays it out (six lines at most, the last one the
//! postcode and the town in capitals without accents or hyphens), and the salutation
//! (« Madame la Maire »), derived from the civility and the function unless typed.

use serde::{Deserialize, Serialize};

use super::person::Civility;
use crate::error::Problems;
use crate::text::{fold, words};

/// Lines of an address between the recipient's name and the town's line (service, building,
/// number and street, lieu-dit or post-office box).
pub const ADDRESS_LINES_MAX: usize = 4;
/// Lines of a whole address block (NF Z10-011).
const BLOCK_LINES_MAX: usize = 6;
/// Longest salutation.
const SALUTATION_MAX_CHARS: usize = 80;

/// The postal address and the salutation as typed (the person form, a spreadsheet row).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PostalInput {
    /// The lines between the name and the town, one per line of the text.
    pub address_lines: String,
    pub postcode: String,
    pub town: String,
    /// Empty: derived from the civility and the function.
    pub salutation: String,
}

/// A checked postal address and salutation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Postal {
    /// The lines between the name and the town, separated by `\n`, none empty.
    pub address_lines: String,
    pub postcode: String,
    pub town: String,
    /// As typed; empty when derived.
    pub salutation: String,
}

impl PostalInput {
    /// Checks the fields, adding a French message per problem to `problems`: at most
    /// [`ADDRESS_LINES_MAX`] address lines; a postcode of 4 to 10 letters, digits, spaces or
    /// hyphens; a postcode and a town as soon as any part of the address is given.
    pub(crate) fn check(self, problems: &mut Problems) -> Postal {
        let lines: Vec<&str> =
            self.address_lines.lines().map(str::trim).filter(|line| !line.is_empty()).collect();
        if lines.len() > ADDRESS_LINES_MAX {
            problems.add(
                "address_lines",
                format!(
                    "L'adresse a {} lignes ; {ADDRESS_LINES_MAX} au plus tiennent dans la fenêtre d'une enveloppe, avec le nom et la ville",
                    lines.len()
                ),
            );
        }
        let postcode = self.postcode.trim().to_uppercase();
        let postcode_chars = postcode.chars().count();
        if !postcode.is_empty()
            && (!(4..=10).contains(&postcode_chars)
                || !postcode.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-'))
        {
            problems.add("postcode", format!("« {postcode} » n'est pas un code postal (par exemple 68100)"));
        }
        let town = self.town.split_whitespace().collect::<Vec<_>>().join(" ");
        if !lines.is_empty() || !postcode.is_empty() || !town.is_empty() {
            if postcode.is_empty() {
                problems.add("postcode", "Le code postal manque à l'adresse postale");
            }
            if town.is_empty() {
                problems.add("town", "La ville manque à l'adresse postale");
            }
        }
        let salutation = self.salutation.trim().trim_end_matches(',').trim_end().to_string();
        if salutation.chars().count() > SALUTATION_MAX_CHARS {
            problems.add(
                "salutation",
                format!("L'appellation ne doit pas dépasser {SALUTATION_MAX_CHARS} caractères"),
            );
        }
        Postal { address_lines: lines.join("\n"), postcode, town, salutation }
    }
}

impl From<Postal> for PostalInput {
    /// The form of a stored address, to change one of its fields.
    fn from(postal: Postal) -> Self {
        let Postal { address_lines, postcode, town, salutation } = postal;
        PostalInput { address_lines, postcode, town, salutation }
    }
}

impl Postal {
    /// Whether a letter can be posted to this address (it has a town).
    pub fn is_complete(&self) -> bool {
        !self.town.is_empty()
    }

    /// The town's line: « 68100 MULHOUSE », capitals without accents nor hyphens.
    pub fn town_line(&self) -> String {
        let town = words(&self.town).to_uppercase();
        format!("{} {town}", self.postcode).trim().to_string()
    }
}

/// Who a letter is for, as the address block and the salutation need them.
#[derive(Debug, Clone, Copy)]
pub struct Recipient<'a> {
    pub civility: Civility,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub function: &'a str,
    pub organisation: Option<&'a str>,
    pub postal: &'a Postal,
}

impl Recipient<'_> {
    /// The address block, at most six lines: « Madame Hélène Dupont », her function and her
    /// organisation when there is room, the address lines, « 68100 MULHOUSE ». Without a
    /// town, the name, function and organisation only.
    pub fn address_block(&self) -> Vec<String> {
        let civility = match self.civility {
            Civility::Madame => "Madame",
            Civility::Monsieur => "Monsieur",
            Civility::None => "",
        };
        let name = [civility, self.first_name.trim(), self.last_name.trim()]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let address: Vec<&str> = self.postal.address_lines.lines().take(ADDRESS_LINES_MAX).collect();
        let room = BLOCK_LINES_MAX - 1 - address.len() - usize::from(self.postal.is_complete());
        let mut block = vec![name];
        block.extend(
            [Some(self.function.trim()), self.organisation.map(str::trim)]
                .into_iter()
                .flatten()
                .filter(|line| !line.is_empty())
                .take(room)
                .map(str::to_string),
        );
        block.extend(address.into_iter().map(str::to_string));
        if self.postal.is_complete() {
            block.push(self.postal.town_line());
        }
        block
    }

    /// How the letter addresses them: the salutation typed, else [`derived_salutation`].
    pub fn salutation(&self) -> String {
        if self.postal.salutation.is_empty() {
            derived_salutation(self.civility, self.function)
        } else {
            self.postal.salutation.clone()
        }
    }
}

/// The titles a function may start with or hold, most specific first: the word to look
/// for (folded), then the title for a man and for a woman.
const TITLES: &[(&str, &str, &str)] = &[
    ("vice-president", "le Vice-président", "la Vice-présidente"),
    ("vice president", "le Vice-président", "la Vice-présidente"),
    ("president", "le Président", "la Présidente"),
    ("maire-adjoint", "le Maire-adjoint", "la Maire-adjointe"),
    ("adjoint", "l'Adjoint", "l'Adjointe"),
    ("maire", "le Maire", "la Maire"),
    ("depute", "le Député", "la Députée"),
    ("senat", "le Sénateur", "la Sénatrice"),
    ("prefet", "le Préfet", "la Préfète"),
    ("sous-prefet", "le Sous-préfet", "la Sous-préfète"),
    ("conseill", "le Conseiller", "la Conseillère"),
    ("direct", "le Directeur", "la Directrice"),
];

/// « Madame la Maire », « Monsieur le Vice-président », « Madame l'Adjointe »: the
/// civility and the title the function names; « Madame », « Monsieur » without a title;
/// « Madame, Monsieur » without a civility. Without a comma: the letter adds it.
pub fn derived_salutation(civility: Civility, function: &str) -> String {
    let (word, man, woman) = match civility {
        Civility::Madame => ("Madame", false, true),
        Civility::Monsieur => ("Monsieur", true, false),
        Civility::None => return "Madame, Monsieur".to_string(),
    };
    let folded = fold(function);
    let tokens: Vec<&str> = folded.split(|c: char| !c.is_alphanumeric() && c != '-').collect();
    // The first title the function names, in the order of the function's words.
    let title = tokens.iter().enumerate().find_map(|(index, w)| {
        let pair = format!("{w} {}", tokens.get(index + 1).copied().unwrap_or(""));
        TITLES.iter().find(|(key, ..)| w.starts_with(key) || pair.starts_with(key))
    });
    match title {
        Some((_, title, _)) if man => format!("{word} {title}"),
        Some((_, _, title)) if woman => format!("{word} {title}"),
        _ => word.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn postal(lines: &str, postcode: &str, town: &str) -> Postal {
        let mut problems = Problems::default();
        let postal = PostalInput {
            address_lines: lines.into(),
            postcode: postcode.into(),
            town: town.into(),
            salutation: String::new(),
        }
        .check(&mut problems);
        problems.into_result(postal).unwrap()
    }

    #[test]
    fn salutations_follow_the_civility_and_the_function() {
        use Civility::*;
        let cases = [
            (Madame, "Maire de Wittenheim", "Madame la Maire"),
            (Monsieur, "Maire", "Monsieur le Maire"),
            (Monsieur, "Vice-président chargé des mobilités", "Monsieur le Vice-président"),
            (Madame, "vice présidente", "Madame la Vice-présidente"),
            (Madame, "Adjointe au maire", "Madame l'Adjointe"),
            (Monsieur, "Maire-adjoint", "Monsieur le Maire-adjoint"),
            (Madame, "Conseillère municipale déléguée", "Madame la Conseillère"),
            (Monsieur, "Directeur général des services", "Monsieur le Directeur"),
            (Madame, "Présidente de l'association", "Madame la Présidente"),
            (Madame, "Chargée de mission", "Madame"),
            (Monsieur, "", "Monsieur"),
            (None, "Maire", "Madame, Monsieur"),
            (Madame, "Sénatrice du Haut-Rhin", "Madame la Sénatrice"),
        ];
        for (civility, function, expected) in cases {
            assert_eq!(derived_salutation(civility, function), expected, "{function}");
        }
    }

    #[test]
    fn an_address_is_checked_and_its_town_line_written_for_the_post() {
        let address = postal(" Hôtel de ville \r\n\r\n2 rue Pierre-et-Marie-Curie ", "68100", "Saint-Louis");
        assert_eq!(address.address_lines, "Hôtel de ville\n2 rue Pierre-et-Marie-Curie");
        assert_eq!(address.town_line(), "68100 SAINT LOUIS");
        assert_eq!(postal("", "93450", "L'Île-Saint-Denis").town_line(), "93450 L ILE SAINT DENIS");

        let mut problems = Problems::default();
        PostalInput {
            address_lines: "1\n2\n3\n4\n5".into(),
            postcode: "68 100 !".into(),
            town: String::new(),
            salutation: "x".repeat(81),
        }
        .check(&mut problems);
        let fields: Vec<String> = problems.into_fields().into_iter().map(|f| f.field).collect();
        assert_eq!(fields, ["address_lines", "postcode", "town", "salutation"]);
    }

    #[test]
    fn the_address_block_keeps_six_lines_the_town_last() {
        let full = postal("Service urbanisme\n12 rue de la Mairie\nBP 12", "68270", "Wittenheim");
        let recipient = Recipient {
            civility: Civility::Monsieur,
            first_name: "Jean",
            last_name: "Dupont",
            function: "Maire",
            organisation: Some("Commune de Wittenheim"),
            postal: &full,
        };
        let block = recipient.address_block();
        assert_eq!(block.len(), 6);
        assert_eq!(block[0], "Monsieur Jean Dupont");
        assert_eq!(block[1], "Maire", "the function while there is room");
        assert_eq!(block[5], "68270 WITTENHEIM");
        assert_eq!(recipient.salutation(), "Monsieur le Maire");

        let short = postal("12 rue de la Mairie", "68270", "Wittenheim");
        let block = Recipient { postal: &short, ..recipient }.address_block();
        assert_eq!(
            block,
            [
                "Monsieur Jean Dupont",
                "Maire",
                "Commune de Wittenheim",
                "12 rue de la Mairie",
                "68270 WITTENHEIM"
            ]
        );
        let typed = Postal { salutation: "Cher Jean".into(), ..short };
        assert_eq!(Recipient { postal: &typed, ..recipient }.salutation(), "Cher Jean");
    }
}
