#!/usr/bin/env bash
# Installs what Lem needs beyond the .NET SDK, when it is missing. Safe to run again: it only acts on what is absent.
# Usage: scripts/setup.sh [--quiet]
set -euo pipefail
quiet=0
[ "${1:-}" = "--quiet" ] && quiet=1
say() { [ "$quiet" = 1 ] || echo "setup: $*"; }

if ! command -v dotnet >/dev/null 2>&1; then
  echo "setup: the .NET SDK (dotnet) is not on PATH; install the .NET 10 SDK first (https://dotnet.microsoft.com)." >&2
  exit 1
fi

major="$(dotnet --version 2>/dev/null | cut -d. -f1)"
if [ "${major:-0}" -lt 10 ]; then
  echo "setup: Lem needs the .NET 10 SDK or newer; found $(dotnet --version)." >&2
  exit 1
fi

# Debian packages the platform's native back ends need, one per line: "library-file package".
# (Later features add their solver and database packages here.)
# PostgreSQL (Debian package postgresql) is installed only for the tests that need it, by scripts/postgres.sh.
native_packages=(
  "libklu.so.1 libklu1"
  "libipopt.so.1 coinor-libipopt1v5"
)

missing=()
for entry in "${native_packages[@]+"${native_packages[@]}"}"; do
  lib="${entry%% *}"; pkg="${entry##* }"
  if ! ldconfig -p 2>/dev/null | grep -q "$lib"; then missing+=("$pkg"); fi
done

# Debian packages whose program must be on PATH, one per line: "program package". Node.js and npm build the web
# dashboard's assets (src/Lem.Server/Dashboard, restored from the npm registry by the build when node_modules is
# missing); chromium runs the browser tests (tests/Lem.Server.BrowserTests, docs/dashboard.md).
program_packages=(
  "node nodejs"
  "npm npm"
  "chromium chromium"
)
for entry in "${program_packages[@]}"; do
  prog="${entry%% *}"; pkg="${entry##* }"
  if ! command -v "$prog" >/dev/null 2>&1; then missing+=("$pkg"); fi
done

# Fonts for the plots' text (docs/reports.md#fonts): ScottPlot draws with SkiaSharp's NoDependencies native build, which
# needs no fontconfig but reads font files from /usr/share/fonts; a clean Debian has none.
if [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then missing+=("fonts-dejavu-core"); fi

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "setup: missing Debian packages: ${missing[*]}; install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi

say "ok: .NET $(dotnet --version)"
