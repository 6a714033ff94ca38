#!/usr/bin/env bash
# The communes' import of BENCHMARKS.md (issue 21): a file shaped like INSEE's code officiel
# géographique (35,000 communes, 2,200 communes déléguées, names shared by many communes)
# imported by the release CLI into a new base, three times, then once more into the filled
# base (everything matched). Prints the wall-clock time of each run.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p ateliers --bin ateliers >&2
cli="${CARGO_TARGET_DIR:-target}/release/ateliers"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work/v_commune.csv" <<'PY'
import random, sys
random.seed(1)
lines = ["TYPECOM,COM,REG,DEP,CTCD,ARR,TNCC,NCC,NCCENR,LIBELLE,CAN,COMPARENT"]
deps = [f"{d:02d}" for d in range(1, 96) if d != 20] + ["2A", "2B"]
for i in range(35000):
    dep = deps[i % len(deps)]
    name = (random.choice(["Saint-", "Sainte-", "", "", "La ", "Le "])
            + random.choice(["Martin", "Colombe", "Louis", "Hilaire", "Bois", "Mont", "Val", "Rivière"])
            + ("-sur-" + random.choice(["Loire", "Mer", "Rhin"]) if i % 3 == 0 else "")
            + (f" {i % 50}" if i % 7 == 0 else ""))
    lines.append(f'COM,{dep}{i // len(deps) + 1:03d},44,{dep},{dep}D,{dep}1,0,{name.upper()},{name},"{name}",{dep}99,')
for i in range(2200):
    dep = deps[i % len(deps)]
    lines.append(f"COMD,{dep}9{i % 100:02d},44,{dep},x,x,0,DELEGUEE {i},Déléguée {i},Déléguée {i},,")
open(sys.argv[1], "w", encoding="utf-8").write("\r\n".join(lines) + "\r\n")
PY
for run in 1 2 3; do
  rm -f "$work"/base.sqlite3*
  "$cli" --db "$work/base.sqlite3" list ateliers >/dev/null 2>&1
  start=$(date +%s%N)
  "$cli" --db "$work/base.sqlite3" import communes "$work/v_commune.csv" 2>/dev/null
  echo "run $run: $(( ($(date +%s%N) - start) / 1000000 )) ms"
done
start=$(date +%s%N)
"$cli" --db "$work/base.sqlite3" import communes "$work/v_commune.csv" 2>/dev/null
echo "again, every commune matched: $(( ($(date +%s%N) - start) / 1000000 )) ms"
