#!/usr/bin/env bash
# Builds the Windows installer (issue 23): an MSI from packaging/windows/ateliers.wxs with
# Debian's wixl (Tauri's NSIS bundler fetches its plugins from the internet, which these
# machines do not reach), holding ateliers-desktop.exe with WebView2Loader.dll and
# ateliers.exe, and the Start-menu entry « Ateliers » with the application's icon.
# Usage: scripts/package-windows.sh [--debug] [--version X.Y.Z]
#   → target/windows/Ateliers-VERSION-x64.msi, its path on the last line.
# --debug packages the development build (scripts/build-windows.sh --debug) instead, as
# target/windows/Ateliers-VERSION-x64-debug.msi: the test command tries that one.
# --version gives the installer another version than tauri.conf.json's (the upgrade trial
# of scripts/test-package-windows.sh installs an older one first).
set -euo pipefail
cd "$(dirname "$0")/.."
usage() { echo "Usage : scripts/package-windows.sh [--debug] [--version X.Y.Z]" >&2; exit 2; }
profile=release suffix="" build=()
version="$(sed -n 's/^  "version": "\(.*\)",$/\1/p' tauri.conf.json | head -1)"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --debug) profile=debug suffix="-debug" build=(--debug) ;;
    --version) [[ $# -ge 2 && "$2" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || usage; version="$2"; shift ;;
    *) usage ;;
  esac
  shift
done
# Cargo rebuilds only what changed: the installer never holds stale programs.
scripts/build-windows.sh "${build[@]}"
bin="${CARGO_TARGET_DIR:-target}/x86_64-pc-windows-gnu/$profile"
mkdir -p target/windows
msi="target/windows/Ateliers-$version-x64$suffix.msi"
# wixl (Debian 12's) takes only paths relative to where it runs: it runs beside the programs.
repo="$PWD"
icons="$(realpath --relative-to="$bin" assets/icons)"
(cd "$bin" && wixl -a x64 -D Bin=. -D Icons="$icons" -D Version="$version" \
  -o "$repo/$msi.partial" "$repo/packaging/windows/ateliers.wxs")
mv "$msi.partial" "$msi"
echo "$msi"
echo "Installateur Windows écrit : $msi ($(du -h "$msi" | cut -f1))." >&2
