#!/usr/bin/env bash
# Checks that a screenshot of the installed window shows the interface: an empty page (the
# interface not found in the package) has a handful of colours, the application's screens
# hundreds (text, tables, coloured badges). Prints the number of colours; exits 1 otherwise.
# Usage: scripts/interface-shown.sh CAPTURE.png   (used by test-package.sh and
# test-package-fresh.sh)
set -euo pipefail
colours=$(convert "${1:?Usage : scripts/interface-shown.sh CAPTURE.png}" -format %k info:)
if [[ "$colours" -lt 200 ]]; then
  echo "La fenêtre installée est vide ($colours couleurs) : l'interface n'a pas été chargée" >&2
  exit 1
fi
echo "$colours"
