#!/usr/bin/env bash
# Reproduces the figures of BENCHMARKS.md « What the hardening costs » (issue 19), with the
# release CLI on a base of 20,000 people: opening a base (whose file it is, checked read-only
# first), a backup, a restore, and an erasure (the base rewritten, then each automatic backup
# that holds the person). Each figure is the median of 5 runs; an erasure runs on a fresh
# copy each time.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
cargo build --release -p ateliers --bin ateliers >&2
cli=target/release/ateliers

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$cli" --db "$work/grande.sqlite3" demo --people 20000 >/dev/null 2>&1
ls -l "$work/grande.sqlite3" | awk '{printf "base: %.1f MB\n", $5 / 1048576}'

# Milliseconds taken by "$@".
millis() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

median() { sort -n | sed -n 3p; }

measure() {
  local label=$1
  shift
  local times=()
  for _ in 1 2 3 4 5; do times+=("$("$@")"); done
  printf '%s: %s ms\n' "$label" "$(printf '%s\n' "${times[@]}" | median)"
}

open_base() { millis "$cli" --db "$work/grande.sqlite3" list ateliers; }
backup_base() { millis "$cli" --db "$work/grande.sqlite3" backup --out "$work/copie.sqlite3"; }
restore_base() {
  cp "$work/grande.sqlite3" "$work/r.sqlite3"
  rm -rf "$work/sauvegardes"
  millis "$cli" --db "$work/r.sqlite3" restore "$work/copie.sqlite3"
}
# An erasure on a fresh copy with `1` automatic backups beside it holding the person.
erase_with() {
  rm -rf "$work/e" && mkdir -p "$work/e/sauvegardes"
  cp "$work/grande.sqlite3" "$work/e/ateliers.sqlite3"
  for i in $(seq "$1"); do
    cp "$work/grande.sqlite3" "$work/e/sauvegardes/ateliers-20270101-0000$(printf %02d "$i")-000.sqlite3"
  done
  millis "$cli" --db "$work/e/ateliers.sqlite3" person erase 77 --yes
}

measure "open the base, list its ateliers" open_base
measure "backup --out (whole base)" backup_base
measure "restore (backup taken first, migrated in memory, copied in)" restore_base
measure "person erase, no automatic backup" erase_with 0
measure "person erase, 10 automatic backups holding the person" erase_with 10
