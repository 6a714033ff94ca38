#!/usr/bin/env bash
# Reproduces the figures of BENCHMARKS.md: release build, binary size, then start-up time and
# idle memory of the application beside a bare Tauri window, under a virtual display.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-system-deps.sh --tests
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
command -v tauri-driver >/dev/null || cargo install tauri-driver --version '^2' --locked

cargo build --release --bins --example bare-window
echo "Taille du binaire de l'application (release, strippé) :"
ls -l target/release/ateliers-desktop | awk '{printf "%.1f Mo\n", $5 / 1048576}'
echo "Taille de la fenêtre nue (release) :"
ls -l target/release/examples/bare-window | awk '{printf "%.1f Mo\n", $5 / 1048576}'
xvfb-run -a -s "-screen 0 1366x768x24" cargo bench --bench startup
# Members: import of 5,000 rows, search and compositions on 20,000 people (core), then the
# directory's search in the real window.
cargo bench -p ateliers --bench members
xvfb-run -a -s "-screen 0 1366x768x24" cargo bench --bench directory
# Meetings: every rule and the screens' queries on 10,000 meetings (core), then the
# dashboard, the calendar and an atelier's meetings in the real window.
cargo bench -p ateliers --bench meetings
xvfb-run -a -s "-screen 0 1366x768x24" cargo bench --bench screens
# Printed documents: 200 convocations beside LibreOffice converting the same letter.
scripts/bench-pdf.sh
# Calendars: 10,000 meetings beside Python icalendar, and publishing to a local Radicale.
scripts/bench-calendar.sh
