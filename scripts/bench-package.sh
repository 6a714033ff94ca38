#!/usr/bin/env bash
# The package's figures of BENCHMARKS.md (issue 13): size of the .deb, its installed size,
# and the start of the installed application (/usr/bin/ateliers-desktop) to its window on
# screen against the bare Tauri window (release example), in one run under Xvfb, median of
# 5. Installs the package, then removes it.
# The packaged build (`tauri build`, custom protocol) accepts no WebDriver session, so the
# first screen with its data is measured on the release build by `cargo bench --bench
# startup` (scripts/bench.sh); here it is the window being mapped, seen by xdotool.
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

XDG_DATA_HOME="$data" xvfb-run -a -s "-screen 0 1366x768x24" bash -c '
  measure() { # binary, window title: milliseconds from launch to the window mapped
    local start end pid
    start=$(date +%s%N)
    "$1" >/dev/null 2>&1 & pid=$!
    timeout 60 xdotool search --sync --onlyvisible --name "$2" >/dev/null
    end=$(date +%s%N)
    kill $pid; wait $pid 2>/dev/null || true
    sleep 1
    echo $(( (end - start) / 1000000 ))
  }
  median() { sort -n | sed -n 3p; }
  app=$(for i in 1 2 3 4 5; do measure /usr/bin/ateliers-desktop "^Ateliers$"; done | median)
  bare=$(for i in 1 2 3 4 5; do measure target/release/examples/bare-window "^Fenêtre nue$"; done | median)
  echo "Démarrage → fenêtre affichée (médiane de 5) : application installée ${app} ms, fenêtre nue ${bare} ms"
'
