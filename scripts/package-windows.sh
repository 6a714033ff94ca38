#!/usr/bin/env bash
# Builds the Windows installer (issue 23): an MSI from packaging/windows/ateliers.wxs with
# Debian's wixl (Tauri's NSIS bundler fetches its plugins from the internet, which these
# machines do not reach), holding ateliers-desktop.exe with WebView2Loader.dll and
# ateliers.exe, and the Start-menu entry « Ateliers ».
# Usage: scripts/package-windows.sh   → target/windows/Ateliers-VERSION-x64.msi
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${CARGO_TARGET_DIR:-target}/x86_64-pc-windows-gnu/release"
if [[ ! -f "$bin/ateliers-desktop.exe" || ! -f "$bin/ateliers.exe" ]]; then
  scripts/build-windows.sh
fi
command -v wixl >/dev/null || scripts/install-system-deps.sh --windows
version="$(sed -n 's/^  "version": "\(.*\)",$/\1/p' tauri.conf.json | head -1)"
mkdir -p target/windows
msi="target/windows/Ateliers-$version-x64.msi"
# wixl takes the files' paths relative to where it runs: it runs beside them.
repo="$PWD"
(cd "$bin" && wixl -a x64 -D Bin=. -D Version="$version" -o "$repo/$msi.partial" "$repo/packaging/windows/ateliers.wxs")
mv "$msi.partial" "$msi"
echo "$msi"
echo "Installateur Windows écrit : $msi ($(du -h "$msi" | cut -f1))." >&2
