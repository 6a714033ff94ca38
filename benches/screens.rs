//! The screens of the secretary's weekly work, rendered in the real window on the large
//! base of issue 10 (`ateliers demo --people 20000 --meetings 10000`): from the navigation
//! (a new `location.hash`) to the screen painted with its data — the shell removes
//! `aria-busy` from `<main>` once the screen is mounted, then the frame that shows it.
//! For the dashboard, also to its last section (the attendance alerts, asked apart).
//!
//! Run with `scripts/bench.sh` (release build, virtual display). Each figure is the median
//! of 7 navigations, each from the settings screen.

use std::path::{Path, PathBuf};

use ateliers::store::Store;
use ateliers_testkit::webdriver::Driver;
use serde_json::json;

const PEOPLE: usize = 20_000;
const MEETINGS: usize = 10_000;
const ROUNDS: usize = 7;

/// Shown with its data: the shell has mounted the screen.
const READY: &str =
    "document.querySelector('#contenu h1') && !document.getElementById('contenu').hasAttribute('aria-busy')";

/// Navigates to `arguments[0]`, then answers the milliseconds until the screen is mounted
/// (and, when `arguments[1]` names one, until an element matches that selector) and the
/// next frame is painted. (The page's CSP forbids evaluating strings: no `new Function`.)
const NAVIGATE_AND_TIME: &str = "
const [hash, extra, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
const main = document.getElementById('contenu');
const ready = () => document.querySelector('#contenu h1') && !main.hasAttribute('aria-busy')
  && (!extra || document.querySelector(extra));
const start = performance.now();
location.hash = hash;
const poll = () => {
  if (location.hash === hash && ready()) {
    requestAnimationFrame(() => setTimeout(() => done(performance.now() - start), 0));
  } else if (performance.now() - start > 30000) {
    done(-1);
  } else {
    setTimeout(poll, 1);
  }
};
setTimeout(poll, 0);";

fn main() {
    let app = PathBuf::from(env!("CARGO_BIN_EXE_ateliers-desktop"));
    let data = tempfile::tempdir().expect("temporary folder");
    let db = data.path().join("ateliers.sqlite3");
    let busy = {
        let mut store = Store::open(&db).expect("base");
        store.load_large_demo(ateliers::clock::today(), PEOPLE, MEETINGS).expect("large base");
        store
            .list_ateliers()
            .expect("ateliers")
            .into_iter()
            .find(|a| a.code == "CHARGE-001")
            .expect("load atelier")
            .id
    };
    let driver = Driver::start(&[("XDG_DATA_HOME", data.path()), ("ATELIERS_DB", db.as_path())]);
    let session = driver.session(Path::new(&app));
    session.set_window_size(1366, 768);
    session.wait_until(READY, 120);

    let none = serde_json::Value::Null;
    let screens: Vec<(String, String, serde_json::Value)> = vec![
        ("tableau de bord (premier affichage)".into(), "#/tableau-de-bord".into(), none.clone()),
        (
            "tableau de bord (avec les alertes d'assiduité)".into(),
            "#/tableau-de-bord".into(),
            json!("#tableau-assiduite:not([aria-busy])"),
        ),
        ("calendrier, vue du mois".into(), "#/calendrier".into(), none.clone()),
        ("réunions d'un atelier (50 réunions)".into(), format!("#/ateliers/{busy}/reunions"), none.clone()),
    ];
    println!("| écran ({MEETINGS} réunions, {PEOPLE} personnes) | navigation → écran peint (médiane de {ROUNDS}) | le plus lent |");
    println!("|---|---|---|");
    for (name, hash, extra) in screens {
        let mut samples = Vec::new();
        for _ in 0..ROUNDS {
            let away = session.execute_async(NAVIGATE_AND_TIME, json!(["#/parametres", none]));
            assert!(away.as_f64().unwrap_or(-1.0) >= 0.0, "the settings screen never showed");
            let ms = session.execute_async(NAVIGATE_AND_TIME, json!([hash, extra])).as_f64().unwrap_or(-1.0);
            assert!(ms >= 0.0, "{name} never showed");
            samples.push(ms);
        }
        samples.sort_by(f64::total_cmp);
        println!("| {name} | {:.0} ms | {:.0} ms |", samples[ROUNDS / 2], samples[ROUNDS - 1]);
    }
    session.close();
}
