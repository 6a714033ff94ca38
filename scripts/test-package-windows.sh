#!/usr/bin/env bash
# The Windows installer tried under Wine (issue 23): installed silently in a Wine prefix
# of its own, the installed CLI run on a fresh base (demo, list, export pdf, export ics),
# uninstalled; the programs are gone and the user's base is left.
# Usage: scripts/test-package-windows.sh [FICHIER.msi]  (by default, scripts/package-windows.sh's)
set -euo pipefail
cd "$(dirname "$0")/.."
msi="${1:-$(scripts/package-windows.sh | tail -1)}"
export WINEPREFIX="$PWD/target/wine-prefix-installation"
rm -rf "$WINEPREFIX"
run=scripts/windows/wine-run.sh
fail() { echo "ÉCHEC : $*" >&2; exit 1; }

"$run" msiexec /i "Z:$(realpath "$msi")" /qn
installed="$WINEPREFIX/drive_c/Program Files/Ateliers"
for file in ateliers.exe ateliers-desktop.exe WebView2Loader.dll; do
  [[ -f "$installed/$file" ]] || fail "$file n'est pas installé dans $installed"
done
menu="$(find "$WINEPREFIX/drive_c" -iname 'Ateliers.lnk' | head -1)"
[[ -n "$menu" ]] || fail "le raccourci « Ateliers » du menu Démarrer manque"

cli='C:\Program Files\Ateliers\ateliers.exe'
base='C:\users\Public\ateliers-essai.sqlite3'
"$run" "$cli" --db "$base" demo 2>&1 | tr -d '\r' | grep -q "données de démonstration ont été chargées" ||
  fail "demo"
ateliers="$("$run" "$cli" --db "$base" list ateliers 2>/dev/null | tr -d '\r' | wc -l)"
[[ "$ateliers" -eq 4 ]] || fail "list ateliers : $ateliers lignes au lieu de 4"
"$run" "$cli" --db "$base" export pdf fiche --atelier AP-VELO --out 'C:\users\Public\fiche.pdf' >/dev/null 2>&1 ||
  fail "export pdf"
head -c 5 "$WINEPREFIX/drive_c/users/Public/fiche.pdf" | grep -q '%PDF-' || fail "le PDF n'est pas un PDF"
"$run" "$cli" --db "$base" export ics --all --out 'C:\users\Public\ateliers.ics' >/dev/null 2>&1 ||
  fail "export ics"
grep -q 'BEGIN:VCALENDAR' "$WINEPREFIX/drive_c/users/Public/ateliers.ics" || fail "l'.ics n'est pas un calendrier"

"$run" msiexec /x "Z:$(realpath "$msi")" /qn
[[ ! -e "$installed/ateliers.exe" ]] || fail "ateliers.exe est resté après la désinstallation"
[[ -f "$WINEPREFIX/drive_c/users/Public/ateliers-essai.sqlite3" ]] || fail "la base de l'utilisateur a disparu"
echo "Installateur essayé sous Wine : installé (menu Démarrer « Ateliers »), CLI utilisée (demo, list, export pdf, export ics), désinstallé ; la base est restée." >&2
