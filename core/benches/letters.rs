//! The letters' figures of BENCHMARKS.md (issue 21):
//!
//! - the directory alone filled from a 5,000-row sheet with postal addresses (`ateliers
//!   import people`), into a new base each run (goal < 1 s);
//! - 200 convocation letters, each with its address in the envelope's window, its
//!   salutation, the signatory of the settings and a scanned signature image: the folder of
//!   200 files and the merged file, as the window and `ateliers export pdf convocations`
//!   write them (goal < 2 s);
//! - the search of a commune among 35,000 (INSEE's file), as the person form asks at each
//!   pause in typing.
//!
//! Run: `cargo bench -p ateliers --bench letters` (release profile). Each figure is the
//! median of several runs; wall-clock times on this machine.

use std::path::Path;
use std::time::Instant;

use ateliers::model::atelier::AtelierInput;
use ateliers::model::meeting::MeetingInput;
use ateliers::model::settings::Picture;
use ateliers::pdf;
use ateliers::store::Store;
use ateliers_testkit::timing::median;

const DIRECTORY: usize = 5_000;
const CONVOKED: usize = 200;

/// A sheet of `rows` people with their postal addresses, as French Excel writes it; with a
/// collège when it is for an atelier.
fn sheet(file: &Path, rows: usize, college: bool) {
    let mut text =
        String::from("Civilité;Prénom;Nom;Fonction;Commune;Courriel;Adresse;Code postal;Ville;Collège\r\n");
    for i in 0..rows {
        let (civility, function) =
            [("Mme", "Maire"), ("M.", "Vice-président"), ("Mme", "Conseillère municipale")][i % 3];
        text += &format!(
            "{civility};Prénom{i};Kœnig-Müller{i};{function};Riedisheim;p{i}@exemple.fr;\"Hôtel de ville\r\n{} rue de la République\";68400;Riedisheim;{}\r\n",
            1 + i % 90,
            if college { ["élus", "experts", "société civile"][i % 3] } else { "" }
        );
    }
    std::fs::write(file, text).expect("the sheet");
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

fn main() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let today = ateliers::clock::today();

    let people = dir.path().join("annuaire.csv");
    sheet(&people, DIRECTORY, false);
    let mut import_ms = Vec::new();
    for run in 0..3 {
        let mut store = Store::open(dir.path().join(format!("annuaire-{run}.sqlite3"))).expect("base");
        let start = Instant::now();
        let outcome = store.import_people(&people, false).expect("the import");
        import_ms.push(ms(start));
        assert_eq!(outcome.imported, DIRECTORY);
    }

    let mut communes = String::from("Commune;Code INSEE\r\n");
    let names = ["Saint-Martin", "Sainte-Colombe", "Saint-Louis", "Rivière", "Mont", "Val-de-Loire"];
    for i in 0..35_000 {
        communes += &format!("{} {};{:02}{:03}\r\n", names[i % names.len()], i / 6, 1 + i / 1000, i % 1000);
    }
    let file = dir.path().join("communes.csv");
    std::fs::write(&file, communes).expect("communes");
    let mut store = Store::open(dir.path().join("communes.sqlite3")).expect("base");
    store.import_communes(&file).expect("the communes");
    let mut search_ms = Vec::new();
    for query in ["saint", "louis", "riv", "val de", "68", "sainte-colombe 1"] {
        let start = Instant::now();
        let found = store.find_communes(query, 50).expect("search");
        search_ms.push(ms(start));
        assert!(found.total > 0, "{query}");
    }
    drop(store);

    let mut store = Store::open(dir.path().join("lettres.sqlite3")).expect("base");
    store.load_demo(today).expect("demo");
    let atelier = store
        .create_atelier(AtelierInput {
            code: "BENCH".into(),
            title: "Lettres par courrier".into(),
            kind: "faisabilite".into(),
            status: "propose".into(),
            ..Default::default()
        })
        .expect("atelier")
        .id;
    let members = dir.path().join("membres.csv");
    sheet(&members, CONVOKED, true);
    store.import_members(atelier, &members, today, false).expect("members");
    let day = (0..60).fold(today, |d, _| d.succ_opt().expect("a day"));
    let meeting = store
        .create_meeting(
            MeetingInput {
                atelier_id: atelier,
                session_number: "1".into(),
                date: day.format("%d/%m/%Y").to_string(),
                start_time: "18:00".into(),
                end_time: "20:00".into(),
                place: "Maison de l'agglomération, salle Vauban".into(),
                ..Default::default()
            },
            true,
        )
        .expect("meeting")
        .id;
    store.set_setting("signatory_name", "Fabienne Roth").expect("signatory");
    store.set_setting("signatory_function", "Vice-présidente").expect("function");
    let signature = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/logos/rgb.jpg");
    store
        .set_picture(Picture::Signature, "signature.jpg", &std::fs::read(signature).expect("image"))
        .expect("signature");

    let mut letters_ms = Vec::new();
    let mut merged_bytes = 0;
    for run in 0..5 {
        let folder = dir.path().join(format!("convocations-{run}"));
        let start = Instant::now();
        let letters = pdf::convocation::letters(&store, meeting).expect("letters");
        let written = pdf::files::write_letters(&letters, &folder, &mut |_, _| true).expect("written");
        letters_ms.push(ms(start));
        assert_eq!(written.files.len(), CONVOKED);
        merged_bytes = std::fs::metadata(&written.merged).expect("merged").len();
    }

    println!("| operation | median | runs | goal |");
    println!("|---|---|---|---|");
    println!(
        "| `import people` of {DIRECTORY} people with postal addresses, new base | {:.0} ms | {} | < 1 000 ms |",
        median(import_ms.clone()),
        import_ms.iter().map(|t| format!("{t:.0}")).collect::<Vec<_>>().join(", ")
    );
    println!(
        "| {CONVOKED} convocations with addresses and a signature image, folder + merged file | {:.0} ms | {} | < 2 000 ms |",
        median(letters_ms.clone()),
        letters_ms.iter().map(|t| format!("{t:.0}")).collect::<Vec<_>>().join(", ")
    );
    println!("| merged file ({CONVOKED} pages) | {:.1} KB | | |", merged_bytes as f64 / 1000.0);
    println!(
        "| a commune searched among 35,000, first 50 and total (6 queries) | {:.1} ms | {} | (under the field's 200 ms pause) |",
        median(search_ms.clone()),
        search_ms.iter().map(|t| format!("{t:.1}")).collect::<Vec<_>>().join(", ")
    );
}
