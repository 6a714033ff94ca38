#!/usr/bin/env bash
# The Windows installer tried under Wine (issue 23): installed silently in a Wine prefix
# of its own, the installed CLI run on a fresh base (demo, list, export pdf, export ics),
# uninstalled; the programs are gone and the user's base is left.
# Usage: scripts/test-package-windows.sh [--debug | FICHIER.msi]
#   by default, the installer that scripts/package-windows.sh builds (of the development
#   build with --debug: the test command tries that one).
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  ""|--debug) msi="$(scripts/package-windows.sh "$@" | tail -1)" ;;
  -*) echo "Usage : scripts/test-package-windows.sh [--debug | FICHIER.msi]" >&2; exit 2 ;;
  *) msi="$1" ;;
esac
export WINEPREFIX="$PWD/target/wine-prefix-installation"
rm -rf "$WINEPREFIX"
run=scripts/windows/wine-run.sh
fail() { echo "ÉCHEC : $*" >&2; exit 1; }

# What Windows reads in the installer's tables: French, the shortcut's icon. (Outputs are
# read whole before grep: grep -q leaving early would break the pipe under pipefail.)
properties="$(msiinfo export "$msi" Property)"
grep -q $'^ProductLanguage\t1036' <<<"$properties" || fail "ProductLanguage n'est pas 1036 (français)"
grep -q $'^ARPPRODUCTICON\tateliers.ico' <<<"$properties" || fail "l'icône de « Applications et fonctionnalités » manque"
grep -q $'\tateliers.ico\t' <<<"$(msiinfo export "$msi" Shortcut)" || fail "le raccourci n'a pas l'icône d'Ateliers"

"$run" msiexec /i "Z:$(realpath "$msi")" /qn
installed="$WINEPREFIX/drive_c/Program Files/Ateliers"
for file in ateliers.exe ateliers-desktop.exe WebView2Loader.dll; do
  [[ -f "$installed/$file" ]] || fail "$file n'est pas installé dans $installed"
done
menu="$(find "$WINEPREFIX/drive_c" -iname 'Ateliers.lnk' | head -1)"
[[ -n "$menu" ]] || fail "le raccourci « Ateliers » du menu Démarrer manque"

cli='C:\Program Files\Ateliers\ateliers.exe'
base='C:\users\Public\ateliers-essai.sqlite3'
demo="$("$run" "$cli" --db "$base" demo 2>&1 | tr -d '\r')"
grep -q "données de démonstration ont été chargées" <<<"$demo" || fail "demo : $demo"
ateliers="$("$run" "$cli" --db "$base" list ateliers 2>/dev/null | tr -d '\r' | wc -l)"
[[ "$ateliers" -eq 4 ]] || fail "list ateliers : $ateliers lignes au lieu de 4"
"$run" "$cli" --db "$base" export pdf fiche --atelier AP-VELO --out 'C:\users\Public\fiche.pdf' >/dev/null 2>&1 ||
  fail "export pdf"
# Read back by independent readers: poppler and qpdf for the PDF, Python's icalendar for the .ics.
public="$WINEPREFIX/drive_c/users/Public"
qpdf --check "$public/fiche.pdf" >/dev/null || fail "qpdf refuse le PDF écrit sous Windows"
grep -q "Schéma directeur cyclable" <<<"$(pdftotext "$public/fiche.pdf" -)" || fail "la fiche PDF n'a pas le titre de l'atelier"
"$run" "$cli" --db "$base" export ics --all --out 'C:\users\Public\ateliers.ics' >/dev/null 2>&1 ||
  fail "export ics"
[[ -x target/checkers/venv/bin/python ]] || scripts/checkers.sh
events="$(target/checkers/venv/bin/python -c 'import icalendar, sys
print(len(icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read()).walk("VEVENT")))' "$public/ateliers.ics")" ||
  fail "Python icalendar ne lit pas l'.ics écrit sous Windows"
[[ "$events" -gt 0 ]] || fail "l'.ics n'a aucun événement"

"$run" msiexec /x "Z:$(realpath "$msi")" /qn
[[ ! -e "$installed/ateliers.exe" ]] || fail "ateliers.exe est resté après la désinstallation"
[[ -f "$public/ateliers-essai.sqlite3" ]] || fail "la base de l'utilisateur a disparu"
echo "Installateur essayé sous Wine : installé (menu Démarrer « Ateliers »), CLI utilisée (demo, list, export pdf lu par poppler et qpdf, export ics de $events événements lu par icalendar), désinstallé ; la base est restée." >&2
