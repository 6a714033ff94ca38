#!/usr/bin/env bash
# The Windows installer tried under Wine (issue 23), in a Wine prefix of its own: an older
# version installed first, then this one over it (one version left installed), the installed
# CLI run on a fresh base (demo, list, export pdf, export ics), the older version refused
# over it, then uninstalled: the programs are gone and the user's base is left.
# Usage: scripts/test-package-windows.sh [--debug]
#   the installers that scripts/package-windows.sh builds (of the development build with
#   --debug: the test command tries those).
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  ""|--debug) ;;
  *) echo "Usage : scripts/test-package-windows.sh [--debug]" >&2; exit 2 ;;
esac
msi="$(scripts/package-windows.sh "$@" | tail -1)"
older="$(scripts/package-windows.sh "$@" --version 0.0.1 | tail -1)"
export WINEPREFIX="$PWD/target/wine-prefix-installation"
rm -rf "$WINEPREFIX"
run=scripts/windows/wine-run.sh
fail() { echo "ÉCHEC : $*" >&2; exit 1; }
# The versions of Ateliers that Windows lists as installed (« Applications et fonctionnalités »).
installed_versions() {
  "$run" reg query 'HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall' /s 2>/dev/null | tr -d '\r' |
    awk '/DisplayName +REG_SZ +Ateliers$/ { name = 1; next } name && /DisplayVersion/ { print $3 } /^HKEY/ { name = 0 }'
}
install() { "$run" msiexec /i "Z:$(realpath "$1")" /qn; }

# What Windows reads in the installer's tables: French, the shortcut's icon. (Outputs are
# read whole before grep: grep -q leaving early would break the pipe under pipefail.)
properties="$(msiinfo export "$msi" Property | tr -d '\r')"
version="$(awk -F'\t' '$1 == "ProductVersion" { print $2 }' <<<"$properties")"
grep -q $'^ProductLanguage\t1036$' <<<"$properties" || fail "ProductLanguage n'est pas 1036 (français)"
grep -q $'^ARPPRODUCTICON\tateliers.ico$' <<<"$properties" || fail "l'icône de « Applications et fonctionnalités » manque"
grep -q $'\tateliers.ico\t' <<<"$(msiinfo export "$msi" Shortcut | tr -d '\r')" || fail "le raccourci n'a pas l'icône d'Ateliers"

install "$older" || fail "l'installation de la version 0.0.1"
[[ "$(installed_versions)" == "0.0.1" ]] || fail "la version 0.0.1 n'est pas listée comme installée : $(installed_versions)"
install "$msi" || fail "l'installation par-dessus la version 0.0.1"
[[ "$(installed_versions)" == "$version" ]] ||
  fail "après la mise à jour, les versions installées sont : $(installed_versions | paste -sd ' ') (attendu : $version seule)"
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

if install "$older" 2>/dev/null; then fail "la version 0.0.1 s'est installée par-dessus la $version"; fi
[[ "$(installed_versions)" == "$version" ]] || fail "le refus de la version 0.0.1 a changé ce qui est installé"

"$run" msiexec /x "Z:$(realpath "$msi")" /qn
[[ -z "$(installed_versions)" ]] || fail "Ateliers est encore listé après la désinstallation"
[[ ! -e "$installed/ateliers.exe" ]] || fail "ateliers.exe est resté après la désinstallation"
[[ -f "$public/ateliers-essai.sqlite3" ]] || fail "la base de l'utilisateur a disparu"
echo "Installateur essayé sous Wine : installé par-dessus la version 0.0.1 (menu Démarrer « Ateliers »), CLI utilisée (demo, list, export pdf lu par poppler et qpdf, export ics de $events événements lu par icalendar), l'ancienne version refusée, désinstallé ; la base est restée." >&2
