#!/usr/bin/env bash
# Reproduces the calendar figures of BENCHMARKS.md (issue 12), side by side in one run:
# the all-ateliers calendar of a 10,000-meeting base written by us (release) and the same
# number of events written by Python's `icalendar`; then 1,000 meetings published to a
# Radicale CalDAV server started here on 127.0.0.1, first time and with nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-system-deps.sh --tests
scripts/checkers.sh
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
python=target/checkers/venv/bin/python

work=$(mktemp -d)
port=$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$python" tests/checkers/radicale_serve.py "$work/radicale" "$port" banc motdepasse >"$work/radicale.log" 2>&1 &
radicale=$!
trap 'kill $radicale 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do
  (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done

ATELIERS_BENCH_CALDAV_URL="http://127.0.0.1:$port/banc/ateliers/" \
ATELIERS_BENCH_CALDAV_USER=banc ATELIERS_BENCH_CALDAV_PASSWORD=motdepasse \
  cargo bench -p ateliers --bench calendar | tee "$work/ours.txt"

events=$(sed -n 's/^ateliers: \([0-9]*\) events, \([0-9]*\) ms$/\1/p' "$work/ours.txt")
ours_ms=$(sed -n 's/^ateliers: \([0-9]*\) events, \([0-9]*\) ms$/\2/p' "$work/ours.txt")
best=""
for _ in 1 2 3; do
  ms=$("$python" scripts/bench-ics.py "$events" "$work/python.ics" | sed -n 's/.*events, \([0-9.]*\) ms$/\1/p')
  echo "python-icalendar: $events events, $ms ms"
  if [[ -z "$best" ]] || awk -v a="$ms" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$ms; fi
done
awk -v p="$best" -v o="$ours_ms" -v n="$events" \
  'BEGIN { printf "Calendrier de %d réunions : Ateliers %d ms, Python icalendar %d ms (meilleur de 3) : %.0f × plus rapide\n", n, o, p, p / (o > 0 ? o : 1) }'
