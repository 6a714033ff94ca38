#!/usr/bin/env bash
# Cargo's runner for the target x86_64-pc-windows-gnu (.cargo/config.toml): runs a Windows
# program (a test binary, the CLI) under Debian's Wine, in a Wine prefix of its own beside
# the build, which holds the test-only stand-in for bcryptprimitives.dll.
# Usage: scripts/windows/wine-run.sh PROGRAM.exe [ARGUMENTS…]
set -euo pipefail
program="$1"
shift
here="$(cd "$(dirname "$0")" && pwd)"
wine=/usr/lib/wine/wine64
if [[ ! -x "$wine" ]]; then
  echo "Wine est introuvable ($wine) : installez-le avec scripts/install-system-deps.sh --windows" >&2
  exit 1
fi
target="$(cd "$here/../.." && pwd)/target"
export WINEPREFIX="${WINEPREFIX:-${CARGO_TARGET_DIR:-$target}/wine-prefix}"
export WINEDEBUG="${WINEDEBUG:--all}"
# No Mono nor Gecko to install: nothing here needs .NET or a web engine.
export WINEDLLOVERRIDES="${WINEDLLOVERRIDES:-mscoree,mshtml=}"
# The prefix, made once; the stand-in DLL in its system32, so that every program run in it
# (a test and the CLI it starts) finds it.
system32="$WINEPREFIX/drive_c/windows/system32"
if [[ ! -f "$WINEPREFIX/system.reg" ]]; then
  mkdir -p "$WINEPREFIX"
  "$wine" wineboot --init >/dev/null 2>&1 || true
fi
shim="$system32/bcryptprimitives.dll"
if [[ ! -f "$shim" || "$here/bcryptprimitives.c" -nt "$shim" ]]; then
  x86_64-w64-mingw32-gcc -O2 -shared -o "$shim.partial" "$here/bcryptprimitives.c" -ladvapi32
  mv "$shim.partial" "$shim"
fi
exec "$wine" "$program" "$@"
