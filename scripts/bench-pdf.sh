#!/usr/bin/env bash
# Reproduces the PDF figures of BENCHMARKS.md (issue 11): 200 personalised convocations
# written by `ateliers export pdf convocations` (a folder of per-person files plus the merged
# file) beside the same one-page letter converted by LibreOffice from Debian's packages
# (`soffice --headless --convert-to pdf`), one letter per call and 20 letters per call; the
# per-letter ratio and the size of a one-page convocation.
# Usage: scripts/bench-pdf.sh [--libreoffice-only] [--runs N]
#   --libreoffice-only  skips the build and our export (to check the LibreOffice half)
#   --runs N            runs of our export (default 5); LibreOffice runs 3 times
# KEEP=1 keeps the working folder (base, letters, PDFs) and prints its path.
set -euo pipefail
cd "$(dirname "$0")/.."

ours=1
runs=5
while (($#)); do
  case "$1" in
    --libreoffice-only) ours=0 ;;
    --runs) runs="$2"; shift ;;
    *) echo "bench-pdf.sh : argument inattendu « $1 »" >&2; exit 2 ;;
  esac
  shift
done
people=200    # convoked to the meeting
warm=20       # letters per LibreOffice call, for the warm per-letter cost
lo_runs=3

# --- System packages: LibreOffice Writer (without GUI), poppler (pdfinfo), fonts, Python 3.
sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
missing=()
command -v soffice >/dev/null || missing+=(libreoffice)
for p in poppler-utils fonts-liberation2 python3; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]} > 0)); then
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  if [[ " ${missing[*]} " == *" libreoffice "* ]]; then
    # Debian 12 has the GUI-less Writer; older releases only the full one.
    lo=libreoffice-writer-nogui
    apt-cache policy "$lo" 2>/dev/null | grep -q 'Candidate: [0-9]' || lo=libreoffice-writer
    missing=("${missing[@]/libreoffice/$lo}")
  fi
  echo "Installation des paquets système manquants : ${missing[*]}" >&2
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

work=$(mktemp -d)
if [[ "${KEEP:-}" == 1 ]]; then
  echo "Dossier de travail gardé : $work" >&2
else
  trap 'rm -rf "$work"' EXIT
fi

# Seconds since the epoch, to the nanosecond.
now() { date +%s.%N; }
# The median of the numbers on stdin, one per line.
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# `ms SECONDS`: « 1 234 ms », « 12.3 ms » below 100 ms.
ms() {
  awk -v s="$1" 'BEGIN { m = s * 1000; if (m < 100) { printf "%.1f ms", m; exit }
    t = sprintf("%.0f", m); out = ""
    while (length(t) > 3) { out = " " substr(t, length(t) - 2) out; t = substr(t, 1, length(t) - 3) }
    printf "%s%s ms", t, out }'
}
# `kb FILE`: « 24.3 KB (24 871 bytes) », KB = 1 000 bytes.
kb() {
  awk -v b="$(stat -c %s "$1")" 'BEGIN { t = b ""; out = ""
    while (length(t) > 3) { out = " " substr(t, length(t) - 2) out; t = substr(t, 1, length(t) - 3) }
    if (b >= 1000000) printf "%.2f MB (%s%s bytes)", b / 1e6, t, out
    else printf "%.1f KB (%s%s bytes)", b / 1000, t, out }'
}
pages() { pdfinfo "$1" | awk '/^Pages:/ { print $2 }'; }

# --- The meeting: a Tuesday about two months ahead, 18:00–20:00, in a room no demonstration
# meeting uses (so it never conflicts).
day=$(date -d "+8 weeks" +%F)
while [[ $(date -d "$day" +%u) != 2 ]]; do day=$(date -d "$day +1 day" +%F); done
start=18:00
end=20:00
place="Maison de l'agglomération, salle Vauban"
atelier_code=BENCHPDF
atelier_title="Mobilités du quotidien et pôles d’échanges"

# --- Ours: release build, demonstration base, an atelier of 200 imported members, a séance
# with a 6-item ordre du jour, then the export, $runs times.
if ((ours)); then
  export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
  cargo build --release -p ateliers --bin ateliers
  bin=target/release/ateliers
  db="$work/bench.db"
  python3 scripts/bench-pdf-letter.py members "$people" "$work/members.csv"
  "$bin" --db "$db" demo
  "$bin" --db "$db" atelier add --code "$atelier_code" --title "$atelier_title" --kind faisabilite >/dev/null
  "$bin" --db "$db" import members "$work/members.csv" --atelier "$atelier_code"
  meeting=$("$bin" --db "$db" meeting add --atelier "$atelier_code" --start "$day $start" \
    --end "$day $end" --place "$place" | tail -n 1)
  # No command writes an ordre du jour yet: the same 6 items as the LibreOffice letter.
  python3 scripts/bench-pdf-letter.py agenda "$db" "$meeting"

  out="$work/convocations"
  times=()
  for ((i = 1; i <= runs; i++)); do
    rm -rf "$out"
    t0=$(now)
    "$bin" --db "$db" export pdf convocations --meeting "$meeting" --out "$out" >"$work/export.out"
    t1=$(now)
    times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')")
  done
  ours_batch=$(printf '%s\n' "${times[@]}" | median)
  ours_letter=$(awk -v t="$ours_batch" -v n="$people" 'BEGIN { print t / n }')
  files=$(find "$out" -name '*.pdf' | wc -l)
  # The merged file: named by the command's last line (a path or a name in the folder), else
  # the largest PDF.
  merged=$(tail -n 1 "$work/export.out" || true)
  if [[ -n "$merged" && -f "$out/$merged" ]]; then
    merged="$out/$merged"
  elif [[ -z "$merged" || ! -f "$merged" ]]; then
    merged=$(find "$out" -name '*.pdf' -printf '%s %p\n' | sort -n | tail -n 1 | cut -d' ' -f2-)
  fi
  single=$(find "$out" -name '*.pdf' ! -samefile "$merged" | sort | head -n 1)
fi

# --- LibreOffice: the same letter as a flat ODT per person, a throwaway profile (created by
# one untimed conversion first: a secretary's LibreOffice already has its profile).
letters="$work/letters"
python3 scripts/bench-pdf-letter.py letters "$warm" "$letters" --date "$day" --start "$start" \
  --end "$end" --place "$place" --atelier "$atelier_title"
profile="file://$work/lo-profile"
soffice_pdf() { # soffice_pdf OUTDIR FILE…
  local dir="$1"
  shift
  soffice "-env:UserInstallation=$profile" --headless --norestore --convert-to pdf \
    --outdir "$dir" "$@" >>"$work/soffice.log" 2>&1 || { cat "$work/soffice.log" >&2; exit 1; }
}
soffice_pdf "$work/lo-warmup" "$letters/convocation-0001.fodt"
lo_version=$(soffice "-env:UserInstallation=$profile" --version | awk '{ print $2 }')

cold=()
for ((i = 1; i <= lo_runs; i++)); do
  rm -rf "$work/lo-cold"
  t0=$(now)
  soffice_pdf "$work/lo-cold" "$letters/convocation-0001.fodt"
  t1=$(now)
  cold+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')")
done
lo_letter="$work/lo-cold/convocation-0001.pdf"
[[ -f "$lo_letter" ]] || { cat "$work/soffice.log" >&2; exit 1; }
lo_cold=$(printf '%s\n' "${cold[@]}" | median)

batch=()
for ((i = 1; i <= lo_runs; i++)); do
  rm -rf "$work/lo-warm"
  t0=$(now)
  soffice_pdf "$work/lo-warm" "$letters"/*.fodt
  t1=$(now)
  batch+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')")
done
converted=$(find "$work/lo-warm" -name '*.pdf' | wc -l)
((converted == warm)) || { echo "LibreOffice n'a converti que $converted lettre(s) sur $warm." >&2; exit 1; }
lo_warm=$(printf '%s\n' "${batch[@]}" | median | awk -v n="$warm" '{ print $1 / n }')

# --- The table, to paste in BENCHMARKS.md.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f ×", a / b }'; }
echo
echo "Run of $(date +%F) ($(nproc) cores), LibreOffice $lo_version, median of $runs runs (ours) or $lo_runs (LibreOffice):"
echo
echo "| measure | median | goal |"
echo "|---|---|---|"
if ((ours)); then
  echo "| $people convocations, folder + merged file (\`export pdf convocations\`, release) | $(ms "$ours_batch") | < 2 000 ms |"
  echo "| Ateliers, per letter (batch / $people) | $(ms "$ours_letter") | — |"
fi
echo "| LibreOffice, 1 letter per \`soffice --headless --convert-to pdf\` call | $(ms "$lo_cold") | — |"
echo "| LibreOffice, $warm letters in one call, per letter | $(ms "$lo_warm") | — |"
if ((ours)); then
  echo "| ratio per letter, against 1 letter per call | $(ratio "$lo_cold" "$ours_letter") | ≥ 50 × |"
  echo "| ratio per letter, against $warm letters per call | $(ratio "$lo_warm" "$ours_letter") | ≥ 50 × |"
  echo "| one-page convocation ($(pages "$single") page), per-person file | $(kb "$single") | < 60 KB |"
  echo "| merged file ($(pages "$merged") pages) | $(kb "$merged") | — |"
fi
echo "| LibreOffice's letter ($(pages "$lo_letter") page) | $(kb "$lo_letter") | — |"
if ((ours)); then
  echo
  echo "Files written by the export: $files PDF (expected $((people + 1)): one per person and the merged one, $(basename "$merged"))."
fi
