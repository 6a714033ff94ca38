//! The members' figures of BENCHMARKS.md, on a large base made by the same generator as
//! `ateliers demo --people 20000`:
//!
//! - import of a 5,000-row spreadsheet (`;`, Windows-1252) into an atelier, in one
//!   transaction, preview included (goal < 1 s);
//! - a directory search on 20,000 people, the core's share of a keystroke (the window's
//!   share is measured by `cargo bench --bench directory`);
//! - the composition of every atelier, as the list of ateliers computes it (goal < 20 ms).
//!
//! Run: `cargo bench -p ateliers --bench members` (release profile). Each figure is the
//! median of several runs; wall-clock times on this machine.

use std::time::Instant;

use ateliers::model::person::PeopleSort;
use ateliers::store::Store;
use ateliers_testkit::timing::{median, time};

const PEOPLE: usize = 20_000;
const ROWS: usize = 5_000;

/// A 5,000-row sheet as French Excel writes it; one row in 50 is a person already in the
/// directory (matched), the others are new.
fn sheet(store: &Store) -> Vec<u8> {
    let known = store.search_people("", false, PeopleSort::Name, 100).expect("people").rows;
    let mut text = String::from("Civilité;Prénom;Nom;Commune;Organisation;Courriel;Collège;Catégorie\r\n");
    for i in 0..ROWS {
        if i % 50 == 0 {
            let p = &known[i / 50 % known.len()];
            text += &format!("Mme;{};{};;;{};élus;\r\n", p.first_name, p.last_name, p.email);
        } else {
            let college = ["Élus", "experts", "Société civile"][i % 3];
            text += &format!(
                "M.;Jérôme{i};Kœnig-Müller;Riedisheim;Association n° {};j{i}@exemple.fr;{college};\r\n",
                i % 40
            );
        }
    }
    encoding_rs::WINDOWS_1252.encode(&text).0.into_owned()
}

fn main() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let today = ateliers::clock::today();

    let db = dir.path().join("grande.sqlite3");
    let start = Instant::now();
    let mut store = Store::open(&db).expect("base");
    store.load_large_demo(today, PEOPLE, 0).expect("large demo");
    let generate_ms = start.elapsed().as_secs_f64() * 1000.0;
    drop(store);

    let file = dir.path().join("membres.csv");
    let mut import_ms = Vec::new();
    let mut preview_ms = Vec::new();
    for run in 0..5 {
        // A fresh copy of the large base each run, so every run imports 4,900 new people.
        let copy = dir.path().join(format!("import-{run}.sqlite3"));
        Store::open(&db).and_then(|s| s.backup_to(&copy)).expect("copy");
        let mut store = Store::open(&copy).expect("copy opens");
        std::fs::write(&file, sheet(&store)).expect("sheet");
        let atelier = store.list_ateliers().expect("ateliers")[0].id;
        let start = Instant::now();
        let preview = store.preview_import(atelier, &file).expect("preview");
        preview_ms.push(start.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(preview.invalid_count, 0);
        let start = Instant::now();
        let outcome = store.import_members(atelier, &file, today, false).expect("import");
        import_ms.push(start.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(outcome.imported + outcome.matched, ROWS);
    }

    let store = Store::open(&db).expect("base");
    let people = store.search_people("", true, PeopleSort::Name, 1).expect("count").total;
    let mut search = Vec::new();
    for query in ["h", "he", "hel", "hele", "helene", "helene m", "mulhouse", "oehler", "zz"] {
        search.push(time(21, || store.search_people(query, false, PeopleSort::Name, 200).expect("search")));
    }
    let search_worst = search.iter().copied().fold(0.0, f64::max);
    let compositions = time(51, || store.compositions(today).expect("compositions"));
    let list = time(51, || store.list_ateliers().expect("list"));

    println!("| measure | median | goal |");
    println!("|---|---|---|");
    println!("| generate the demo base with {people} people (`demo --people {PEOPLE}`) | {generate_ms:.0} ms | — |");
    println!("| preview of {ROWS} spreadsheet rows | {:.0} ms | — |", median(preview_ms));
    println!(
        "| import of {ROWS} spreadsheet rows (one transaction) | {:.0} ms | < 1 000 ms |",
        median(import_ms)
    );
    println!("| directory search on {people} people, slowest of 9 queries | {search_worst:.2} ms | (core share of < 50 ms) |");
    println!("| composition of every atelier | {compositions:.2} ms | < 20 ms |");
    println!("| whole list of ateliers (with compositions) | {list:.2} ms | — |");
}
