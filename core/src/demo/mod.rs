//! The demonstration dataset: an agglomération of 39 communes (the real commune names of
//! Mulhouse Alsace Agglomération), about 150 fictitious people over the three collèges,
//! four ateliers, past and future meetings. Pure data and arithmetic: the store writes it
//! ([`crate::store::Store::load_demo`]). Everything is deterministic for a given `today`, and
//! meeting dates are relative to it so that the demonstration always has a past and a future.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};

use crate::model::membership::MemberCategory;
use crate::model::postal::Postal;

mod ateliers;

pub use ateliers::{ateliers, DemoAtelier, DemoMeeting, DemoReleve};

/// The 39 member communes of Mulhouse Alsace Agglomération (BANATIC perimeter).
pub const COMMUNES: [&str; 39] = [
    "Baldersheim",
    "Bantzenheim",
    "Battenheim",
    "Berrwiller",
    "Bollwiller",
    "Bruebach",
    "Brunstatt-Didenheim",
    "Chalampé",
    "Dietwiller",
    "Eschentzwiller",
    "Feldkirch",
    "Flaxlanden",
    "Galfingue",
    "Habsheim",
    "Heimsbrunn",
    "Hombourg",
    "Illzach",
    "Kingersheim",
    "Lutterbach",
    "Morschwiller-le-Bas",
    "Mulhouse",
    "Niffer",
    "Ottmarsheim",
    "Petit-Landau",
    "Pfastatt",
    "Pulversheim",
    "Reiningue",
    "Richwiller",
    "Riedisheim",
    "Rixheim",
    "Ruelisheim",
    "Sausheim",
    "Staffelfelden",
    "Steinbrunn-le-Bas",
    "Ungersheim",
    "Wittelsheim",
    "Wittenheim",
    "Zillisheim",
    "Zimmersheim",
];

/// Partner organisations: (name, kind as stored).
pub const ORGANISATIONS: [(&str, &str); 14] = [
    ("Mulhouse Alsace Agglomération", "agglomeration"),
    ("Conseil de développement de l'agglomération mulhousienne", "conseil_developpement"),
    ("Direction départementale des territoires du Haut-Rhin", "etat"),
    ("Région Grand Est", "region"),
    ("Collectivité européenne d'Alsace", "departement"),
    ("Syndicat mixte des eaux de la région mulhousienne", "syndicat"),
    ("CCI Alsace Eurométropole", "chambre"),
    ("Chambre de métiers d'Alsace", "chambre"),
    ("Agence d'urbanisme de la région mulhousienne (AURM)", "satellite"),
    ("Soléa", "satellite"),
    ("Citivia", "satellite"),
    ("Bureau d'études Mobilités & Territoires", "bureau_etudes"),
    ("Association des usagers du vélo du Sud Alsace", "association"),
    ("Union des associations de quartier", "association"),
];

const FIRST_NAMES: [(&str, bool); 48] = [
    ("Hélène", true),
    ("Jean-Marc", false),
    ("Sophie", true),
    ("Thierry", false),
    ("Catherine", true),
    ("Pierre", false),
    ("Nathalie", true),
    ("Michel", false),
    ("Isabelle", true),
    ("Philippe", false),
    ("Christine", true),
    ("Laurent", false),
    ("Martine", true),
    ("Frédéric", false),
    ("Sylvie", true),
    ("Olivier", false),
    ("Valérie", true),
    ("Bernard", false),
    ("Anne", true),
    ("Christophe", false),
    ("Céline", true),
    ("Patrick", false),
    ("Claire", true),
    ("Éric", false),
    ("Julie", true),
    ("Nicolas", false),
    ("Marie", true),
    ("Stéphane", false),
    ("Aurélie", true),
    ("Antoine", false),
    ("Élodie", true),
    ("Guillaume", false),
    ("Françoise", true),
    ("Denis", false),
    ("Véronique", true),
    ("Rémy", false),
    ("Pascale", true),
    ("Joseph", false),
    ("Monique", true),
    ("Daniel", false),
    ("Léa", true),
    ("Mathieu", false),
    ("Camille", true),
    ("Hugo", false),
    ("Brigitte", true),
    ("René", false),
    ("Sandrine", true),
    ("Yves", false),
];

const LAST_NAMES: [&str; 64] = [
    "Muller",
    "Schmitt",
    "Meyer",
    "Weber",
    "Klein",
    "Wolff",
    "Fischer",
    "Schneider",
    "Kieffer",
    "Bauer",
    "Roth",
    "Zimmermann",
    "Hoffmann",
    "Walter",
    "Keller",
    "Becker",
    "Koehl",
    "Sutter",
    "Ehret",
    "Baumann",
    "Richert",
    "Heitz",
    "Wagner",
    "Jenny",
    "Lang",
    "Stoecklin",
    "Gutleben",
    "Husser",
    "Fuchs",
    "Haas",
    "Ott",
    "Boehm",
    "Martin",
    "Bernard",
    "Dubois",
    "Lambert",
    "Girard",
    "Rousseau",
    "Moreau",
    "Laurent",
    "Lefebvre",
    "Mercier",
    "Blanc",
    "Garnier",
    "Faure",
    "Chevalier",
    "Perrin",
    "Morel",
    "Brun",
    "Vidal",
    "Benali",
    "Nguyen",
    "Da Silva",
    "Kaya",
    "Ferreira",
    "Haddad",
    "Schwartz",
    "Wurtz",
    "Grunenwald",
    "Spiesser",
    "Zeller",
    "Arnold",
    "Brunner",
    "Trendel",
];

/// One fictitious person of the dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoPerson {
    pub female: bool,
    pub first_name: String,
    pub last_name: String,
    pub function: String,
    /// Index into [`COMMUNES`].
    pub commune: Option<usize>,
    /// Index into [`ORGANISATIONS`].
    pub organisation: Option<usize>,
    pub email: String,
    pub phone: String,
    /// What the person is in memberships.
    pub category: MemberCategory,
    /// A fictitious postal address in their commune (the agglomeration's seat otherwise).
    pub postal: Postal,
}

/// How many people of each category the dataset holds (152 in all).
pub const PEOPLE_PER_CATEGORY: [(MemberCategory, usize); 7] = [
    (MemberCategory::EluCommunautaire, 37),
    (MemberCategory::EluMunicipal, 39),
    (MemberCategory::CollaborateurAgglomeration, 26),
    (MemberCategory::CollaborateurCommune, 16),
    (MemberCategory::Partenaire, 18),
    (MemberCategory::ConseilDeveloppement, 10),
    (MemberCategory::AutreOrganisation, 6),
];

const VICE_PRESIDENCIES: [&str; 8] = [
    "des mobilités",
    "des finances",
    "de l'eau et de l'assainissement",
    "des équipements sportifs",
    "du climat",
    "du développement économique",
    "de l'habitat",
    "de la coopération intercommunale",
];
const M2A_SERVICES: [&str; 9] = [
    "Direction des mobilités",
    "Direction des finances",
    "Direction de l'eau",
    "Direction des sports",
    "Mission intercommunalité",
    "Direction de l'aménagement",
    "Direction du climat",
    "Direction juridique",
    "Direction de la communication",
];

/// Streets of the fictitious addresses.
const STREETS: [&str; 6] = [
    "rue de la République",
    "rue du Général-de-Gaulle",
    "place de l'Hôtel-de-Ville",
    "rue des Vergers",
    "avenue de Colmar",
    "rue de l'Église",
];

/// The fictitious address of the `n`-th person, in `commune` (index into [`COMMUNES`]) or
/// at the agglomeration's seat: a number and a street, a postcode, the town.
fn postal_address(n: usize, commune: Option<usize>) -> Postal {
    let (postcode, town) = match commune {
        Some(c) => (format!("68{:03}", 110 + 10 * c), COMMUNES[c].to_string()),
        None => ("68100".to_string(), "Mulhouse".to_string()),
    };
    Postal {
        address_lines: format!("{} {}", 1 + (n * 7) % 60, STREETS[n % STREETS.len()]),
        postcode,
        town,
        salutation: String::new(),
    }
}

/// The people, in a stable order: the categories of [`PEOPLE_PER_CATEGORY`] one after the
/// other. Names are built from fixed lists so that no two people share a name.
pub fn people() -> Vec<DemoPerson> {
    let mut people = Vec::new();
    let mut n = 0usize;
    for (category, count) in PEOPLE_PER_CATEGORY {
        for i in 0..count {
            let (first, female) = FIRST_NAMES[(n * 7) % FIRST_NAMES.len()];
            let last = LAST_NAMES[(n * 5 + n / LAST_NAMES.len()) % LAST_NAMES.len()];
            let (function, commune, organisation) = role_of(category, i, female);
            let domain = match (organisation, commune) {
                (Some(0), _) | (None, None) => "agglo.example.org".to_string(),
                (Some(o), _) => format!("partenaire{o}.example.org"),
                (None, Some(c)) => format!("{}.example.org", slug(COMMUNES[c])),
            };
            people.push(DemoPerson {
                female,
                first_name: first.to_string(),
                last_name: last.to_string(),
                function,
                commune,
                organisation,
                email: format!("{}.{}@{domain}", slug(first), slug(last)),
                phone: format!("03 89 {:02} {:02} {:02}", 10 + n % 80, (n * 13) % 100, (n * 29) % 100),
                category,
                postal: postal_address(n, commune),
            });
            n += 1;
        }
    }
    people
}

/// `count` more fictitious people for benchmark bases (`ateliers demo --people N`), after
/// the [`people`] of the dataset: names are first name + a double-barrelled last name, so
/// every one is distinct up to 170 000 people; categories in turn.
pub fn crowd(count: usize) -> Vec<DemoPerson> {
    (0..count)
        .map(|n| {
            let (first, female) = FIRST_NAMES[n % FIRST_NAMES.len()];
            let a = LAST_NAMES[(n / FIRST_NAMES.len()) % LAST_NAMES.len()];
            let b = LAST_NAMES[(n / (FIRST_NAMES.len() * LAST_NAMES.len()) + 1) % LAST_NAMES.len()];
            let last = format!("{a}-{b}");
            let (category, _) = PEOPLE_PER_CATEGORY[n % PEOPLE_PER_CATEGORY.len()];
            let (function, commune, organisation) = role_of(category, n, female);
            DemoPerson {
                female,
                first_name: first.to_string(),
                email: format!("{}.{}.{n}@exemple.org", slug(first), slug(&last)),
                last_name: last,
                function,
                commune,
                organisation,
                phone: format!("03 89 {:02} {:02} {:02}", n % 100, (n / 100) % 100, (n * 7) % 100),
                category,
                postal: postal_address(n, commune),
            }
        })
        .collect()
}

fn role_of(category: MemberCategory, i: usize, female: bool) -> (String, Option<usize>, Option<usize>) {
    let e = if female { "e" } else { "" };
    let mulhouse = COMMUNES.iter().position(|c| *c == "Mulhouse");
    match category {
        MemberCategory::EluCommunautaire => {
            let commune =
                Some(if i.is_multiple_of(3) { mulhouse.unwrap_or(0) } else { (i * 11) % COMMUNES.len() });
            let function = if i < VICE_PRESIDENCIES.len() {
                format!("Vice-président{e} chargé{e} {}", VICE_PRESIDENCIES[i])
            } else {
                (if female { "Conseillère communautaire" } else { "Conseiller communautaire" }).to_string()
            };
            (function, commune, Some(0))
        }
        MemberCategory::EluMunicipal => {
            let function = match i % 3 {
                0 => "Maire".to_string(),
                1 => format!("Adjoint{e} au maire"),
                _ => (if female { "Conseillère municipale" } else { "Conseiller municipal" }).to_string(),
            };
            (function, Some(i % COMMUNES.len()), None)
        }
        MemberCategory::CollaborateurAgglomeration => {
            let service = M2A_SERVICES[i % M2A_SERVICES.len()];
            let title = match (i < M2A_SERVICES.len(), female) {
                (true, true) => "Directrice".to_string(),
                (true, false) => "Directeur".to_string(),
                (false, _) => format!("Chargé{e} de mission"),
            };
            (format!("{title}, {service}"), None, Some(0))
        }
        MemberCategory::CollaborateurCommune => {
            let function = match (i.is_multiple_of(2), female) {
                (true, true) => "Directrice générale des services",
                (true, false) => "Directeur général des services",
                (false, _) => "Responsable des services techniques",
            };
            (function.to_string(), Some((i * 5 + 2) % COMMUNES.len()), None)
        }
        MemberCategory::Partenaire => {
            // One or two representatives for each partner organisation after the first two.
            let organisation = 2 + i % (ORGANISATIONS.len() - 2);
            (format!("Représentant{e}"), None, Some(organisation))
        }
        MemberCategory::ConseilDeveloppement => {
            let function = if i == 0 {
                format!("Président{e} du Conseil de développement")
            } else {
                "Membre du Conseil de développement".to_string()
            };
            (function, Some((i * 7) % COMMUNES.len()), Some(1))
        }
        MemberCategory::AutreOrganisation => {
            let function = if female { "Représentante associative" } else { "Représentant associatif" };
            (function.to_string(), None, Some(12 + i % 2))
        }
    }
}

/// Lower-case ASCII of `text` for e-mail addresses (accents dropped, spaces to hyphens).
fn slug(text: &str) -> String {
    text.chars()
        .filter_map(|c| {
            let c = match c {
                'à' | 'â' | 'ä' | 'À' => 'a',
                'é' | 'è' | 'ê' | 'ë' | 'É' => 'e',
                'î' | 'ï' => 'i',
                'ô' | 'ö' => 'o',
                'ù' | 'û' | 'ü' => 'u',
                'ç' => 'c',
                ' ' | '\'' => '-',
                c => c,
            };
            (c.is_ascii_alphanumeric() || c == '-').then(|| c.to_ascii_lowercase())
        })
        .collect()
}

/// The Monday of the week of `today`: meeting days are weeks and weekdays from it, so
/// demonstration meetings never fall on a week-end.
pub fn week_start(today: NaiveDate) -> NaiveDate {
    today - Duration::days(today.weekday().num_days_from_monday() as i64)
}

/// A local time `weeks` weeks from the week of `today`, on `weekday` (0 = Monday).
pub fn at(today: NaiveDate, weeks: i64, weekday: i64, hour: u32, minute: u32) -> NaiveDateTime {
    let day = week_start(today) + Duration::days(weeks * 7 + weekday);
    day.and_hms_opt(hour, minute, 0).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_embedded_communes_are_the_shared_list() {
        let shared =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data/communes-m2a.txt");
        let Ok(text) = std::fs::read_to_string(&shared) else {
            panic!("{} is missing: shared/ sits beside the project", shared.display());
        };
        let listed: Vec<&str> =
            text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
        assert_eq!(listed, COMMUNES.to_vec());
    }

    #[test]
    fn people_have_unique_names_and_addresses() {
        let people = people();
        assert_eq!(people.len(), 152);
        let municipal_communes: HashSet<_> =
            people.iter().filter(|p| p.category == MemberCategory::EluMunicipal).map(|p| p.commune).collect();
        assert_eq!(municipal_communes.len(), COMMUNES.len(), "an élu municipal in every commune");
        let names: HashSet<_> = people.iter().map(|p| (&p.first_name, &p.last_name)).collect();
        assert_eq!(names.len(), people.len(), "two people share a name");
        let emails: HashSet<_> = people.iter().map(|p| &p.email).collect();
        assert_eq!(emails.len(), people.len(), "two people share an address");
        assert!(people
            .iter()
            .all(|p| p.email.is_ascii() && crate::model::settings::looks_like_email(&p.email)));
    }

    #[test]
    fn functions_agree_with_gender() {
        let people = people();
        let feminine = [
            "Vice-présidente",
            "Conseillère",
            "Adjointe",
            "Directrice",
            "Chargée",
            "Représentante",
            "Présidente",
        ];
        let masculine =
            ["Vice-président", "Conseiller", "Adjoint", "Directeur", "Chargé", "Représentant", "Président"];
        for p in &people {
            let first_word = p.function.split([' ', ',']).next().unwrap_or_default();
            let wrong = if p.female { &masculine } else { &feminine };
            assert!(!wrong.contains(&first_word), "{} {} : {}", p.first_name, p.last_name, p.function);
        }
    }

    #[test]
    fn meeting_days_are_weekdays() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(); // a Sunday
        let day = at(today, 1, 1, 18, 0);
        assert_eq!(day.date(), NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
        assert_eq!(day.weekday(), chrono::Weekday::Tue);
    }
}
