#!/usr/bin/env bash
# The package test of issue 13: builds the .deb (scripts/package.sh), installs it with apt
# on this machine, starts the installed application under Xvfb with a temporary data folder
# holding a base of the previous schema (core/tests/fixtures/v3-demo.sqlite3), sees its
# window, checks that the base was migrated with a backup taken first, runs the installed
# CLI, then removes the package. Needs root (or sudo) for apt.
# Usage: scripts/test-package.sh [--debug]   (--debug: see scripts/package.sh; the test
# command uses it, so that the whole run stays well under 30 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi

# Xvfb, xdotool and ImageMagick see and photograph the installed window.
scripts/install-system-deps.sh --tests
deb=$(scripts/package.sh "$@" | tail -1)
echo "Paquet : $deb ($(du -k "$deb" | cut -f1) Ko)"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y -qq "./$deb" >/dev/null
trap '$sudo apt-get remove -y -qq ateliers >/dev/null || true' EXIT
dpkg -s ateliers | grep -E '^(Version|Depends|Installed-Size):'
for file in /usr/bin/ateliers-desktop /usr/bin/ateliers /usr/share/applications/Ateliers.desktop \
            /usr/share/icons/hicolor/256x256/apps/ateliers-desktop.png; do
  [[ -e "$file" ]] || { echo "Absent du paquet installé : $file" >&2; dpkg -L ateliers >&2; exit 1; }
done
grep -q '^Categories=.*Office' /usr/share/applications/Ateliers.desktop \
  || { echo "L'entrée de menu n'est pas dans la catégorie Bureautique (Office)" >&2; exit 1; }

data=$(mktemp -d)
trap 'if dpkg -s ateliers >/dev/null 2>&1; then $sudo apt-get remove -y -qq ateliers >/dev/null; fi; rm -rf "$data"' EXIT
mkdir -p "$data/fr.ateliers.desktop"
cp core/tests/fixtures/v3-demo.sqlite3 "$data/fr.ateliers.desktop/ateliers.sqlite3"

XDG_DATA_HOME="$data" xvfb-run -a -s "-screen 0 1366x768x24" bash -c '
  /usr/bin/ateliers-desktop & app=$!
  if ! timeout 60 xdotool search --sync --onlyvisible --name "^Ateliers$" >/dev/null; then
    echo "La fenêtre de l’application installée n’est pas apparue" >&2; kill $app; exit 1
  fi
  sleep 2
  import -window root target/paquet-fenetre.png
  kill $app; wait $app || true
'
colours=$(scripts/interface-shown.sh target/paquet-fenetre.png)
echo "Fenêtre de l’application installée vue, avec son interface (capture : target/paquet-fenetre.png, $colours couleurs)."

version=$(/usr/bin/ateliers --db "$data/fr.ateliers.desktop/ateliers.sqlite3" list ateliers --json >/dev/null && \
  python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("pragma user_version").fetchone()[0])' \
  "$data/fr.ateliers.desktop/ateliers.sqlite3")
[[ "$version" -ge 4 ]] || { echo "La base n'a pas été migrée (version $version)" >&2; exit 1; }
ls "$data/fr.ateliers.desktop/sauvegardes/"*.sqlite3 >/dev/null \
  || { echo "Aucune sauvegarde avant migration" >&2; exit 1; }
echo "Base de la version précédente migrée (schéma $version) avec sauvegarde ; CLI installée utilisable."
$sudo apt-get remove -y -qq ateliers >/dev/null
[[ ! -e /usr/bin/ateliers-desktop ]] || { echo "Le paquet n'a pas été retiré" >&2; exit 1; }
[[ -e "$data/fr.ateliers.desktop/ateliers.sqlite3" ]] || { echo "La base a disparu avec le paquet" >&2; exit 1; }
echo "Paquet retiré ; la base de l’utilisateur est restée."
