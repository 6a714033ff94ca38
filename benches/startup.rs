//! Start-up time and idle memory of the application, side by side with a bare Tauri window
//! showing an empty page (`examples/bare_window.rs`), in the same run.
//!
//! Run with `scripts/bench.sh` (it builds the example and provides a display). Figures go to
//! stdout as a Markdown table; `BENCHMARKS.md` records them.
//!
//! - Start-up: from the WebDriver request that launches the process to the first screen
//!   shown with its data (the dashboard), on the demonstration base and on the large base of
//!   issue 10, polled every 10 ms; for the bare window, to its empty page being loaded. Both include the same
//!   WebDriver overhead, so the ratio is the meaningful figure.
//! - Memory: proportional set size (PSS, `/proc/PID/smaps_rollup`) of the whole process tree
//!   (application + WebKit processes), 3 s after the first screen, idle.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ateliers::store::Store;
use ateliers_testkit::webdriver::Driver;
use serde_json::json;

const RUNS: usize = 5;
const PEOPLE: usize = 20_000;
const MEETINGS: usize = 10_000;

/// The first screen (the dashboard) mounted with its data: the shell removes `aria-busy`.
const FIRST_SCREEN: &str =
    "document.querySelector('#contenu h1') && !document.getElementById('contenu').hasAttribute('aria-busy')";

struct Sample {
    start_ms: f64,
    pss_mb: f64,
}

fn main() {
    let app = PathBuf::from(env!("CARGO_BIN_EXE_ateliers-desktop"));
    let bare = app.parent().expect("target folder").join("examples/bare-window");
    assert!(bare.is_file(), "build the baseline first: cargo build --release --example bare-window");

    let today = ateliers::clock::today();
    println!("| base | mesure (médiane de {RUNS}) | Ateliers | fenêtre nue | rapport |");
    println!("|---|---|---|---|---|");
    let bases: [(&str, usize, usize); 2] =
        [("démonstration", 0, 0), ("grande (20 000 personnes, 10 000 réunions)", PEOPLE, MEETINGS)];
    for (name, people, meetings) in bases {
        let data = tempfile::tempdir().expect("temporary folder");
        let db = data.path().join("ateliers.sqlite3");
        Store::open(&db).and_then(|mut s| s.load_large_demo(today, people, meetings)).expect("base");
        let mut app_samples = Vec::new();
        let mut bare_samples = Vec::new();
        for _ in 0..RUNS {
            app_samples.push(measure(&app, data.path(), &db, FIRST_SCREEN));
            bare_samples.push(measure(&bare, data.path(), &db, "document.readyState === 'complete'"));
        }
        let (app_start, app_pss) = medians(&app_samples);
        let (bare_start, bare_pss) = medians(&bare_samples);
        println!(
            "| {name} | démarrage → premier écran avec ses données | {app_start:.0} ms | {bare_start:.0} ms | {:.2} |",
            app_start / bare_start
        );
        println!(
            "| {name} | mémoire PSS au repos (application + WebKit) | {app_pss:.0} Mo | {bare_pss:.0} Mo | {:.2} |",
            app_pss / bare_pss
        );
    }
}

fn measure(binary: &Path, data: &Path, db: &Path, ready: &str) -> Sample {
    let driver = Driver::start(&[("XDG_DATA_HOME", data), ("ATELIERS_DB", db)]);
    let started = Instant::now();
    let session = driver.session(binary);
    let script = format!("return Boolean({ready});");
    while session.execute(&script, json!([])) != json!(true) {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "{} never showed its first screen",
            binary.display()
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    let start_ms = started.elapsed().as_secs_f64() * 1000.0;
    std::thread::sleep(Duration::from_secs(3));
    // The application and WebKit's helpers; the drivers themselves are left out.
    let pss_kb: u64 = driver
        .descendants()
        .iter()
        .filter(|(_, name)| name != "WebKitWebDriver")
        .map(|(pid, _)| pss_kb(*pid))
        .sum();
    let pss_mb = pss_kb as f64 / 1024.0;
    session.close();
    Sample { start_ms, pss_mb }
}

fn medians(samples: &[Sample]) -> (f64, f64) {
    let median = |mut v: Vec<f64>| {
        v.sort_by(|a, b| a.total_cmp(b));
        v[v.len() / 2]
    };
    (median(samples.iter().map(|s| s.start_ms).collect()), median(samples.iter().map(|s| s.pss_mb).collect()))
}

fn pss_kb(pid: u32) -> u64 {
    let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).unwrap_or_default();
    rollup
        .lines()
        .find_map(|l| l.strip_prefix("Pss:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}
