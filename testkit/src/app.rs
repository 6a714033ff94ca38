//! What the real-window tests share: a temporary data folder and the application launched
//! on it, screenshots, axe-core, layout checks, and small helpers to type and wait.
//!
//! Only the desktop package's own tests know where Cargo built the application and its
//! temporary folder, so each window test file names them once:
//!
//! ```ignore
//! const DESKTOP: Desktop = Desktop {
//!     binary: env!("CARGO_BIN_EXE_ateliers-desktop"),
//!     target_tmp: env!("CARGO_TARGET_TMPDIR"),
//! };
//! let app = App::new(DESKTOP);
//! ```
//!
//! What needs the core's types (the demonstration data, an atelier's id, today as the core
//! counts it) stays in the test files: this crate does not depend on `ateliers`.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

pub use crate::webdriver::{Driver, Session};

/// The Tab key, for [`Session::press_key`].
pub const TAB: &str = "\u{E004}";

/// The desktop application as Cargo built it for the calling package's tests (only they
/// know where): `const DESKTOP: Desktop = ateliers_testkit::desktop!();`.
#[macro_export]
macro_rules! desktop {
    () => {
        $crate::app::Desktop {
            binary: env!("CARGO_BIN_EXE_ateliers-desktop"),
            target_tmp: env!("CARGO_TARGET_TMPDIR"),
        }
    };
}

/// The desktop application as Cargo built it for the calling test file.
#[derive(Clone, Copy, Debug)]
pub struct Desktop {
    /// The application's binary: `env!("CARGO_BIN_EXE_ateliers-desktop")`.
    pub binary: &'static str,
    /// The test's temporary target folder: `env!("CARGO_TARGET_TMPDIR")`. Screenshots go to
    /// `screenshots/` beside it.
    pub target_tmp: &'static str,
}

impl Desktop {
    /// Where [`screenshot`] writes: `target/screenshots/`.
    pub fn screenshots(&self) -> PathBuf {
        Path::new(self.target_tmp).join("../screenshots")
    }
}

/// A temporary data folder, and the application launched on it.
pub struct App {
    /// The data folder (`XDG_DATA_HOME`), removed when dropped.
    pub data: tempfile::TempDir,
    /// The `tauri-driver` the windows are opened through.
    pub driver: Driver,
    /// The application launched.
    pub desktop: Desktop,
}

impl App {
    /// A new empty data folder, and a driver ready to launch `desktop` on it.
    pub fn new(desktop: Desktop) -> App {
        App::with_env(desktop, &[])
    }

    /// Like [`App::new`], with `env` added to the environment the application inherits (a
    /// `PATH` whose first folder holds a stand-in for a system program, for instance).
    pub fn with_env(desktop: Desktop, env: &[(&str, &Path)]) -> App {
        let data = tempfile::tempdir().expect("temporary folder");
        let db = data.path().join("ateliers.sqlite3");
        let mut all = vec![("XDG_DATA_HOME", data.path()), ("ATELIERS_DB", db.as_path())];
        all.extend_from_slice(env);
        let driver = Driver::start(&all);
        App { data, driver, desktop }
    }

    /// The base the application opens (`ATELIERS_DB`), to fill before launching.
    pub fn database(&self) -> PathBuf {
        self.data.path().join("ateliers.sqlite3")
    }

    /// Launches the window at laptop size and waits for its first screen.
    pub fn launch(&self) -> Session {
        self.launch_at(1366, 768)
    }

    /// Launches the window at `width` × `height` (1280 × 720 is the window's default size)
    /// and waits for its first screen.
    pub fn launch_at(&self, width: u32, height: u32) -> Session {
        let mut session = self.driver.session(Path::new(self.desktop.binary));
        session.set_screenshot_folder(&self.desktop.screenshots());
        session.set_window_size(width, height);
        session.wait_until("document.querySelector('main h1')", 30);
        session
    }
}

/// Waits until the screen is drawn: its heading shown, nothing loading.
pub fn wait_loaded(session: &Session) {
    session.wait_until(
        "document.querySelector('main').getAttribute('aria-busy') === null && document.querySelector('main h1')",
        20,
    );
}

/// Waits until the window is at `hash` and its screen is drawn.
pub fn settle(session: &Session, hash: &str) {
    session.wait_until(&format!("location.hash === {}", json!(hash)), 10);
    wait_loaded(session);
}

/// Goes to `hash` as a link would, and waits for the screen.
pub fn go(session: &Session, hash: &str) {
    session.execute("location.hash = arguments[0];", json!([hash]));
    settle(session, hash);
}

/// The screen's heading.
pub fn heading(session: &Session) -> String {
    session.find("main h1").map(|h| h.text()).unwrap_or_default()
}

/// Attribute `name` of the element `css`, which must exist.
pub fn attribute(session: &Session, css: &str, name: &str) -> Option<String> {
    session.find(css).unwrap_or_else(|| panic!("no « {css} »")).attribute(name)
}

/// Saves a screenshot of the window as `target/screenshots/<name>.png` (the folder of
/// [`Desktop::screenshots`]), once the page has painted (two animation frames after the last change).
pub fn screenshot(session: &Session, name: &str) {
    session.execute_async(
        "const done = arguments[arguments.length - 1];
         requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
        json!([]),
    );
    let dir = session.screenshot_folder().expect("a window launched by App::launch");
    session.screenshot(&dir.join(format!("{name}.png")));
}

/// Runs axe-core on the current screen and fails with the list of violations.
pub fn assert_accessible(session: &Session, screen: &str) {
    let axe = std::fs::read_to_string(crate::repo().join("tests/vendor/axe-core/axe.min.js"))
        .expect("vendored axe-core");
    if session.execute("return typeof window.axe;", json!([])) != json!("object") {
        session.execute(&axe, json!([]));
    }
    let result = session.execute_async(
        "const done = arguments[arguments.length - 1];
         axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
            .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + ') : ' + v.help + ' → '
                 + v.nodes.map(n => n.target.join(' ')).join(', '))))
            .catch(e => done(['axe a échoué : ' + e]));",
        json!([]),
    );
    let violations: Vec<String> = serde_json::from_value(result).expect("a list of violations");
    assert!(violations.is_empty(), "accessibility violations on « {screen} »:\n{}", violations.join("\n"));
}

/// Layout checks of the window: no horizontal scrolling of the page nor of any table.
pub fn assert_fits_laptop_screen(session: &Session, screen: &str) {
    let overflow = session.execute(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;",
        json!([]),
    );
    assert!(overflow.as_i64().unwrap_or(1) <= 0, "« {screen} » scrolls sideways by {overflow} px");
    let cut = session.execute(
        "return [...document.querySelectorAll('main table, main form, main section')]
                  .filter(el => el.scrollWidth > el.clientWidth + 1)
                  .map(el => (el.id || el.tagName) + ' ' + (el.scrollWidth - el.clientWidth) + ' px');",
        json!([]),
    );
    assert_eq!(cut, json!([]), "« {screen} » has content cut on the right");
}

/// Waits for the live region to announce something containing `part`, and returns it.
pub fn announced(session: &Session, part: &str) -> String {
    let condition = format!("document.getElementById('status').textContent.includes({})", json!(part));
    session.wait_until(&condition, 10);
    session.find("#status").map(|s| s.text()).unwrap_or_default()
}

/// Empties the field `css` (waited for) and types `text` into it.
pub fn type_into(session: &Session, css: &str, text: &str) {
    let field = session.wait_for(css, 10);
    field.clear();
    field.send_keys(text);
}

/// Answers the first start with « start empty » and waits for the empty list of ateliers.
pub fn start_empty(session: &Session) {
    session.wait_for("#start-empty", 20).click();
    session.wait_for("#new-atelier", 20);
}

/// Opens the form of a new atelier from the list of ateliers.
pub fn open_new_atelier_form(session: &Session) {
    session.wait_for("#new-atelier", 10).click();
    session.wait_for("#atelier-form #code", 20);
}

/// The error message shown beside field `id`, through its `aria-describedby`.
pub fn error_beside(session: &Session, id: &str) -> String {
    let text: Value = session.execute(
        "const el = document.getElementById(arguments[0]);
         const ids = (el.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean);
         return ids.map(i => document.getElementById(i)).filter(n => n && n.id.startsWith('error-'))
                   .map(n => n.textContent.trim()).join(' | ');",
        json!([id]),
    );
    text.as_str().unwrap_or_default().to_string()
}

/// Text with its no-break spaces made ordinary, to compare with sentences typed here.
pub fn plain(text: &str) -> String {
    text.replace('\u{a0}', " ")
}

/// The whole page's text, no-break spaces made ordinary.
pub fn page_text(session: &Session) -> String {
    plain(&session.page_text())
}

/// The text of the first element matching `css`, no-break spaces made ordinary.
pub fn text_of(session: &Session, css: &str) -> String {
    plain(&session.find(css).unwrap_or_else(|| panic!("no « {css} » on the page")).text())
}

/// Waits until the live region says something containing `part` (no-break spaces aside),
/// and returns what it says.
pub fn said(session: &Session, part: &str) -> String {
    let condition = format!(
        "document.getElementById('status').textContent.replace(/\\u00a0/g, ' ').includes({})",
        json!(part)
    );
    session.wait_until(&condition, 15);
    plain(&session.find("#status").map(|s| s.text()).unwrap_or_default())
}

/// Scrolls the first element matching `css` near the top of the content (for screenshots).
pub fn scroll_to(session: &Session, css: &str) {
    session.execute(
        "const main = document.getElementById('contenu');
         const target = document.querySelector(arguments[0]);
         main.scrollTop += target.getBoundingClientRect().top - main.getBoundingClientRect().top - 40;",
        json!([css]),
    );
}
