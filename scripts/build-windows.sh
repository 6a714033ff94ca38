#!/usr/bin/env bash
# Cross-builds the Windows programs on Debian/Ubuntu (issue 23): ateliers.exe (the command
# line) and ateliers-desktop.exe (the window, with WebView2Loader.dll beside it), for
# x86_64-pc-windows-gnu with the Rust target added by rustup and Debian's mingw-w64.
# Usage: scripts/build-windows.sh   → target/x86_64-pc-windows-gnu/release/ (or under $CARGO_TARGET_DIR)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-system-deps.sh --windows
rustup target list --installed | grep -qx x86_64-pc-windows-gnu || rustup target add x86_64-pc-windows-gnu
cargo build --release --target x86_64-pc-windows-gnu -p ateliers --bin ateliers
cargo build --release --target x86_64-pc-windows-gnu --bin ateliers-desktop
out="${CARGO_TARGET_DIR:-target}/x86_64-pc-windows-gnu/release"
for file in ateliers.exe ateliers-desktop.exe WebView2Loader.dll; do
  [[ -f "$out/$file" ]] || { echo "$out/$file n'a pas été produit" >&2; exit 1; }
done
ls -l "$out/ateliers.exe" "$out/ateliers-desktop.exe" "$out/WebView2Loader.dll" >&2
echo "Programmes Windows compilés en ${SECONDS} s dans $out." >&2
