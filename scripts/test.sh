#!/usr/bin/env bash
# Sets up what the tests need on Debian/Ubuntu and runs every test: the core (store,
# migrations, rules, demo data), the CLI as a process, the commands without a webview, and
# the application in a real window under Xvfb (WebDriver + axe-core), the core and the
# Windows installer under Wine, and the Debian package installed with apt and started under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
# A fresh clone gains nothing from incremental compilation, and its files take a gigabyte.
export CARGO_INCREMENTAL=0
echo "Espace libre pour la compilation : $(df -h --output=avail . | tail -1 | tr -d ' ')" >&2

scripts/install-system-deps.sh --tests
# The independent readers of our outputs (Python icalendar, vobject, caldav, ical.js,
# libical) and the Radicale CalDAV server the tests start on 127.0.0.1.
scripts/checkers.sh

if ! command -v cargo >/dev/null; then
  echo "Rust (cargo) est introuvable : installez-le avec rustup (https://rustup.rs)." >&2
  exit 1
fi
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
if ! tauri-driver --help >/dev/null 2>&1; then
  echo "Installation de tauri-driver (pilote WebDriver de Tauri)…" >&2
  cargo install tauri-driver --version '^2' --locked
fi

# One build for everything, then the tests that need no window.
cargo build --workspace --all-targets
cargo test --workspace
# The window's pure helpers (ui/js), by Node.js without a window.
node --test tests/ui/*.test.mjs
# The core and its CLI as Windows programs, under Wine (issue 23), then the Windows
# installer of the development build: installed under Wine, its CLI used, uninstalled.
scripts/test-windows.sh
scripts/test-package-windows.sh --debug

# The real window: a 1366 × 768 virtual screen, one test at a time. Screenshots of every
# screen go to target/screenshots/. Every tests/window*.rs is run, found here (sorted) rather
# than listed, so a new window test file cannot be left out.
window_tests=()
while IFS= read -r file; do
  window_tests+=(--test "$(basename "$file" .rs)")
done < <(printf '%s\n' tests/window*.rs | LC_ALL=C sort)
xvfb-run -a -s "-screen 0 1366x768x24" \
  cargo test "${window_tests[@]}" -- --ignored --test-threads=1

# The package (issue 13): built from this development build, installed with apt, its window
# seen under Xvfb on a base of the previous schema, then removed. Root or sudo is needed.
scripts/test-package.sh --debug
