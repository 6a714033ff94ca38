//! The meetings' figures of BENCHMARKS.md, on the large base of issue 10 (the generator of
//! `ateliers demo --people 20000 --meetings 10000`: 10,000 meetings, about 200,000
//! attendance rows, 20,000 people):
//!
//! - `check` (every rule, as `ateliers check` runs it; goal < 1 s) and the dashboard's share
//!   (`attention`, without the compositions);
//! - what the screens ask for: an atelier's meetings, a month of the calendar, the upcoming
//!   meetings, the conflicts of a meeting being planned, a meeting's convocations and
//!   attendance, an atelier's assiduité;
//! - a series of 24 meetings (issue 22; goal < 200 ms): its preview (every date checked and
//!   its conflicts found, in a transaction rolled back) and its planning (written; `force`,
//!   so that a run is not refused by the previous one's meetings — the conflicts are found
//!   all the same).
//!
//! Run: `cargo bench -p ateliers --bench meetings` (release profile). Each figure is the
//! median of several runs; wall-clock times on this machine.

use std::time::Instant;

use ateliers::model::meeting::MeetingInput;
use ateliers::store::Store;
use ateliers_testkit::timing::time;
use chrono::{Datelike, Duration};

const PEOPLE: usize = 20_000;
const MEETINGS: usize = 10_000;

fn main() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let today = ateliers::clock::today();
    let db = dir.path().join("grande.sqlite3");
    let start = Instant::now();
    let mut store = Store::open(&db).expect("base");
    let summary = store.load_large_demo(today, PEOPLE, MEETINGS).expect("large demo");
    let generate_ms = start.elapsed().as_secs_f64() * 1000.0;
    drop(store);
    let mut store = Store::open(&db).expect("base opens");
    let size_mb = std::fs::metadata(&db).map(|m| m.len() as f64 / 1_048_576.0).unwrap_or(0.0);
    let ateliers = store.list_ateliers().expect("ateliers");
    let busy = ateliers.iter().find(|a| a.code.starts_with("CHARGE")).expect("a load atelier").id;
    let meetings = store.atelier_meetings(busy).expect("meetings");
    let held = meetings.iter().rev().find(|m| m.status.as_str() == "tenue").expect("a held meeting").id;
    let month_start = today.with_day0(0).unwrap_or(today);
    let month_end = month_start + Duration::days(41);
    let planned = MeetingInput {
        atelier_id: busy,
        date: (today + Duration::days(3)).format("%d/%m/%Y").to_string(),
        start_time: "10:00".into(),
        end_time: "12:00".into(),
        place: "Salle 2".into(),
        ..MeetingInput::default()
    };

    println!(
        "Large base: {} meetings, {} people, {size_mb:.0} MB, generated in {generate_ms:.0} ms",
        summary.meetings, summary.people
    );
    println!("| query (release, median) | time |");
    println!("|---|---|");
    let rows: Vec<(&str, f64)> = vec![
        ("check: every rule (as `ateliers check`)", time(7, || store.check(today).expect("check"))),
        ("attention: the dashboard's findings", time(7, || store.attention(today).expect("attention"))),
        (
            "attendance alerts (the dashboard's last section)",
            time(7, || store.attendance_alerts().expect("alerts")),
        ),
        ("upcoming meetings (dashboard)", time(21, || store.upcoming_meetings(8).expect("upcoming"))),
        (
            "a month of the calendar (6 weeks)",
            time(21, || store.meetings_between(month_start, month_end).expect("month")),
        ),
        ("an atelier's meetings", time(21, || store.atelier_meetings(busy).expect("meetings"))),
        (
            "conflicts of a meeting being planned",
            time(21, || store.meeting_conflicts(None, planned.clone()).expect("conflicts")),
        ),
        ("a meeting's convocations", time(21, || store.convocations(held).expect("convocations"))),
        ("a meeting's attendance", time(21, || store.attendance(held).expect("attendance"))),
        ("an atelier's assiduité", time(21, || store.assiduity(Some(busy)).expect("assiduity"))),
        ("every member's assiduité", time(7, || store.assiduity(None).expect("assiduity"))),
    ];
    for (what, ms) in rows {
        println!("| {what} | {ms:.1} ms |");
    }
    // The search over the relevés (issue 22; goal < 50 ms): a theme of one relevé in eight,
    // a word of every relevé, a word of none.
    for (what, text) in [
        ("search over the relevés: « velos » (1 relevé in 8)", "velos"),
        ("search over the relevés: « etat lieux » (every relevé)", "etat lieux"),
        ("search over the relevés: « zzz » (none)", "zzz"),
    ] {
        let ms = time(21, || store.search_releves(text).expect("search"));
        println!("| {what} | {ms:.1} ms |");
    }
    // A series: every 2 weeks from 3 days ahead, 24 meetings.
    let rule = "FREQ=WEEKLY;INTERVAL=2;COUNT=24";
    let preview = time(7, || store.series_preview(planned.clone(), rule).expect("series preview"));
    println!("| a series of 24 meetings: dates and conflicts before saving | {preview:.1} ms |");
    let plan = time(7, || store.create_series(planned.clone(), rule, true).expect("series"));
    println!("| a series of 24 meetings: checked, conflicts found and written | {plan:.1} ms |");
}
