#!/usr/bin/env bash
# The core as Windows programs (issue 23): its tests and the CLI's process tests built for
# x86_64-pc-windows-gnu with Debian's mingw-w64 and run under Debian's Wine, through Cargo's
# runner (.cargo/config.toml → scripts/windows/wine-run.sh). The tests that read our files
# back with Linux programs (poppler, Python, LibreOffice, Radicale) say so and are skipped
# there; they run on Linux. The real calendars of other software come from the checkers'
# Python packages (scripts/checkers.sh, run first), named to the tests by folder.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-system-deps.sh --windows
rustup target list --installed | grep -qx x86_64-pc-windows-gnu || rustup target add x86_64-pc-windows-gnu

python=target/checkers/venv/bin/python
if [[ ! -x "$python" ]]; then
  echo "Les vérificateurs manquent : lancez d'abord scripts/checkers.sh" >&2
  exit 1
fi
# Wine sees the Linux files on drive Z:.
ATELIERS_CALENDAR_FOLDERS="$("$python" -c "import icalendar, recurring_ical_events, os
print(os.path.join(os.path.dirname(icalendar.__file__), 'tests'))
print(os.path.join(os.path.dirname(recurring_ical_events.__file__), 'test', 'calendars'))" |
  sed 's|^|Z:|' | paste -sd ';')"
export ATELIERS_CALENDAR_FOLDERS
cargo test -p ateliers --target x86_64-pc-windows-gnu
echo "Compilation pour Windows et tests sous Wine : ${SECONDS} s." >&2
