#!/usr/bin/env bash
# The package's figures of BENCHMARKS.md (issue 13): size of the .deb, its installed size,
# and the start of the installed application (/usr/bin/ateliers-desktop) against the bare
# Tauri window (release example), in one run under Xvfb, median of 5. Installs the package,
# then removes it.
# The packaged build (`tauri build`, custom protocol) accepts no WebDriver session, so the
# screen itself is watched, every 2 ms, by benches/first_paint.c (Xlib): the window shown
# (its region no longer the empty screen) and, for the application, its first screen with
# its data (the dashboard's line counting the points to look at, drawn once the base is
# read). The bare window's empty page is its first screen.
set -euo pipefail
cd "$(dirname "$0")/.."
sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
scripts/install-system-deps.sh --tests

deb=$(scripts/package.sh | tail -1)
cargo build --release --example bare-window
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y -qq "./$deb" >/dev/null
data=$(mktemp -d)
trap 'if dpkg -s ateliers >/dev/null 2>&1; then $sudo apt-get remove -y -qq ateliers >/dev/null; fi; rm -rf "$data"' EXIT
echo "Paquet : $(basename "$deb"), $(du -k "$deb" | cut -f1) Ko ; installé : $(dpkg-query -W -f='${Installed-Size}' ateliers) Ko"
# The installed CLI fills the base the installed window opens (the demonstration data).
mkdir -p "$data/fr.ateliers.desktop"
/usr/bin/ateliers --db "$data/fr.ateliers.desktop/ateliers.sqlite3" demo

paint=$(mktemp -d)/first-paint
gcc -O2 -o "$paint" benches/first_paint.c -lX11

XDG_DATA_HOME="$data" PAINT="$paint" xvfb-run -a -s "-screen 0 1366x768x24" bash -c '
  since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
  # binary, then optionally a region and colour count of its first screen: milliseconds
  # from launch to the window shown, and to that first screen.
  measure() {
    local start pid shown painted=""
    start=$(date +%s%N)
    "$1" >/dev/null 2>&1 & pid=$!
    "$PAINT" 600 400 40 40 0 60000 && shown=$(since $start)
    if [[ $# -gt 1 ]]; then "$PAINT" "${@:2}" 60000 && painted=$(since $start); fi
    kill $pid; wait $pid 2>/dev/null || true
    sleep 1
    echo "$shown $painted"
  }
  median() { sort -n | sed -n 3p; }
  app=$(for i in 1 2 3 4 5; do measure /usr/bin/ateliers-desktop 236 122 420 16 12; done)
  bare=$(for i in 1 2 3 4 5; do measure target/release/examples/bare-window; done)
  echo "Démarrage → fenêtre affichée (médiane de 5) : application installée $(cut -d" " -f1 <<<"$app" | median) ms, fenêtre nue $(cut -d" " -f1 <<<"$bare" | median) ms"
  echo "Démarrage → premier écran avec ses données (médiane de 5) : application installée $(cut -d" " -f2 <<<"$app" | median) ms"
  echo "Mesures (fenêtre, premier écran) : application $(tr "\n" ";" <<<"$app") fenêtre nue $(tr "\n" ";" <<<"$bare")"
'
