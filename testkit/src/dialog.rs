//! Drives the system's file dialog (GTK) for real, as a user would: the real-window tests
//! run under Xvfb (no window manager), where `xdotool` finds the dialog by its title, gives
//! it the keyboard focus, opens the location bar (Ctrl+L), types the path and presses Enter.
//! The application has no test hook for its dialogs.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// How long the dialog may take to appear.
const APPEAR_SECONDS: u64 = 20;
/// How long the dialog may take to close once the path is confirmed.
const CLOSE_SECONDS: u64 = 5;
/// Attempts at typing the path before giving up.
const ATTEMPTS: usize = 3;

/// Runs `xdotool` with `args`, killed after a few seconds if it hangs.
fn xdotool(args: &[&str]) -> Output {
    let mut command = Command::new("timeout");
    command.arg("10").arg("xdotool").args(args).stdin(Stdio::null());
    command.output().unwrap_or_else(|e| panic!("xdotool ne démarre pas ({e}) : installez le paquet xdotool"))
}

/// The visible windows whose title matches `title` exactly, newest last.
fn windows_named(title: &str) -> Vec<String> {
    let pattern = format!("^{}$", regex_escape(title));
    let out = xdotool(&["search", "--onlyvisible", "--name", &pattern]);
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

fn regex_escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\.^$|?*+()[]{}".contains(c) {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

fn wait_for_window(title: &str, seconds: u64) -> Option<String> {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    loop {
        if let Some(id) = windows_named(title).pop() {
            return Some(id);
        }
        if Instant::now() >= deadline {
            return None;
        }
        sleep(Duration::from_millis(100));
    }
}

fn wait_for_close(window: &str, title: &str, seconds: u64) -> bool {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    while Instant::now() < deadline {
        if !windows_named(title).iter().any(|id| id == window) {
            return true;
        }
        sleep(Duration::from_millis(100));
    }
    false
}

/// Chooses `path` in the file dialog titled `title` (open or save), which the application
/// has just opened; panics with what was seen if the dialog does not appear or close.
pub fn choose_in_dialog(title: &str, path: &Path) {
    let Some(window) = wait_for_window(title, APPEAR_SECONDS) else {
        let all = xdotool(&["search", "--onlyvisible", "--name", "."]);
        let names: Vec<String> = String::from_utf8_lossy(&all.stdout)
            .lines()
            .map(|id| {
                let name = xdotool(&["getwindowname", id.trim()]);
                String::from_utf8_lossy(&name.stdout).trim().to_string()
            })
            .collect();
        panic!("no file dialog « {title} » after {APPEAR_SECONDS} s; visible windows: {names:?}");
    };
    let text = path.to_str().expect("a UTF-8 path");
    for attempt in 1..=ATTEMPTS {
        // Without a window manager, focus is given directly (XSetInputFocus).
        xdotool(&["windowfocus", "--sync", &window]);
        sleep(Duration::from_millis(300));
        // Ctrl+L opens the location bar of an open dialog; Ctrl+A then selects what it
        // holds (or the name of a save dialog), which the typed path replaces.
        xdotool(&["key", "--clearmodifiers", "ctrl+l"]);
        sleep(Duration::from_millis(300));
        xdotool(&["key", "--clearmodifiers", "ctrl+a"]);
        xdotool(&["type", "--clearmodifiers", "--delay", "20", text]);
        sleep(Duration::from_millis(300));
        xdotool(&["key", "--clearmodifiers", "Return"]);
        if wait_for_close(&window, title, CLOSE_SECONDS) {
            return;
        }
        // A completion pop-up may have taken the Enter: type the path again.
        eprintln!("the file dialog « {title} » is still open after attempt {attempt}; trying again");
    }
    panic!("the file dialog « {title} » did not accept « {text} » after {ATTEMPTS} attempts");
}
