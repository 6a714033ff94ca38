//! The calendars' figures of BENCHMARKS.md (issue 12):
//!
//! - the all-ateliers calendar (METHOD:PUBLISH) of 10,000 meetings, read from the base,
//!   written and saved to a file (goal < 0.2 s in release; the same calendar written by
//!   Python's `icalendar` is timed beside it by `scripts/bench-calendar.sh`);
//! - the invitation of one meeting;
//! - publishing 1,000 meetings to a CalDAV server, the first time and with nothing changed,
//!   when `scripts/bench-calendar.sh` gives a Radicale in `ATELIERS_BENCH_CALDAV_URL`,
//!   `…_USER` and `…_PASSWORD`.
//!
//! Run: `scripts/bench-calendar.sh` (or `cargo bench -p ateliers --bench calendar` for the
//! first two figures). Medians of several runs; wall-clock times on this machine.

use std::time::Instant;

use ateliers::ical::{self, Scope};
use ateliers::store::{CaldavSettings, Store};
use ateliers_testkit::timing::time;

const MEETINGS: usize = 10_000;
const PUBLISHED: usize = 1_000;

fn main() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let today = ateliers::clock::today();
    let db = dir.path().join("grande.sqlite3");
    Store::open(&db).expect("base").load_large_demo(today, 2_000, MEETINGS).expect("large demo");
    let store = Store::open(&db).expect("base opens");
    let active = store.list_meetings().expect("meetings").iter().filter(|m| m.status.is_active()).count();
    let out = dir.path().join("tous.ics");
    let mut size = 0;
    let all_ms = time(9, || {
        let text = ical::calendar(&store, Scope::All).expect("calendar");
        size = text.len();
        ical::write_file(&text, &out).expect("written");
    });
    let meeting =
        store.list_meetings().expect("meetings").into_iter().find(|m| m.status.is_active()).expect("one");
    let invitation_ms = time(9, || ical::invitation(&store, meeting.id).expect("invitation"));
    println!("| calendar (release, median) | time |");
    println!("|---|---|");
    println!(
        "| all ateliers: {MEETINGS} meetings in the base, {active} in the calendar ({:.1} MB), read, written and saved | {all_ms:.0} ms |",
        size as f64 / 1_048_576.0
    );
    println!(
        "| one meeting's invitation ({} attendees) | {invitation_ms:.2} ms |",
        ical::attendees(&store, meeting.id).expect("attendees").len()
    );
    println!("ateliers: {active} events, {all_ms:.0} ms");

    let (Ok(url), Ok(user), Ok(password)) = (
        std::env::var("ATELIERS_BENCH_CALDAV_URL"),
        std::env::var("ATELIERS_BENCH_CALDAV_USER"),
        std::env::var("ATELIERS_BENCH_CALDAV_PASSWORD"),
    ) else {
        println!("(publication: no CalDAV server given, see scripts/bench-calendar.sh)");
        return;
    };
    let small = dir.path().join("publication.sqlite3");
    Store::open(&small).expect("base").load_large_demo(today, 2_000, PUBLISHED).expect("demo");
    let mut store = Store::open(&small).expect("base opens");
    store.save_caldav_settings(CaldavSettings { url, user }).expect("settings");
    for label in ["first publication", "nothing changed"] {
        let start = Instant::now();
        let done =
            ateliers::caldav::publish(&mut store, Some(&password), false, &mut |_, _| {}).expect("published");
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        println!(
            "| publish {PUBLISHED} meetings to Radicale, {label}: {} | {ms:.0} ms |",
            done.summary_line()
        );
    }
}
