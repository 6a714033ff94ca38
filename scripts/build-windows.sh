#!/usr/bin/env bash
# Cross-builds the Windows programs on Debian/Ubuntu (issue 23): ateliers.exe (the command
# line) and ateliers-desktop.exe (the window, with WebView2Loader.dll beside it), for
# x86_64-pc-windows-gnu with the Rust target added by rustup and Debian's mingw-w64.
# Usage: scripts/build-windows.sh [--debug]
#   → target/x86_64-pc-windows-gnu/release/ (debug/ with --debug), or under $CARGO_TARGET_DIR.
# --debug builds the development profile: what the test command installs under Wine, built
# in half the time of a release build.
set -euo pipefail
cd "$(dirname "$0")/.."
profile=release
case "${1:-}" in
  "") ;;
  --debug) profile=debug ;;
  *) echo "Usage : scripts/build-windows.sh [--debug]" >&2; exit 2 ;;
esac
release=()
if [[ "$profile" == release ]]; then release=(--release); fi
scripts/install-system-deps.sh --windows
rustup target list --installed | grep -qx x86_64-pc-windows-gnu || rustup target add x86_64-pc-windows-gnu
cargo build "${release[@]}" --target x86_64-pc-windows-gnu -p ateliers --bin ateliers
cargo build "${release[@]}" --target x86_64-pc-windows-gnu --bin ateliers-desktop
out="${CARGO_TARGET_DIR:-target}/x86_64-pc-windows-gnu/$profile"
for file in ateliers.exe ateliers-desktop.exe WebView2Loader.dll; do
  [[ -f "$out/$file" ]] || { echo "$out/$file n'a pas été produit" >&2; exit 1; }
done
ls -l "$out/ateliers.exe" "$out/ateliers-desktop.exe" "$out/WebView2Loader.dll" >&2
echo "Programmes Windows compilés en ${SECONDS} s dans $out." >&2
