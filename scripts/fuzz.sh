#!/usr/bin/env bash
# Fuzzes the readers of the files users give: `scripts/fuzz.sh [TARGET] [SECONDS]`.
#
# TARGET is `ics` (the calendar import), `spreadsheet` (the CSV and members-sheet
# readers) or `base` (a file given as a base, opened and restored); without it all run. Each runs SECONDS (300 by default) in one process. The
# `ics` corpus starts from the real calendars that Python's icalendar and
# recurring-ical-events ship (installed by scripts/checkers.sh). A crash or a hang
# (over 10 s for one input) stops the run and leaves the input in fuzz/artifacts/TARGET/:
# turn it into a regression test, then fix. Not part of scripts/test.sh: it takes minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

targets=(ics spreadsheet base)
if [ $# -ge 1 ]; then
    targets=("$1")
fi
seconds="${2:-300}"

if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi
# cargo-fuzz passes nightly flags (-Z sanitizer…) to rustc: the stable toolchain takes them so.
export RUSTC_BOOTSTRAP=1

mkdir -p fuzz/corpus/ics fuzz/corpus/spreadsheet fuzz/corpus/base
cp core/tests/fixtures/v*-demo.sqlite3 fuzz/corpus/base/
scripts/checkers.sh
site=$(target/checkers/venv/bin/python -c 'import icalendar, os; print(os.path.dirname(os.path.dirname(icalendar.__file__)))')
find "$site/icalendar/tests" "$site/recurring_ical_events/test" -name '*.ics' -exec cp {} fuzz/corpus/ics/ \;
printf 'Prénom;Nom;Collège;E-mail\r\nAnne;Dupont;Élus;anne@example.org\r\n' >fuzz/corpus/spreadsheet/membres.csv
printf 'Nom,Pr\xe9nom\nDupont,H\xe9l\xe8ne\n' >fuzz/corpus/spreadsheet/ansi.csv

# The base target writes files for each input: in memory when the system has /dev/shm.
if [ -d /dev/shm ]; then export TMPDIR=/dev/shm; fi

for target in "${targets[@]}"; do
    echo "fuzz: $target for $seconds s"
    cargo fuzz build "$target"
    cargo fuzz run "$target" "fuzz/corpus/$target" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096
done
