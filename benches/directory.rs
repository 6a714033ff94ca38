//! The directory's search in the real window, on a base of 20,000 people (the generator of
//! `ateliers demo --people 20000`): from the keystroke (an `input` event on the search field)
//! to the rows of the answer painted (the table changed, then the next animation frame).
//!
//! Run with `scripts/bench.sh` (release build, virtual display). Each query is typed
//! letter by letter as a user would, after the previous answer was shown; the figure per
//! query is the median over 5 rounds, and the table lists the last keystroke of each.

#[allow(dead_code)]
#[path = "../tests/support/webdriver.rs"]
mod webdriver;

use std::path::{Path, PathBuf};

use ateliers::store::Store;
use serde_json::json;
use webdriver::Driver;

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
input.value = '';
const step = (i) => {
  if (i > text.length) { done(times); return; }
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    observer.disconnect();
    requestAnimationFrame(() => requestAnimationFrame(() => {
      times.push(performance.now() - start);
      setTimeout(() => step(i + 1), 50);
    }));
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

fn main() {
    let app = PathBuf::from(env!("CARGO_BIN_EXE_ateliers-desktop"));
    let data = tempfile::tempdir().expect("temporary folder");
    let db = data.path().join("ateliers.sqlite3");
    Store::open(&db)
        .and_then(|mut s| s.load_large_demo(ateliers::model::date::today(), PEOPLE))
        .expect("large base");

    let driver = Driver::start(&[("XDG_DATA_HOME", data.path()), ("ATELIERS_DB", db.as_path())]);
    let session = driver.session(Path::new(&app));
    session.set_window_size(1366, 768);
    session.wait_until("document.querySelector('#ateliers-table tr[data-code]')", 60);
    session.execute("location.hash = '#/annuaire';", json!([]));
    session.wait_until("document.querySelector('#people-table tbody tr')", 60);

    let mut per_query: Vec<(String, Vec<f64>)> =
        QUERIES.iter().map(|q| (q.to_string(), Vec::new())).collect();
    let mut every = Vec::new();
    for _ in 0..ROUNDS {
        for (query, samples) in &mut per_query {
            let times: Vec<f64> =
                serde_json::from_value(session.execute_async(TYPE_AND_TIME, json!([query]))).expect("times");
            samples.push(*times.last().expect("one keystroke at least"));
            every.extend(times);
        }
    }
    session.close();

    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    println!(
        "| search typed in the directory ({PEOPLE} people) | keystroke → rows painted (median of {ROUNDS}) |"
    );
    println!("|---|---|");
    for (query, samples) in per_query {
        println!("| « {query} » | {:.0} ms |", median(samples));
    }
    let count = every.len();
    let worst = every.iter().copied().fold(0.0, f64::max);
    println!("| every keystroke ({count}) | median {:.0} ms, slowest {worst:.0} ms |", median(every));
}
