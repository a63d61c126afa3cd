#!/usr/bin/env bash
# Runs every test of the solution (restoring and building first) and ends with one line "N passed, N failed".
# Extra arguments go to dotnet test (e.g. --filter "Category!=Heavy"). Tests that need ../shared or a native library
# are skipped when it is missing, or fail with LEM_REQUIRE_SHARED=1, which .ci/run sets (docs/testing.md).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scripts/setup.sh || exit 1

# PostgreSQL tests: in CI (CI=true) or with LEM_TEST_POSTGRES=1, and not with LEM_TEST_POSTGRES=0, a throwaway server on
# loopback (scripts/postgres.sh) that this script stops at the end when it started it. Without it they are skipped,
# except in CI, where they fail.
pg_started=0
stop_postgres() { [ "$pg_started" = 1 ] && scripts/postgres.sh stop || true; }
trap stop_postgres EXIT
ci="$(echo "${CI:-}" | tr '[:upper:]' '[:lower:]')"
if [ "${LEM_TEST_POSTGRES:-}" != 0 ] && { [ "$ci" = true ] || [ "$ci" = 1 ] || [ "${LEM_TEST_POSTGRES:-}" = 1 ]; }; then
  scripts/postgres.sh status 2>/dev/null || pg_started=1
  LEM_TEST_POSTGRES_CS="$(scripts/postgres.sh start)" || exit 1
  export LEM_TEST_POSTGRES_CS
fi

log="$(mktemp)"
trap 'rm -f "$log"; stop_postgres' EXIT
dotnet test Lem.slnx -c Release --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Sum the per-assembly result lines: "Passed!  - Failed:     0, Passed:    56, Skipped:     0, Total:    56, ..."
summary="$(grep -E '(Passed|Failed|Skipped)! +- Failed: ' "$log" | sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\1 \2 \3/' \
  | awk '{f+=$1; p+=$2; s+=$3; n++} END {printf "%d %d %d %d", p, f, s, n}')"
read -r passed failed skipped assemblies <<<"${summary:-0 0 0 0}"
echo
echo "Test assemblies: ${assemblies}"
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -eq 0 ] && [ "${passed}" -eq 0 ]; then
  echo "No test ran." >&2
  exit 1
fi
exit "$status"
