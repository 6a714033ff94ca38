//! The directory's search in the real window, on a base of 20,000 people (the generator of
//! `ateliers demo --people 20000`): from the keystroke (an `input` event on the search field)
//! to the rows of the answer painted (the table changed, then the frame that shows it), and
//! the search command's round trip alone (IPC + core) for comparison.
//!
//! Run with `scripts/bench.sh` (release build, virtual display). Each query is typed
//! letter by letter as a user would, after the previous answer was shown; the figure per
//! query is the median over 5 rounds, and the table lists the last keystroke of each.

use std::path::{Path, PathBuf};

use ateliers::store::Store;
use ateliers_testkit::webdriver::Driver;
use serde_json::json;

const PEOPLE: usize = 20_000;
const ROUNDS: usize = 5;
const QUERIES: [&str; 5] = ["helene", "mulhouse", "oehler", "conseil dev", "zzz"];

/// Types `text` into the search field one letter at a time; returns the milliseconds from
/// each keystroke to its answer painted.
const TYPE_AND_TIME: &str = "
const [text, done] = [arguments[0], arguments[arguments.length - 1]];
const input = document.getElementById('people-search');
const table = document.getElementById('people-table');
const times = [];
const built = [];
input.value = '';
const step = (i) => {
  if (i > text.length) { done([times, built]); return; }
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    built.push(performance.now() - start);
    observer.disconnect();
    // The frame that shows the change: its animation callbacks run, then it is painted
    // before the next task.
    requestAnimationFrame(() => setTimeout(() => {
      times.push(performance.now() - start);
      setTimeout(() => step(i + 1), 50);
    }, 0));
  };
  const observer = new MutationObserver(finish);
  // An answer that changes nothing on screen still counts, after at most 3 s.
  setTimeout(finish, 3000);
  observer.observe(table.parentElement, { childList: true, subtree: true, characterData: true });
  input.value = text.slice(0, i);
  const start = performance.now();
  input.dispatchEvent(new Event('input', { bubbles: true }));
};
step(1);";

/// The round trip of the search command alone, from the page (IPC + core), for `text`.
const ROUND_TRIP: &str = "
const [text, done] = [arguments[0], arguments[arguments.length - 1]];
const start = performance.now();
window.__TAURI__.core.invoke('search_people', { query: text, includeArchived: false, sort: 'name' })
  .then((page) => done([performance.now() - start, page.rows.length]));";

fn main() {
    let app = PathBuf::from(env!("CARGO_BIN_EXE_ateliers-desktop"));
    let data = tempfile::tempdir().expect("temporary folder");
    let db = data.path().join("ateliers.sqlite3");
    Store::open(&db)
        .and_then(|mut s| s.load_large_demo(ateliers::clock::today(), PEOPLE, 0))
        .expect("large base");

    let driver = Driver::start(&[("XDG_DATA_HOME", data.path()), ("ATELIERS_DB", db.as_path())]);
    let session = driver.session(Path::new(&app));
    session.set_window_size(1366, 768);
    // The first screen (the dashboard) shown, then the directory.
    session.wait_until("document.querySelector('#contenu h1') && !document.getElementById('contenu').hasAttribute('aria-busy')", 60);
    session.execute("location.hash = '#/annuaire';", json!([]));
    session.wait_until("document.querySelector('#people-table tbody tr')", 60);

    let mut per_query: Vec<(String, Vec<f64>)> =
        QUERIES.iter().map(|q| (q.to_string(), Vec::new())).collect();
    let mut every = Vec::new();
    let mut dom_times: Vec<Vec<f64>> = vec![Vec::new(); QUERIES.len()];
    let mut round_trips: Vec<(String, Vec<f64>, u64)> = Vec::new();
    for query in QUERIES {
        let mut samples = Vec::new();
        let mut rows = 0;
        for _ in 0..ROUNDS {
            let answer = session.execute_async(ROUND_TRIP, json!([query]));
            samples.push(answer[0].as_f64().expect("milliseconds"));
            rows = answer[1].as_u64().unwrap_or(0);
        }
        round_trips.push((query.to_string(), samples, rows));
    }
    for _ in 0..ROUNDS {
        for ((query, samples), dom) in per_query.iter_mut().zip(&mut dom_times) {
            let (times, built): (Vec<f64>, Vec<f64>) =
                serde_json::from_value(session.execute_async(TYPE_AND_TIME, json!([query]))).expect("times");
            samples.push(*times.last().expect("one keystroke at least"));
            dom.push(*built.last().expect("one keystroke at least"));
            every.extend(times);
        }
    }
    session.close();

    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    println!(
        "| search typed in the directory ({PEOPLE} people) | rows shown | keystroke → rows painted | keystroke → rows in the page | the command's round trip alone |"
    );
    println!("|---|---|---|---|---|");
    for (((query, samples), (_, trips, rows)), dom) in per_query.into_iter().zip(round_trips).zip(dom_times) {
        println!(
            "| « {query} » | {rows} | {:.0} ms | {:.0} ms | {:.0} ms |",
            median(samples),
            median(dom),
            median(trips)
        );
    }
    let count = every.len();
    let worst = every.iter().copied().fold(0.0, f64::max);
    println!("| every keystroke ({count}) | | median {:.0} ms, slowest {worst:.0} ms | | |", median(every));
}
