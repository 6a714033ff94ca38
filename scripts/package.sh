#!/usr/bin/env bash
# Builds the Debian package of Ateliers (window and CLI) with Tauri's bundler, from a
# release build. The `@tauri-apps/cli` npm package carries a prebuilt bundler: nothing else
# is downloaded. The path of the .deb is the last line on stdout.
# Install it on Debian or Ubuntu with: sudo apt install ./Ateliers_VERSION_amd64.deb
# (Tauri adds WebKitGTK and GTK to the dependencies; tauri.conf.json adds D-Bus.)
#
# Usage: scripts/package.sh [--debug]
# --debug packages the development build instead (target/debug/bundle/deb/): the same
# package, files and desktop entry, built in minutes from what the tests already compiled.
# The test command installs that one; what is shipped is always the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
profile=release
case "${1:-}" in
  "") ;;
  --debug) profile=debug ;;
  *) echo "Usage : scripts/package.sh [--debug]" >&2; exit 2 ;;
esac
scripts/install-system-deps.sh >&2
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
if ! command -v npx >/dev/null; then
  echo "npx (Node.js) est introuvable : installez nodejs et npm." >&2
  exit 1
fi
# The CLI goes into the package beside the window (tauri.conf.json, bundle.linux.deb.files,
# which names the release CLI; the development package names its own).
if [[ $profile == release ]]; then
  cargo build --release -p ateliers --bin ateliers >&2
  npx --yes @tauri-apps/cli@2.12 build --bundles deb --ci >&2
else
  # The same selection as the test command's build, so that nothing is built twice.
  cargo build --workspace --all-targets >&2
  npx --yes @tauri-apps/cli@2.12 build --debug --bundles deb --ci \
    --config '{"bundle":{"linux":{"deb":{"files":{"/usr/bin/ateliers":"target/debug/ateliers"}}}}}' >&2
fi
ls -t "target/$profile/bundle/deb/"*.deb | head -1
