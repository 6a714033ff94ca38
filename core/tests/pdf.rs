//! The printed documents checked by tools that are not ours: `qpdf --check` (structure),
//! `pdffonts` (every font embedded and subset), `pdfinfo` (A4, metadata), `pdftotext`
//! (the expected French text, selectable, in reading order) and `pdftoppm` (pages rendered:
//! nothing drawn in the outer margins). Each document is written from the demonstration data
//! and from adversarial data: 200 members with every French diacritic and long hyphenated
//! names, an atelier title at its maximum length with « ; , \ », a 300-character agenda item,
//! 40 agenda items, a relevé full of « », œ, € and ’.
//!
//! The tools come from Debian's `poppler-utils` and `qpdf` (`scripts/install-system-deps.sh
//! --tests`); a missing tool fails the test with a French message naming its package. A few
//! rendered pages are kept in `target/pdf-pages/` to be looked at.

mod support;

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

use ateliers::model::agenda::AgendaItemInput;
use ateliers::model::atelier::{AtelierInput, MilestoneInput};
use ateliers::model::attendance::AttendanceInput;
use ateliers::model::meeting::{MeetingInput, MeetingStatus};
use ateliers::model::membership::{College, MembershipInput};
use ateliers::model::person::PersonInput;
use ateliers::model::releve::{ActionInput, ReleveInput};
use ateliers::pdf;
use ateliers::store::Store;
use ateliers::Error;
use chrono::{Datelike, Duration, NaiveDate};
use support::{demo_store, today};

// ---------------------------------------------------------------------------------------
// The independent tools
// ---------------------------------------------------------------------------------------

/// Runs `tool` (from Debian package `package`) and returns its standard output; a missing
/// tool or a failure fails the test in French.
fn run(tool: &str, package: &str, args: &[&OsStr]) -> String {
    let output = match Command::new(tool).args(args).output() {
        Ok(output) => output,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => panic!(
            "L’outil « {tool} » est introuvable : installez le paquet Debian « {package} » \
             (scripts/install-system-deps.sh --tests) pour vérifier les PDF"
        ),
        Err(e) => panic!("L’outil « {tool} » n’a pas pu être lancé : {e}"),
    };
    assert!(
        output.status.success(),
        "« {tool} {} » a échoué ({}) :\n{}\n{}",
        args.iter().map(|a| a.to_string_lossy()).collect::<Vec<_>>().join(" "),
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap_or_else(|e| panic!("« {tool} » a écrit autre chose que de l’UTF-8 : {e}"))
}

fn os(text: &str) -> &OsStr {
    OsStr::new(text)
}

/// `qpdf --check`: no syntax or stream error, no warning.
fn check_structure(file: &Path) {
    let out = run("qpdf", "qpdf", &[os("--check"), file.as_os_str()]);
    assert!(out.contains("No syntax or stream encoding errors"), "qpdf --check {}:\n{out}", file.display());
}

/// `pdffonts`: at least one font, every one embedded and subset (`ABCDEF+` prefix), and
/// every one a face of Liberation Sans.
fn check_fonts(file: &Path) {
    let out = run("pdffonts", "poppler-utils", &[file.as_os_str()]);
    let lines: Vec<&str> = out.lines().skip(2).filter(|l| !l.trim().is_empty()).collect();
    assert!(!lines.is_empty(), "{} : aucune police\n{out}", file.display());
    for line in lines {
        let t: Vec<&str> = line.split_whitespace().collect();
        let n = t.len();
        assert!(n >= 7, "{} : ligne de pdffonts inattendue « {line} »", file.display());
        let (name, emb, sub) = (t[0], t[n - 5], t[n - 4]);
        assert_eq!(
            (emb, sub),
            ("yes", "yes"),
            "{} : police non incorporée ou non réduite : {line}",
            file.display()
        );
        let (prefix, family) = name.split_once('+').unwrap_or(("", name));
        assert!(
            prefix.len() == 6 && prefix.chars().all(|c| c.is_ascii_uppercase()),
            "{} : la police {name} n’a pas de préfixe de sous-ensemble ABCDEF+",
            file.display()
        );
        assert!(
            ["LiberationSans", "LiberationSans-Bold", "LiberationSans-Italic", "LiberationSans-BoldItalic"]
                .contains(&family),
            "{} : police inattendue {name} (Liberation Sans attendue)",
            file.display()
        );
    }
}

/// What `pdfinfo` says of a file.
struct Info {
    pages: usize,
    fields: BTreeMap<String, String>,
}

/// `pdfinfo`: every page A4 (595.28 × 841.89 pt), title, author and subject filled, the
/// creation date on `day` (the store's clock, never 1970).
fn check_info(file: &Path, day: NaiveDate) -> Info {
    let out = run(
        "pdfinfo",
        "poppler-utils",
        &[os("-isodates"), os("-f"), os("1"), os("-l"), os("100000"), file.as_os_str()],
    );
    let mut fields = BTreeMap::new();
    let mut sizes = Vec::new();
    for line in out.lines() {
        let Some((key, value)) = line.split_once(':') else { continue };
        let (key, value) = (key.trim().to_string(), value.trim().to_string());
        if key.starts_with("Page") && key.ends_with("size") {
            sizes.push(value.clone());
        }
        fields.entry(key).or_insert(value);
    }
    let name = file.display();
    for key in ["Title", "Author", "Subject"] {
        assert!(fields.get(key).is_some_and(|v| !v.is_empty()), "{name} : métadonnée {key} vide\n{out}");
    }
    let created = fields.get("CreationDate").cloned().unwrap_or_default();
    assert!(!created.starts_with("1970"), "{name} : date de création en 1970 ({created})");
    assert!(
        created.starts_with(&day.to_string()),
        "{name} : date de création {created}, attendue le {day} (horloge du store)"
    );
    let pages: usize = fields
        .get("Pages")
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("{name} : pas de Pages\n{out}"));
    assert!(pages >= 1, "{name} : aucune page");
    assert_eq!(sizes.len(), pages, "{name} : une taille par page attendue\n{out}");
    for (number, size) in sizes.iter().enumerate() {
        let numbers: Vec<f64> = size.split_whitespace().filter_map(|t| t.parse().ok()).collect();
        assert!(
            numbers.len() == 2
                && (numbers[0] - 595.28).abs() < 0.01
                && (numbers[1] - 841.89).abs() < 0.01
                && size.contains("(A4)"),
            "{name} : la page {} mesure « {size} », A4 attendu (595.28 x 841.89 pts)",
            number + 1
        );
    }
    Info { pages, fields }
}

/// `pdftotext` in reading order (not `-layout`), UTF-8.
fn text_of(file: &Path) -> String {
    run("pdftotext", "poppler-utils", &[os("-enc"), os("UTF-8"), file.as_os_str(), os("-")])
}

/// `pdftotext -raw`: the text in the order it is drawn, which keeps each table cell whole
/// (the reading-order analysis may interleave the lines of neighbouring cells).
fn raw_text_of(file: &Path) -> String {
    run("pdftotext", "poppler-utils", &[os("-raw"), os("-enc"), os("UTF-8"), file.as_os_str(), os("-")])
}

/// Every page numbered « page p / N » in its footer, once.
fn assert_page_numbers(what: &str, text: &str, pages: usize) {
    for page in 1..=pages {
        let footer = format!("page {page} / {pages}");
        assert_eq!(count(text, &footer), 1, "{what} : le pied « {footer} » doit apparaître une fois");
    }
}

/// `pdftotext -layout` of one page.
fn layout_text_of_page(file: &Path, page: usize) -> String {
    let page = page.to_string();
    run(
        "pdftotext",
        "poppler-utils",
        &[
            os("-layout"),
            os("-enc"),
            os("UTF-8"),
            os("-f"),
            os(&page),
            os("-l"),
            os(&page),
            file.as_os_str(),
            os("-"),
        ],
    )
}

/// Every structural check on one file; returns what pdfinfo said.
fn check_file(file: &Path, day: NaiveDate) -> Info {
    assert!(file.is_file(), "{} n’a pas été écrit", file.display());
    check_structure(file);
    check_fonts(file);
    check_info(file, day)
}

// ---------------------------------------------------------------------------------------
// Comparing text
// ---------------------------------------------------------------------------------------

/// Whitespace of every kind (line breaks, no-break spaces) as one space.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Without whitespace nor hyphens: a text wrapped inside a table cell (pdftotext joins a line
/// ending with a hyphen to the next and drops the hyphen) compares equal to its source.
fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace() && *c != '-' && *c != '\u{ad}').collect()
}

/// Asserts that `needles` occur in `text` in this order (after `normalise` of both).
fn assert_in_order(what: &str, text: &str, needles: &[String], normalise: fn(&str) -> String) {
    let haystack = normalise(text);
    let mut from = 0;
    for needle in needles {
        let needle_n = normalise(needle);
        match haystack[from..].find(&needle_n) {
            Some(at) => from += at + needle_n.len(),
            None => {
                let found_anywhere = haystack.contains(&needle_n);
                panic!(
                    "{what} : « {needle} » {} \n--- texte extrait par pdftotext ---\n{}",
                    if found_anywhere {
                        "est présent mais pas dans l’ordre attendu"
                    } else {
                        "est absent"
                    },
                    text.chars().take(6000).collect::<String>()
                );
            }
        }
    }
}

fn strings<const N: usize>(items: [&str; N]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// How many times `needle` occurs in `text` (whitespace collapsed).
fn count(text: &str, needle: &str) -> usize {
    collapse(text).matches(&collapse(needle)).count()
}

// ---------------------------------------------------------------------------------------
// Rendering pages
// ---------------------------------------------------------------------------------------

/// A grey page rendered by pdftoppm.
struct Grey {
    width: usize,
    height: usize,
    max: u16,
    pixels: Vec<u8>,
}

/// Reads a binary PGM (`P5`, 8 bits), as `pdftoppm -gray` writes it.
fn read_pgm(bytes: &[u8]) -> Grey {
    let mut at = 0;
    let mut token = || -> String {
        loop {
            while at < bytes.len() && bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            if at < bytes.len() && bytes[at] == b'#' {
                while at < bytes.len() && bytes[at] != b'\n' {
                    at += 1;
                }
                continue;
            }
            break;
        }
        let start = at;
        while at < bytes.len() && !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        String::from_utf8_lossy(&bytes[start..at]).into_owned()
    };
    assert_eq!(token(), "P5", "pdftoppm -gray devait écrire un PGM binaire");
    let width: usize = token().parse().expect("largeur du PGM");
    let height: usize = token().parse().expect("hauteur du PGM");
    let max: u16 = token().parse().expect("valeur maximale du PGM");
    assert!(max < 256, "PGM sur 16 bits inattendu");
    let data = &bytes[at + 1..];
    assert!(data.len() >= width * height, "PGM tronqué");
    Grey { width, height, max, pixels: data[..width * height].to_vec() }
}

const RENDER_DPI: f64 = 50.0;
/// The outer band that must stay blank on every page.
const BLANK_MARGIN_MM: f64 = 12.0;

/// Renders every page of `file` in grey at 50 dpi and asserts the outer 12 mm are white.
fn assert_margins_blank(file: &Path, scratch: &Path, pages: usize) {
    let folder = scratch.join(format!("rendu-{}", file.file_stem().unwrap().to_string_lossy()));
    std::fs::create_dir_all(&folder).unwrap();
    let prefix = folder.join("page");
    run(
        "pdftoppm",
        "poppler-utils",
        &[os("-r"), os("50"), os("-gray"), file.as_os_str(), prefix.as_os_str()],
    );
    let mut rendered: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pgm"))
        .collect();
    rendered.sort();
    assert_eq!(rendered.len(), pages, "{} : pdftoppm devait rendre {pages} pages", file.display());
    let band = (BLANK_MARGIN_MM / 25.4 * RENDER_DPI).ceil() as usize;
    for (number, page) in rendered.iter().enumerate() {
        let grey = read_pgm(&std::fs::read(page).unwrap());
        assert!(grey.width > 2 * band && grey.height > 2 * band);
        for y in 0..grey.height {
            for x in 0..grey.width {
                let outside = x < band || y < band || x >= grey.width - band || y >= grey.height - band;
                if outside && u16::from(grey.pixels[y * grey.width + x]) != grey.max {
                    let mm = |px: usize| px as f64 * 25.4 / RENDER_DPI;
                    panic!(
                        "{} : page {} : quelque chose est dessiné dans la marge extérieure de {BLANK_MARGIN_MM} mm, \
                         à {:.0} mm du bord gauche et {:.0} mm du haut (page {:.0} × {:.0} mm)",
                        file.display(),
                        number + 1,
                        mm(x),
                        mm(y),
                        mm(grey.width),
                        mm(grey.height)
                    );
                }
            }
        }
    }
    let _ = std::fs::remove_dir_all(&folder);
}

/// Where the pages to look at are kept: `target/pdf-pages/`.
fn pages_folder() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    let folder = target.join("pdf-pages");
    std::fs::create_dir_all(&folder).unwrap();
    folder
}

/// Keeps page `page` of `file` as `target/pdf-pages/NAME.png` (72 dpi).
fn keep_page(file: &Path, page: usize, name: &str) {
    let out = pages_folder().join(name);
    let page = page.to_string();
    run(
        "pdftoppm",
        "poppler-utils",
        &[
            os("-r"),
            os("72"),
            os("-png"),
            os("-singlefile"),
            os("-f"),
            os(&page),
            os("-l"),
            os(&page),
            file.as_os_str(),
            out.as_os_str(),
        ],
    );
}

/// The first page of `file` whose text contains `needle`.
fn page_with(file: &Path, pages: usize, needle: &str) -> usize {
    (1..=pages)
        .find(|&p| squash(&layout_text_of_page(file, p)).contains(&squash(needle)))
        .unwrap_or_else(|| panic!("{} : aucune page ne contient « {needle} »", file.display()))
}

// ---------------------------------------------------------------------------------------
// Data
// ---------------------------------------------------------------------------------------

fn college_heading(college: College) -> &'static str {
    match college {
        College::Elus => "Collège des élus",
        College::Experts => "Collège des experts",
        College::SocieteCivile => "Collège de la société civile et des organisations",
    }
}

fn display(civility: &str, first: &str, last: &str) -> String {
    [civility, first, last].into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ")
}

fn person_name(store: &Store, id: i64) -> String {
    fr(&store.person(id).unwrap().data.display_name())
}

/// « mardi 8 décembre 2026 ».
fn long_date(day: NaiveDate) -> String {
    ateliers::fr::long_date(day)
}

/// A text from the base as the documents print it (French typography: ’, no-break spaces).
fn fr(text: &str) -> String {
    ateliers::fr::typography(text)
}

// The adversarial atelier -----------------------------------------------------------------

const FIRST_NAMES: [&str; 8] = ["Agnès", "Anaïs", "Benoît", "Chloé", "Clément", "Gaëlle", "Jérôme", "Zoé"];
const LAST_NAMES: [&str; 25] = [
    "Àlvarez-Dûpont",
    "Âcre-Bêche",
    "Çelik",
    "Élysée-Saint-Félix",
    "Èvrard",
    "Êtienne",
    "Ëlie",
    "Îsard-Schöne",
    "Ïsaure",
    "Ôtard",
    "Œuvray",
    "Ùrsule",
    "Ûzès",
    "Üffler",
    "Ÿvelin",
    "Lefèvre",
    "Mœller",
    "Cæsar-Pâquier",
    "Bäcker-Müller",
    "Garçon",
    "Noël-Pùjol",
    "Mûrier",
    "Laÿ",
    "Cœur-de-Lion",
    "Lætitia-Ÿvonne",
];
/// 90-odd characters, every letter of it in one word joined by hyphens.
const LONG_LAST_NAME: &str =
    "Œhlenschläger-Dûpont-de-la-Tour-d’Auvergne-Ÿvelin-Saint-Ætienne-Bâcle-Çà-et-Là-Ïle-Ûrbain";
const LOWER_DIACRITICS: &str = "àâäçéèêëîïôöùûüÿœæ";
const UPPER_DIACRITICS: &str = "ÀÂÇÉÈÊËÎÏÔŒÙÛÜŸ";
const MEMBERS: usize = 200;
const AGENDA_ITEMS: usize = 40;
const LONG_FUNCTION: &str =
    "Chargée de mission « mobilités douces » ; vélo, piétons \\ et l’œuvre commune à 12 €";

/// The 200 members: (civility, first name, last name).
fn adversarial_people() -> Vec<(&'static str, String, String)> {
    (0..MEMBERS)
        .map(|i| {
            let civility = if i % 2 == 0 { "M." } else { "Mme" };
            let first = if i % 40 == 13 {
                "Marie-Éléonore-Françoise".to_string()
            } else {
                FIRST_NAMES[(i / 25) % 8].to_string()
            };
            let last = if i % 40 == 7 {
                format!("{LONG_LAST_NAME}-{}", (b'A' + (i / 40) as u8) as char)
            } else {
                LAST_NAMES[i % 25].to_string()
            };
            (civility, first, last)
        })
        .collect()
}

/// 200 characters (the most an atelier's title may hold) with « ; , \ » and guillemets.
fn adversarial_atelier_title() -> String {
    let mut title =
        "Atelier « guillemets » ; virgules, barre \\ oblique — l’œuvre commune de l’Ærodrome à 12 € :"
            .to_string();
    while title.chars().count() < 200 {
        title.push_str(" étude très-longue-du-périmètre");
    }
    let title: String = title.chars().take(200).collect();
    title.trim_end().to_string()
}

/// 300 characters, the first agenda item.
fn long_agenda_title() -> String {
    let mut title =
        "Point « très long » ; avec virgules, barre \\ oblique et l’apostrophe : examen".to_string();
    while title.chars().count() < 300 {
        title.push_str(" du budget-annexe à 1 250 € d’Œnone");
    }
    let title: String = title.chars().take(300).collect();
    title.trim_end().to_string()
}

fn agenda_title(n: usize) -> String {
    if n == 1 {
        long_agenda_title()
    } else {
        format!("Point {n} : dossier « Œ-{n} » ; coût {n} 000 € et l’avis d’Ærodrome")
    }
}

fn decision(n: usize) -> String {
    format!("Décision {n} : le budget de {n} 500 € est adopté ; l’atelier « ADV » s’en félicite, à l’unanimité \\ sans réserve.")
}

fn action(n: usize) -> String {
    format!("Action {n} : rédiger l’étude « Œ-{n} » (coût 2 500 €) et l’adresser aux communes")
}

struct Adversarial {
    store: Store,
    atelier: i64,
    /// Held, with attendance; the last one has the relevé.
    held: Vec<i64>,
    /// To come, 40 agenda items.
    next: i64,
    people: Vec<(i64, String)>,
}

fn meeting_input(atelier: i64, number: usize, date: &str) -> MeetingInput {
    MeetingInput {
        atelier_id: atelier,
        session_number: number.to_string(),
        date: date.into(),
        start_time: "18:00".into(),
        end_time: "20:00".into(),
        place: "Salle « Œ » ; sous-sol, porte \\ 12".into(),
        address: "2 rue de l’Œuvre-Notre-Dame\n68100 Mulhouse".into(),
        ..Default::default()
    }
}

/// The demonstration base plus atelier « ADV »: 200 members, three held meetings with
/// attendance and a relevé, one to come with 40 agenda items.
fn adversarial_store(dir: &Path) -> Adversarial {
    let mut store = demo_store(dir);
    let long_text = "Texte « long » ; avec virgules, barre \\ oblique, l’apostrophe et 1 000 €. ".repeat(12);
    let atelier = store
        .create_atelier(AtelierInput {
            code: "ADV".into(),
            title: adversarial_atelier_title(),
            kind: "faisabilite".into(),
            status: "propose".into(),
            political_mandate: long_text.clone(),
            scope: long_text.clone(),
            objectives: format!("{long_text}\n\n{long_text}"),
            negotiable: long_text.clone(),
            non_negotiable: long_text.clone(),
            planned_start: "01/09/2026".into(),
            planned_end: "30/06/2027".into(),
            milestones: (1..=12)
                .map(|n| MilestoneInput {
                    label: format!("Étape {n} « Œ » ; vérification \\ de l’Ærodrome"),
                    planned_on: format!("{:02}/01/2027", n),
                    kind: "autre".into(),
                    done_on: String::new(),
                })
                .collect(),
            ..AtelierInput::default()
        })
        .expect("atelier adverse")
        .id;
    let categories = ["elu_communautaire", "collaborateur_agglomeration", "autre_organisation"];
    let mut people = Vec::with_capacity(MEMBERS);
    for (i, (civility, first, last)) in adversarial_people().into_iter().enumerate() {
        let id = store
            .add_new_member(
                atelier,
                PersonInput {
                    civility: civility.into(),
                    first_name: first.clone(),
                    last_name: last.clone(),
                    function: if i % 5 == 0 { LONG_FUNCTION.into() } else { "Adjoint".into() },
                    ..Default::default()
                },
                MembershipInput {
                    category: categories[i % 3].into(),
                    joined_on: "01/01/2026".into(),
                    presence_required: true,
                    ..Default::default()
                },
            )
            .unwrap_or_else(|e| panic!("membre {i} « {first} {last} » : {e:?}"));
        people.push((id, fr(&display(civility, &first, &last))));
    }
    let mut held = Vec::new();
    for (number, date) in [(1, "05/10/2026"), (2, "12/10/2026"), (3, "19/10/2026")] {
        let id = store.create_meeting(meeting_input(atelier, number, date), true).expect("séance passée").id;
        store.mark_meeting_held(id).expect("séance tenue");
        let rows = store.convocations(id).unwrap().rows;
        assert_eq!(rows.len(), MEMBERS, "les 200 membres sont convoqués");
        for (i, row) in rows.iter().enumerate() {
            let status = ["present", "distance", "excuse", "absent"][(i + number) % 4];
            store
                .record_attendance(
                    id,
                    AttendanceInput { person_id: row.person_id, status: status.into(), ..Default::default() },
                )
                .expect("présence");
        }
        held.push(id);
    }
    let releve = ReleveInput {
        objectives: long_text.clone(),
        method: "Tour de table « ouvert » ; vote à main levée.".into(),
        synthesis: format!("{long_text}\n\n{long_text}"),
        decisions: (1..=30).map(decision).collect(),
        actions: (1..=20)
            .map(|n| ActionInput {
                text: action(n),
                owner_note: "Bureau d’études « Ærodrome » ; Œnone & associés".into(),
                due_on: "15/01/2027".into(),
                ..Default::default()
            })
            .collect(),
        questions: "Qui finance l’œuvre « commune » ? 12 € par habitant ; à voir.".into(),
        next_points: long_text.clone(),
        next_meeting_on: "10/12/2026".into(),
        next_meeting_place: "Salle « Œ »".into(),
        next_meeting_note: String::new(),
    };
    store.save_releve(*held.last().unwrap(), releve).expect("relevé");
    let next =
        store.create_meeting(meeting_input(atelier, 4, "10/12/2026"), true).expect("séance à venir").id;
    let items = (1..=AGENDA_ITEMS)
        .map(|n| AgendaItemInput {
            title: agenda_title(n),
            kind: "information".into(),
            presenter_note: if n % 3 == 0 {
                "Bureau d’études « Ærodrome »".into()
            } else {
                String::new()
            },
            duration: "3".into(),
            ..Default::default()
        })
        .collect();
    store.save_agenda(next, items).expect("ordre du jour de 40 points");
    Adversarial { store, atelier, held, next, people }
}

/// The adversarial documents written in `dir`: (name, path), the merged convocations first.
struct AdversarialFiles {
    merged: PathBuf,
    letters: Vec<PathBuf>,
    sign_in: PathBuf,
    agenda: PathBuf,
    fiche: PathBuf,
    assiduity: PathBuf,
    releve: PathBuf,
}

impl AdversarialFiles {
    fn documents(&self) -> Vec<(&'static str, &Path)> {
        vec![
            ("convocations", self.merged.as_path()),
            ("émargement", self.sign_in.as_path()),
            ("ordre du jour", self.agenda.as_path()),
            ("fiche", self.fiche.as_path()),
            ("assiduité", self.assiduity.as_path()),
            ("relevé", self.releve.as_path()),
        ]
    }
}

fn write_adversarial(adv: &Adversarial, dir: &Path) -> AdversarialFiles {
    let store = &adv.store;
    let letters = pdf::convocation::letters(store, adv.next).expect("convocations");
    assert_eq!(letters.letters.len(), MEMBERS);
    let batch =
        pdf::files::write_letters(&letters, &dir.join("convocations"), &mut |_, _| true).expect("lot écrit");
    let held = *adv.held.last().unwrap();
    let write = |document: pdf::Document, name: &str| {
        pdf::files::write_document(&document, &dir.join(name)).expect(name)
    };
    AdversarialFiles {
        merged: batch.merged,
        letters: batch.files,
        sign_in: write(pdf::sign_in::document(store, adv.next).unwrap(), "emargement"),
        agenda: write(pdf::agenda::document(store, adv.next).unwrap(), "ordre-du-jour.pdf"),
        fiche: write(pdf::fiche::document(store, adv.atelier).unwrap(), "fiche.pdf"),
        assiduity: write(pdf::assiduity::document(store, adv.atelier).unwrap(), "assiduite.pdf"),
        releve: write(pdf::releve::document(store, held).unwrap(), "releve.pdf"),
    }
}

// ---------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------

#[test]
#[cfg_attr(windows, ignore = "reads the PDF back with poppler and qpdf, Linux programs: run on Linux")]
fn every_demonstration_document_passes_qpdf_embeds_subset_fonts_is_a4_with_metadata_and_reads_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(dir.path());
    let out = dir.path().join("documents");
    std::fs::create_dir_all(&out).unwrap();
    let org = collapse(&fr(&store.settings().unwrap().data.org_name));

    // Convocations: the meeting to come that has an ordre du jour.
    let now = store.now().unwrap();
    let meeting = store
        .list_meetings()
        .unwrap()
        .into_iter()
        .find(|m| {
            m.status.is_active() && m.start_local() > now && !store.agenda(m.id).unwrap().items.is_empty()
        })
        .expect("une réunion à venir avec un ordre du jour dans la démonstration");
    let agenda = store.agenda(meeting.id).unwrap();
    let convoked = store.convocations(meeting.id).unwrap().rows;
    let letters = pdf::convocation::letters(&store, meeting.id).unwrap();
    assert_eq!(letters.letters.len(), convoked.len(), "une lettre par personne convoquée");
    let batch = pdf::files::write_letters(&letters, &out.join("Convocations"), &mut |_, _| true).unwrap();
    assert_eq!(batch.files.len(), convoked.len());
    let number = meeting.session_number.expect("une séance numérotée");
    assert_eq!(
        batch.merged.file_name().unwrap().to_string_lossy(),
        format!("Convocations {} Séance n° {number} - toutes.pdf", meeting.atelier),
        "nom du fichier de toutes les convocations"
    );
    let mut names_in_folder: Vec<_> = std::fs::read_dir(&batch.folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names_in_folder.sort();
    assert_eq!(
        names_in_folder.len(),
        convoked.len() + 1,
        "le dossier : les lettres et le fichier unique, rien d’autre"
    );
    let when = long_date(meeting.start_local().date());
    let first_item = fr(&agenda.items[0].title);
    for (file, row) in batch.files.iter().zip(&convoked) {
        let info = check_file(file, today());
        assert_eq!(info.pages, 1, "{} : une lettre tient sur une page", file.display());
        assert_eq!(collapse(&info.fields["Author"]), org, "auteur : l’organisation");
        let text = text_of(file);
        assert_in_order(
            &format!("convocation {}", file.display()),
            &text,
            &[
                fr(&store.person(row.person_id).unwrap().recipient().address_block()[0]),
                "Objet :".into(),
                meeting.atelier.clone(),
                format!("le {when} de"),
                " à ".into(),
                "Ordre du jour".into(),
                format!("1. {first_item}"),
            ],
            collapse,
        );
        assert_page_numbers(&format!("convocation {}", file.display()), &text, 1);
    }
    let merged = check_file(&batch.merged, today());
    assert_eq!(merged.pages, convoked.len(), "le fichier unique : une page par lettre");
    let text = text_of(&batch.merged);
    let names: Vec<String> = convoked.iter().map(|row| person_name(&store, row.person_id)).collect();
    assert_in_order("convocations réunies", &text, &names, collapse);
    assert_eq!(count(&text, "page 1 / 1"), convoked.len(), "chaque lettre numérotée à part");
    keep_page(&batch.files[0], 1, "demo-convocation");

    // Ordre du jour.
    let file =
        pdf::files::write_document(&pdf::agenda::document(&store, meeting.id).unwrap(), &out.join("odj"))
            .unwrap();
    assert_eq!(file.extension().unwrap(), "pdf", "l’extension .pdf est ajoutée");
    let info = check_file(&file, today());
    let mut expected = strings([
        "Ordre du jour",
        "Atelier-projet :",
        "Réunion :",
        "Date :",
        "Lieu :",
        "N°",
        "Point",
        "Présenté par",
    ]);
    for (n, item) in agenda.items.iter().enumerate() {
        expected.push(format!("{}", n + 1));
        expected.push(fr(&item.title));
    }
    assert_in_order("ordre du jour", &raw_text_of(&file), &expected, squash);
    assert_page_numbers("ordre du jour", &text_of(&file), info.pages);
    keep_page(&file, 1, "demo-ordre-du-jour");

    // Feuille d'émargement: the collèges in order, every convoked member, blank lines.
    let file = pdf::files::write_document(
        &pdf::sign_in::document(&store, meeting.id).unwrap(),
        &out.join("emargement.pdf"),
    )
    .unwrap();
    let info = check_file(&file, today());
    let text = text_of(&file);
    let mut expected = strings(["Feuille d’émargement", "Atelier-projet :"]);
    for college in College::ALL.iter().copied() {
        let members: Vec<_> = convoked.iter().filter(|r| !r.guest && r.college == Some(college)).collect();
        if !members.is_empty() {
            expected.push(format!("{} ({})", college_heading(college), members.len()));
            expected.push("Nom".into());
            expected.push(person_name(&store, members[0].person_id));
        }
    }
    expected.push("Autres participants".into());
    assert_in_order("émargement", &text, &expected, collapse);
    assert!(text.contains("Signature"), "émargement : colonne « Signature »");
    for row in &convoked {
        assert!(
            squash(&text).contains(&squash(&person_name(&store, row.person_id))),
            "émargement : {} absent",
            row.name
        );
    }
    assert_page_numbers("émargement", &text, info.pages);
    keep_page(&file, 1, "demo-emargement");

    // Relevé of a held meeting that has one.
    let held = store
        .list_meetings()
        .unwrap()
        .into_iter()
        .find(|m| m.status == MeetingStatus::Tenue && store.releve(m.id).unwrap().is_some())
        .expect("une réunion tenue avec un relevé");
    let releve = store.releve(held.id).unwrap().unwrap();
    let file =
        pdf::files::write_document(&pdf::releve::document(&store, held.id).unwrap(), &out.join("releve.pdf"))
            .unwrap();
    let info = check_file(&file, today());
    let mut expected = strings([
        "Relevé de décisions",
        "version",
        "Atelier-projet :",
        "Membres présents ou représentés",
        "Collège",
    ]);
    expected.push("Décisions".into());
    expected.extend(releve.content.decisions.iter().map(|d| fr(d)));
    let text = text_of(&file);
    assert_in_order("relevé", &text, &expected, collapse);
    assert_page_numbers("relevé", &text, info.pages);
    keep_page(&file, 1, "demo-releve");

    // Charte: the batch of an atelier with unsigned members.
    let (atelier, unsigned) = store
        .list_ateliers()
        .unwrap()
        .into_iter()
        .map(|a| (a.id, store.unsigned_members(a.id, today()).unwrap()))
        .find(|(_, unsigned)| !unsigned.is_empty())
        .expect("un atelier avec des membres qui n’ont pas signé la charte");
    let file = pdf::files::write_document(
        &pdf::charter::document(&store, atelier, None).unwrap(),
        &out.join("charte.pdf"),
    )
    .unwrap();
    let info = check_file(&file, today());
    assert!(info.pages >= unsigned.len(), "charte : au moins une page par membre qui n’a pas signé");
    let text = text_of(&file);
    let mut expected = Vec::new();
    for person in &unsigned {
        expected.extend([
            "Charte d’engagement".to_string(),
            "Je soussigné(e),".into(),
            fr(&person.display_name()),
            "Signature :".into(),
        ]);
    }
    assert_in_order("charte", &text, &expected, collapse);
    keep_page(&file, 1, "demo-charte");

    // Fiche and assiduité of the atelier of the relevé.
    let code = &held.atelier;
    let file = pdf::files::write_document(
        &pdf::fiche::document(&store, held.atelier_id).unwrap(),
        &out.join("fiche.pdf"),
    )
    .unwrap();
    let info = check_file(&file, today());
    let text = text_of(&file);
    assert_page_numbers("fiche", &text, info.pages);
    assert_in_order(
        "fiche",
        &text,
        &[
            format!("Fiche atelier-projet {code}"),
            "Commande politique".into(),
            "Périmètre".into(),
            "Objectifs".into(),
            "Ce qui est négociable".into(),
            "Ce qui n’est pas négociable".into(),
            "Calendrier".into(),
            "Composition".into(),
            "Collège des élus".into(),
        ],
        collapse,
    );
    keep_page(&file, 1, "demo-fiche");

    let file = pdf::files::write_document(
        &pdf::assiduity::document(&store, held.atelier_id).unwrap(),
        &out.join("assiduite.pdf"),
    )
    .unwrap();
    let info = check_file(&file, today());
    let rows = store.assiduity(Some(held.atelier_id)).unwrap();
    let text = text_of(&file);
    assert_in_order("assiduité", &text, &[format!("Assiduité — {code}"), "Légende :".into()], collapse);
    assert_page_numbers("assiduité", &text, info.pages);
    let mut expected = strings(["Membre", "Taux"]);
    expected.extend(rows.iter().map(|r| fr(&r.name)));
    assert_in_order("assiduité (tableau)", &raw_text_of(&file), &expected, squash);
    keep_page(&file, 1, "demo-assiduite");

    // Calendrier over four months: the months in order, each meeting's atelier.
    let (from, to) = (today() - Duration::days(60), today() + Duration::days(61));
    let file = pdf::files::write_document(
        &pdf::calendar::document(&store, from, to).unwrap(),
        &out.join("calendrier.pdf"),
    )
    .unwrap();
    let info = check_file(&file, today());
    let meetings = store.meetings_between(from, to).unwrap();
    assert!(!meetings.is_empty());
    let months = [
        "Janvier",
        "Février",
        "Mars",
        "Avril",
        "Mai",
        "Juin",
        "Juillet",
        "Août",
        "Septembre",
        "Octobre",
        "Novembre",
        "Décembre",
    ];
    let mut expected = vec!["Calendrier des ateliers-projets".to_string()];
    let mut last_month = None;
    for m in &meetings {
        let start = m.start_local();
        if last_month != Some((start.year(), start.month())) {
            expected.push(format!("{} {}", months[start.month0() as usize], start.year()));
            last_month = Some((start.year(), start.month()));
        }
        expected.push(ateliers::fr::capitalise(&long_date(start.date())));
        expected.push(m.atelier.clone());
    }
    assert_in_order("calendrier", &raw_text_of(&file), &expected, squash);
    assert_page_numbers("calendrier", &text_of(&file), info.pages);
    keep_page(&file, 1, "demo-calendrier");
}

#[test]
#[cfg_attr(windows, ignore = "reads the PDF back with poppler and qpdf, Linux programs: run on Linux")]
fn adversarial_documents_keep_200_names_40_items_long_titles_and_special_characters_selectable() {
    // The fixture itself covers what it claims.
    let people = adversarial_people();
    let all_names: String = people.iter().map(|(_, f, l)| format!("{f} {l}")).collect();
    for c in LOWER_DIACRITICS.chars().chain(UPPER_DIACRITICS.chars()) {
        assert!(all_names.contains(c), "le jeu adverse doit contenir « {c} »");
    }
    assert_eq!(adversarial_atelier_title().chars().count(), 200);
    assert_eq!(long_agenda_title().chars().count(), 300);

    let dir = tempfile::tempdir().unwrap();
    let adv = adversarial_store(dir.path());
    let files = write_adversarial(&adv, dir.path());
    let mut infos = BTreeMap::new();
    for (name, file) in files.documents() {
        infos.insert(name, check_file(file, today()));
    }
    assert_eq!(files.letters.len(), MEMBERS);
    for (i, letter) in files.letters.iter().enumerate() {
        if i % 20 == 0 || i % 40 == 7 || i + 1 == MEMBERS {
            check_file(letter, today());
        }
    }

    // Émargement: the collèges in order and all 200 names (a name may wrap in its cell).
    let sign_in = text_of(&files.sign_in);
    let squashed = squash(&raw_text_of(&files.sign_in));
    let missing: Vec<&String> =
        adv.people.iter().map(|(_, n)| n).filter(|n| !squashed.contains(&squash(n))).collect();
    assert!(
        missing.is_empty(),
        "émargement : {} noms absents, dont {:?}",
        missing.len(),
        &missing[..missing.len().min(5)]
    );
    // Members i with i % 3 == 0 are élus, 1 experts, 2 société civile (see the categories).
    let in_college = |k: usize| (0..MEMBERS).filter(|i| i % 3 == k).count();
    assert_in_order(
        "émargement adverse",
        &sign_in,
        &[
            format!("Collège des élus ({})", in_college(0)),
            format!("Collège des experts ({})", in_college(1)),
            format!("Collège de la société civile et des organisations ({})", in_college(2)),
            "Autres participants".into(),
        ],
        collapse,
    );
    assert_page_numbers("émargement adverse", &sign_in, infos["émargement"].pages);
    assert!(squashed.contains(&squash(&fr(LONG_FUNCTION))), "émargement : la fonction longue entière");

    // Convocations: one letter per member, in the merged file, each naming its person (the
    // address writes « Madame », « Monsieur » in full).
    let merged = text_of(&files.merged);
    let squashed = squash(&raw_text_of(&files.merged));
    let unabridged = |name: &str| {
        name.strip_prefix("Mme ").map(|rest| format!("Madame {rest}")).unwrap_or_else(|| {
            name.strip_prefix("M. ").map(|rest| format!("Monsieur {rest}")).unwrap_or(name.to_string())
        })
    };
    let missing: Vec<&String> =
        adv.people.iter().map(|(_, n)| n).filter(|n| !squashed.contains(&squash(&unabridged(n)))).collect();
    assert!(
        missing.is_empty(),
        "convocations : {} noms absents, dont {:?}",
        missing.len(),
        &missing[..missing.len().min(5)]
    );
    assert_eq!(count(&merged, "Objet :"), MEMBERS, "200 lettres dans le fichier unique");
    assert!(
        squashed.contains(&squash(&adversarial_atelier_title())),
        "convocations : le titre de l’atelier entier"
    );

    // Ordre du jour: items 1 to 40 in order, the 300-character title whole.
    let agenda = raw_text_of(&files.agenda);
    let mut expected = Vec::new();
    for n in 1..=AGENDA_ITEMS {
        expected.push(n.to_string());
        expected.push(agenda_title(n));
    }
    assert_in_order("ordre du jour de 40 points", &agenda, &expected, squash);
    assert_page_numbers("ordre du jour de 40 points", &text_of(&files.agenda), infos["ordre du jour"].pages);
    assert!(
        squash(&agenda).contains(&squash(&adversarial_atelier_title())),
        "ordre du jour : le titre de 200 caractères"
    );
    // The special characters come back exactly, as selectable text.
    for needle in
        ["« Œ-12 »", "12 000 €", "l’avis d’Ærodrome", "« très long » ;", "barre \\ oblique", "d’Œnone"]
    {
        assert!(
            collapse(&agenda).contains(needle),
            "ordre du jour : « {needle} » non restitué par pdftotext"
        );
    }

    // Relevé: every decision and action, with « » œ € ’ exactly.
    let releve = text_of(&files.releve);
    let mut expected = strings(["Relevé de décisions", "PROJET", "Décisions"]);
    expected.extend((1..=30).map(decision));
    expected.push("Actions".into());
    assert_in_order("relevé adverse", &releve, &expected, collapse);
    assert_page_numbers("relevé adverse", &releve, infos["relevé"].pages);
    let expected: Vec<String> = (1..=20).map(action).collect();
    let releve_raw = raw_text_of(&files.releve);
    assert_in_order("relevé adverse (actions)", &releve_raw, &expected, squash);
    for needle in [
        "«",
        "»",
        "œ",
        "Œ",
        "€",
        "’",
        "Æ",
        "\\",
        "« ADV »",
        "2 500 €",
        "l’atelier",
        "Bureau d’études « Ærodrome »",
    ] {
        assert!(collapse(&releve_raw).contains(needle), "relevé : « {needle} » non restitué par pdftotext");
    }

    // Fiche: the title at its maximum length, joined across lines; every member.
    let fiche = text_of(&files.fiche);
    assert!(
        squash(&fiche).contains(&squash(&adversarial_atelier_title())),
        "fiche : le titre de 200 caractères entier"
    );
    assert!(
        collapse(&fiche).contains("l’œuvre commune de l’Ærodrome à 12 €"),
        "fiche : « ’ œ Æ € » restitués"
    );
    let squashed = squash(&raw_text_of(&files.fiche));
    let missing: Vec<&String> =
        adv.people.iter().map(|(_, n)| n).filter(|n| !squashed.contains(&squash(n))).collect();
    assert!(
        missing.is_empty(),
        "fiche : {} noms absents, dont {:?}",
        missing.len(),
        &missing[..missing.len().min(5)]
    );

    // Assiduité: every member, the three held meetings.
    let assiduity = raw_text_of(&files.assiduity);
    let squashed = squash(&assiduity);
    let missing: Vec<&String> =
        adv.people.iter().map(|(_, n)| n).filter(|n| !squashed.contains(&squash(n))).collect();
    assert!(
        missing.is_empty(),
        "assiduité : {} noms absents, dont {:?}",
        missing.len(),
        &missing[..missing.len().min(5)]
    );
    for date in ["05/10/26", "12/10/26", "19/10/26"] {
        assert!(assiduity.contains(date), "assiduité : colonne du {date}");
    }

    // Pages to look at.
    let long = format!("{LONG_LAST_NAME}-A");
    let page = page_with(&files.sign_in, infos["émargement"].pages, &long);
    keep_page(&files.sign_in, page, "adverse-emargement-nom-long");
    keep_page(&files.sign_in, 1, "adverse-emargement");
    keep_page(&files.agenda, 1, "adverse-ordre-du-jour");
    keep_page(&files.agenda, infos["ordre du jour"].pages, "adverse-ordre-du-jour-fin");
    keep_page(&files.releve, 1, "adverse-releve");
    keep_page(&files.releve, infos["relevé"].pages, "adverse-releve-fin");
    keep_page(&files.fiche, 1, "adverse-fiche");
    keep_page(&files.assiduity, 1, "adverse-assiduite");
    let letter = files
        .letters
        .iter()
        .find(|p| p.to_string_lossy().contains("Œhlenschläger"))
        .expect("lettre au nom long");
    keep_page(letter, 1, "adverse-convocation-nom-long");
}

#[test]
#[cfg_attr(windows, ignore = "reads the PDF back with poppler and qpdf, Linux programs: run on Linux")]
fn nothing_is_drawn_in_the_outer_12_mm_of_any_page_of_the_adversarial_documents() {
    let dir = tempfile::tempdir().unwrap();
    let adv = adversarial_store(dir.path());
    let files = write_adversarial(&adv, dir.path());
    let scratch = dir.path().join("rendus");
    for (_, file) in files.documents() {
        let info = check_info(file, today());
        assert_margins_blank(file, &scratch, info.pages);
    }
}

#[test]
#[cfg_attr(windows, ignore = "reads the PDF back with poppler and qpdf, Linux programs: run on Linux")]
fn a_one_page_convocation_weighs_less_than_60_000_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(dir.path());
    let now = store.now().unwrap();
    let meeting = store
        .list_meetings()
        .unwrap()
        .into_iter()
        .find(|m| {
            m.status.is_active() && m.start_local() > now && !store.agenda(m.id).unwrap().items.is_empty()
        })
        .unwrap();
    let letters = pdf::convocation::letters(&store, meeting.id).unwrap();
    for index in 0..letters.letters.len() {
        let file = pdf::files::write_document(
            &letters.single(index).unwrap(),
            &dir.path().join(format!("lettre-{index}")),
        )
        .unwrap();
        let info = check_info(&file, today());
        assert_eq!(info.pages, 1, "{} : une page", file.display());
        let size = std::fs::metadata(&file).unwrap().len();
        assert!(size < 60_000, "{} pèse {size} octets (moins de 60 000 attendus)", file.display());
    }
}

#[test]
fn a_convocation_batch_cancelled_after_three_files_leaves_no_file_and_no_staging_folder() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(dir.path());
    let meeting = store
        .list_meetings()
        .unwrap()
        .into_iter()
        .find(|m| m.status.is_active() && store.convocations(m.id).unwrap().rows.len() > 5)
        .unwrap();
    let letters = pdf::convocation::letters(&store, meeting.id).unwrap();
    let out = dir.path().join("sortie");
    std::fs::create_dir_all(&out).unwrap();

    // A new folder: nothing at all remains in it.
    let folder = out.join("Convocations");
    let mut calls = Vec::new();
    let result = pdf::files::write_letters(&letters, &folder, &mut |done, total| {
        calls.push((done, total));
        done < 3
    });
    assert!(matches!(result, Err(Error::Cancelled)), "annulation attendue, obtenu {result:?}");
    assert_eq!(calls.len(), 3, "le lot s’arrête au premier « non » : {calls:?}");
    assert_eq!(calls[2], (3, letters.letters.len() + 1));
    let left = |path: &Path| -> Vec<String> {
        if !path.exists() {
            return Vec::new();
        }
        std::fs::read_dir(path)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    };
    assert_eq!(left(&folder), Vec::<String>::new(), "aucun fichier ni dossier caché dans le dossier");
    let beside: Vec<String> = left(&out).into_iter().filter(|n| n != "Convocations").collect();
    assert_eq!(beside, Vec::<String>::new(), "rien à côté du dossier");

    // An existing folder: what was there stays, nothing is added.
    let folder = out.join("Existant");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("notes.txt"), "à garder").unwrap();
    let result = pdf::files::write_letters(&letters, &folder, &mut |done, _| done < 3);
    assert!(matches!(result, Err(Error::Cancelled)));
    assert_eq!(left(&folder), vec!["notes.txt".to_string()], "seul le fichier déjà là reste");
    assert_eq!(std::fs::read_to_string(folder.join("notes.txt")).unwrap(), "à garder");
}

// ---------------------------------------------------------------------------------------
// The logo
// ---------------------------------------------------------------------------------------

/// The mean grey (0 black, 255 white) of page 1 of `file` rendered at 72 dpi, over the
/// rectangle `(x, y, width, height)` in points from the top left corner.
fn mean_grey(file: &Path, scratch: &Path, (x, y, width, height): (f32, f32, f32, f32)) -> f64 {
    let prefix = scratch.join("logo-page");
    run(
        "pdftoppm",
        "poppler-utils",
        &[
            os("-r"),
            os("72"),
            os("-gray"),
            os("-singlefile"),
            os("-f"),
            os("1"),
            os("-l"),
            os("1"),
            file.as_os_str(),
            prefix.as_os_str(),
        ],
    );
    let grey = read_pgm(&std::fs::read(prefix.with_extension("pgm")).unwrap());
    let (mut sum, mut count) = (0u64, 0u64);
    for row in y.ceil() as usize..(y + height).floor() as usize {
        for column in x.ceil() as usize..(x + width).floor() as usize {
            sum += u64::from(grey.pixels[row * grey.width + column]);
            count += 1;
        }
    }
    assert!(count > 0);
    sum as f64 / count as f64
}

#[test]
#[cfg_attr(windows, ignore = "reads the PDF back with poppler and qpdf, Linux programs: run on Linux")]
fn a_png_or_jpeg_logo_is_embedded_once_and_drawn_in_the_header_in_its_colours() {
    use ateliers::pdf::layout::{Block, Paragraph, MARGIN_SIDE, MARGIN_TOP};
    use ateliers::pdf::{Document, Section};

    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/logos");
    // File, pdfimages' encoding, a soft mask, embedded width, drawn width (points, 38 high).
    let cases = [
        ("rgb.jpg", "jpeg", false, 80, 76.0),
        ("cmyk.jpg", "jpeg", false, 80, 76.0),
        ("grey-progressive.jpg", "jpeg", false, 80, 76.0),
        ("alpha.png", "image", true, 80, 76.0),
        ("palette.png", "image", false, 80, 76.0),
        ("grey-alpha-16.png", "image", true, 80, 76.0),
        ("large.png", "image", false, 343, 76.0),
    ];
    for (name, encoding, masked, pixels, drawn) in cases {
        let document = Document {
            title: "Logo".into(),
            subject: "Essai du logo".into(),
            organisation: "Mairie de Logoville".into(),
            logo: Some(std::fs::read(fixtures.join(name)).unwrap()),
            signature: None,
            sections: vec![Section {
                footer: "pied".into(),
                blocks: vec![Block::Paragraph(Paragraph::text("Bonjour"))],
            }],
            created: 1_800_000_000,
        };
        let file = dir.path().join(format!("{name}.pdf"));
        std::fs::write(&file, document.to_pdf()).unwrap();
        check_structure(&file);

        let list = run("pdfimages", "poppler-utils", &[os("-list"), file.as_os_str()]);
        let rows: Vec<Vec<&str>> = list.lines().skip(2).map(|l| l.split_whitespace().collect()).collect();
        let images: Vec<_> = rows.iter().filter(|r| r[2] == "image").collect();
        let masks: Vec<_> = rows.iter().filter(|r| r[2] == "smask").collect();
        assert_eq!(images.len(), 1, "{name} : une image attendue\n{list}");
        assert_eq!(masks.len(), usize::from(masked), "{name} : masque\n{list}");
        assert_eq!(images[0][3], pixels.to_string(), "{name} : largeur\n{list}");
        assert_eq!(images[0][8], encoding, "{name} : codage\n{list}");

        // Dark on both halves (blue and red, or dark and mid grey): drawn where the header
        // puts it, in its colours (an inverted CMYK would come out pale).
        let top = MARGIN_TOP + 3.0;
        let left = mean_grey(&file, dir.path(), (MARGIN_SIDE + 3.0, top, drawn / 2.0 - 6.0, 20.0));
        let right =
            mean_grey(&file, dir.path(), (MARGIN_SIDE + drawn / 2.0 + 3.0, top, drawn / 2.0 - 6.0, 20.0));
        assert!(left < 110.0 && right < 170.0, "{name} : gris {left:.0} et {right:.0}");
        keep_page(&file, 1, &format!("logo-{name}"));
    }
}

// ---------------------------------------------------------------------------------------
// Letters for the post: the address in the window, the salutation, the signature
// ---------------------------------------------------------------------------------------

/// The words `pdftotext -bbox` finds on the first page of `file`: text and box in points
/// (xMin, yMin, xMax, yMax from the top left).
fn words_of(file: &Path) -> Vec<(String, [f32; 4])> {
    let html = run(
        "pdftotext",
        "poppler-utils",
        &[os("-bbox"), os("-f"), os("1"), os("-l"), os("1"), file.as_os_str(), os("-")],
    );
    html.split("<word ")
        .skip(1)
        .filter_map(|chunk| {
            let number = |name: &str| -> Option<f32> {
                let start = chunk.find(&format!("{name}=\""))? + name.len() + 2;
                chunk[start..].split('"').next()?.parse().ok()
            };
            let text = chunk.split_once('>')?.1.split("</word>").next()?;
            let text =
                text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"");
            Some((text, [number("xMin")?, number("yMin")?, number("xMax")?, number("yMax")?]))
        })
        .collect()
}

#[test]
#[cfg_attr(windows, ignore = "reads the PDF back with poppler and qpdf, Linux programs: run on Linux")]
fn a_letter_s_address_sits_in_a_dl_window_and_it_greets_and_is_signed_as_set() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(dir.path());
    let meeting = store.list_meetings().unwrap().into_iter().find(|m| m.status.is_active()).unwrap();
    let row = store.convocations(meeting.id).unwrap().rows.remove(0);
    let person = store.person(row.person_id).unwrap();
    let input = PersonInput {
        civility: "Mme".into(),
        first_name: "Odile".into(),
        last_name: "Kœnig-Brun".into(),
        function: "Maire de Wittenheim".into(),
        email: String::new(),
        postal: ateliers::model::postal::PostalInput {
            address_lines: "Hôtel de ville\n2 place des Malgré-Nous".into(),
            postcode: "68270".into(),
            town: "Wittenheim".into(),
            salutation: String::new(),
        },
        ..PersonInput::default()
    };
    store.update_person(person.id, input).unwrap();
    store.set_setting("signatory_name", "Fabienne Roth").unwrap();
    store.set_setting("signatory_function", "Vice-présidente de l’agglomération").unwrap();
    let logos = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/logos");
    store
        .set_picture(
            ateliers::model::settings::Picture::Signature,
            "signature.png",
            &std::fs::read(logos.join("alpha.png")).unwrap(),
        )
        .unwrap();

    let letters = pdf::convocation::post_letters(&store, meeting.id).unwrap();
    assert_eq!(letters.people, [person.id], "the only person without an e-mail address");
    let file = pdf::files::write_document(&letters.document, &dir.path().join("courrier.pdf")).unwrap();
    check_structure(&file);
    check_fonts(&file);

    // The address block, word by word, inside the window of a DL envelope once folded in
    // three: 95 to 195 mm from the left, 50 to 95 mm from the top.
    let mm = |v: f32| v * 25.4 / 72.0;
    let words = words_of(&file);
    let block = ["Madame", "Odile", "Kœnig-Brun", "Maire", "Hôtel", "Malgré-Nous", "68270", "WITTENHEIM"];
    for word in block {
        let (_, [x0, y0, x1, y1]) = words
            .iter()
            .find(|(text, _)| text == word)
            .unwrap_or_else(|| panic!("« {word} » absent: {words:?}"));
        assert!(mm(*x0) >= 100.0 && mm(*x1) <= 195.0, "« {word} » from {} to {} mm across", mm(*x0), mm(*x1));
        assert!(mm(*y0) >= 50.0 && mm(*y1) <= 95.0, "« {word} » from {} to {} mm down", mm(*y0), mm(*y1));
    }
    let text = collapse(&text_of(&file));
    assert!(text.contains("Madame la Maire,"), "{text}");
    assert!(text.contains("agréer, Madame la Maire, l’expression"), "{text}");
    assert!(text.contains("Fabienne Roth Vice-présidente de l’agglomération"), "{text}");
    assert!(!text.contains("Le porteur politique"), "the signatory of the settings signs");
    let images = run("pdfimages", "poppler-utils", &[os("-list"), file.as_os_str()]);
    let drawn = images.lines().skip(2).filter(|l| l.split_whitespace().nth(2) == Some("image")).count();
    assert_eq!(drawn, 1, "the signature, once: {images}");
}

#[test]
#[cfg_attr(windows, ignore = "reads the PDF back with poppler and qpdf, Linux programs: run on Linux")]
fn a_closed_atelier_s_fiche_prints_its_outcome_and_each_etape_s_state() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(dir.path());
    let atelier = store.list_ateliers().unwrap().into_iter().find(|a| a.code == "AP-VELO").unwrap();
    let current = store.atelier(atelier.id).unwrap();
    let mut input = AtelierInput::from_data(&current.data);
    input.status = "clos".into();
    input.closed_on = today().format("%Y-%m-%d").to_string();
    let refused = store.update_atelier(atelier.id, input.clone()).unwrap_err();
    assert!(refused.to_string().contains("décrivez ses propositions"), "{refused}");
    input.outcome_proposals =
        "Un réseau cyclable de 120 km en trois phases.\n\nUne charte des aménagements.".into();
    input.outcome_follow_up = "Phase 1 inscrite au budget 2028.".into();
    store.update_atelier(atelier.id, input).unwrap();
    let file = pdf::files::write_document(
        &pdf::fiche::document(&store, atelier.id).unwrap(),
        &dir.path().join("fiche.pdf"),
    )
    .unwrap();
    check_file(&file, today());
    let text = text_of(&file);
    let done = current.data.milestones.iter().find(|m| m.done_on.is_some()).expect("a demo étape done");
    assert_in_order(
        "fiche d'un atelier clos",
        &text,
        &[
            "Aboutissement".to_string(),
            format!("Date de clôture : {}", long_date(today())),
            "Propositions".into(),
            "Un réseau cyclable de 120 km en trois phases.".into(),
            "Une charte des aménagements.".into(),
            "Suites données".into(),
            "Phase 1 inscrite au budget 2028.".into(),
            "Calendrier".into(),
        ],
        collapse,
    );
    assert!(
        squash(&text).contains(&squash(&format!("Faite le {}", long_date(done.done_on.unwrap())))),
        "{text}"
    );
    assert!(squash(&text).contains(&squash("À venir (prévue le")), "an étape to come: {text}");
}
