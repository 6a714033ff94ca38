#!/usr/bin/env bash
# The package's figures of BENCHMARKS.md (issue 13): size of the .deb, its installed size,
# and start-up of the installed application (/usr/bin/ateliers-desktop) to its first screen
# against the bare Tauri window, in one run under Xvfb. Installs the package, then removes it.
set -euo pipefail
cd "$(dirname "$0")/.."
sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
scripts/install-system-deps.sh --tests
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
command -v tauri-driver >/dev/null || cargo install tauri-driver --version '^2' --locked

deb=$(scripts/package.sh | tail -1)
cargo build --release --example bare-window
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y -qq "./$deb" >/dev/null
trap '$sudo apt-get remove -y -qq ateliers >/dev/null || true' EXIT
echo "Paquet : $(basename "$deb"), $(du -k "$deb" | cut -f1) Ko ; installé : $(dpkg-query -W -f='${Installed-Size}' ateliers) Ko"
ATELIERS_BENCH_APP=/usr/bin/ateliers-desktop \
  xvfb-run -a -s "-screen 0 1366x768x24" cargo bench --bench startup
