//! The window tests' helpers that need the core: a data folder holding the demonstration
//! base, an atelier's id, and days counted from the core's « today » (in the settings' time
//! zone), as the forms type them.

use ateliers::model::date::Date;
use ateliers::store::Store;
use ateliers_testkit::app::{App, Desktop};

/// A data folder whose base holds the demonstration data (so there is no first start).
pub fn demo_app(desktop: Desktop) -> App {
    let app = App::new(desktop);
    let mut store = Store::open(app.database()).expect("the base opens");
    store.load_demo(ateliers::clock::today()).expect("the demonstration data load");
    app
}

/// The id of the atelier `code` in the base of `app`.
pub fn atelier_id(app: &App, code: &str) -> i64 {
    let store = Store::open(app.database()).expect("the base opens");
    store.list_ateliers().expect("the ateliers").into_iter().find(|a| a.code == code).expect("the atelier").id
}

/// Today, `days` later (or earlier when negative).
pub fn day_from_today(days: i64) -> Date {
    let mut day = ateliers::clock::today();
    for _ in 0..days.abs() {
        day = if days > 0 { day.succ_opt() } else { day.pred_opt() }.expect("a date");
    }
    day
}

/// Today, `days` later (or earlier when negative), as typed in the forms (jj/mm/aaaa).
pub fn typed_day(days: i64) -> String {
    day_from_today(days).format("%d/%m/%Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_counted_from_today_both_ways_and_typed_the_french_way() {
        let today = ateliers::clock::today();
        assert_eq!(day_from_today(0), today);
        assert_eq!(day_from_today(1).pred_opt(), Some(today));
        assert_eq!(day_from_today(-1).succ_opt(), Some(today));
        assert_eq!(typed_day(0), today.format("%d/%m/%Y").to_string());
    }
}
