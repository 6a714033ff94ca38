#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Ateliers needs to build and run.
# Usage: scripts/install-system-deps.sh [--tests | --windows]
# With --tests, also what the real-window tests and output checks need; with --windows,
# only what the Windows build, its tests under Wine and its installer need (mingw-w64,
# Wine, wixl and msitools).
set -euo pipefail

packages=(
  build-essential pkg-config curl file
  libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libayatana-appindicator3-dev
  libxdo-dev libssl-dev
)
if [[ "${1:-}" == "--windows" ]]; then
  packages=(gcc-mingw-w64-x86-64 wine64 wixl msitools)
fi
if [[ "${1:-}" == "--tests" ]]; then
  packages+=(xvfb xauth webkit2gtk-driver xdotool imagemagick poppler-utils qpdf dbus-x11 libical-dev
    dbus gnome-keyring libsecret-tools openssl ca-certificates
    # LibreOffice converts the .odt exports in the tests (an independent reader of them).
    libreoffice-writer-nogui)
  # Node.js runs the independent checkers (axe-core, ical.js); keep an existing install.
  command -v npm >/dev/null || packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  exit 0
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
echo "Installation des paquets système manquants : ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
