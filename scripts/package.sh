#!/usr/bin/env bash
# Builds the Debian package of Ateliers (window and CLI) with Tauri's bundler, from a
# release build. The `@tauri-apps/cli` npm package carries a prebuilt bundler: nothing else
# is downloaded. The path of the .deb is the last line on stdout.
# Install it on Debian or Ubuntu with: sudo apt install ./Ateliers_VERSION_amd64.deb
# (Tauri adds WebKitGTK and GTK to the dependencies; tauri.conf.json adds D-Bus.)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-system-deps.sh >&2
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
if ! command -v npx >/dev/null; then
  echo "npx (Node.js) est introuvable : installez nodejs et npm." >&2
  exit 1
fi
# The CLI goes into the package beside the window (tauri.conf.json, bundle.linux.deb.files).
cargo build --release -p ateliers --bin ateliers >&2
npx --yes @tauri-apps/cli@2.12 build --bundles deb --ci >&2
ls -t target/release/bundle/deb/*.deb | head -1
