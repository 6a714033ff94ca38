#!/usr/bin/env bash
# Installs the independent checkers that the tests run on our exports (iCalendar, e-mail
# drafts, CalDAV) into target/checkers/, which git ignores:
#   target/checkers/venv           Python: icalendar, vobject, caldav, radicale,
#                                  recurring-ical-events (PyPI)
#   target/checkers/node           Node.js: ical.js (npm)
#   target/checkers/libical-check  tests/checkers/libical_check.c built against libical
# Idempotent, and quick when everything is already there. Called by scripts/test.sh before
# the tests and by the benchmark scripts. The checkers themselves are in tests/checkers/.
set -euo pipefail
cd "$(dirname "$0")/.."

dir=target/checkers
mkdir -p "$dir"

# One installation at a time, should two scripts start together.
exec 9>"$dir/.lock"
flock 9

# Major versions pinned; change a pin to reinstall.
python_pins=('icalendar>=7,<8' 'vobject>=0.9,<0.10' 'caldav>=3,<4' 'radicale>=3,<4' 'recurring-ical-events>=3,<4')
node_pins=('ical.js@^2')

# --- Python -------------------------------------------------------------------------------
venv="$dir/venv"
stamp="$venv/.ateliers-pins"
wanted="${python_pins[*]}"
if [[ ! -x "$venv/bin/python" || "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]] \
  || ! "$venv/bin/python" -c 'import icalendar, vobject, caldav, radicale, recurring_ical_events' 2>/dev/null; then
  if ! command -v python3 >/dev/null; then
    echo "Python 3 est introuvable : installez python3 et python3-venv." >&2
    exit 1
  fi
  echo "Installation des vérificateurs Python (${python_pins[*]}) dans $venv…" >&2
  rm -rf "$venv"
  if ! python3 -m venv "$venv"; then
    echo "Impossible de créer l'environnement Python : installez python3-venv." >&2
    exit 1
  fi
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${python_pins[@]}"
  echo "$wanted" >"$stamp"
fi

# --- Node.js ------------------------------------------------------------------------------
node_dir="$dir/node"
stamp="$node_dir/.ateliers-pins"
wanted="${node_pins[*]}"
if [[ ! -f "$node_dir/node_modules/ical.js/package.json" || "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]]; then
  if ! command -v npm >/dev/null; then
    echo "npm est introuvable : lancez scripts/install-system-deps.sh --tests." >&2
    exit 1
  fi
  echo "Installation du vérificateur Node.js (${node_pins[*]}) dans $node_dir…" >&2
  rm -rf "$node_dir"
  mkdir -p "$node_dir"
  npm install --prefix "$node_dir" --no-audit --no-fund --silent "${node_pins[@]}"
  echo "$wanted" >"$stamp"
fi

# --- libical ------------------------------------------------------------------------------
bin="$dir/libical-check"
src=tests/checkers/libical_check.c
if [[ ! -x "$bin" || "$src" -nt "$bin" ]]; then
  if ! pkg-config --exists libical 2>/dev/null; then
    scripts/install-system-deps.sh --tests
  fi
  if ! pkg-config --exists libical 2>/dev/null; then
    echo "libical est introuvable : installez libical-dev." >&2
    exit 1
  fi
  echo "Compilation du vérificateur libical ($bin)…" >&2
  # shellcheck disable=SC2046 # pkg-config prints several flags
  gcc -O2 -Wall -o "$bin.tmp" "$src" $(pkg-config --cflags --libs libical)
  mv "$bin.tmp" "$bin"
fi
