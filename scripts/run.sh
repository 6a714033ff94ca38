#!/usr/bin/env bash
# Sets up what Ateliers needs on Debian/Ubuntu (system packages through apt, with sudo when
# not root; Rust through rustup if missing), builds the application and starts it on its
# default database, in the application-data folder (~/.local/share/fr.ateliers.desktop/).
# On first start with an empty base, the window offers the demonstration data.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-system-deps.sh
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
if ! command -v cargo >/dev/null; then
  echo "Installation de Rust (rustup)…" >&2
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
fi
cargo run --release --bin ateliers-desktop
