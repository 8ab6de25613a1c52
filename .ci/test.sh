#!/usr/bin/env bash
# The README's test command: installs what the tests need (Debian's Chromium, Node.js, PostgreSQL and Redis), then runs
# every test (the two-node tests start their own PostgreSQL and Redis), and the integration tests again on a throw-away
# PostgreSQL cluster.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)          # the browser tests
command -v node >/dev/null || missing+=(nodejs)          # the canvas module's unit tests
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)   # the PostgreSQL pass and the two-node tests
command -v redis-server >/dev/null || missing+=(redis-server)                     # the two-node tests' live events
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian's ${missing[*]} for the tests..."
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The canvas module's pure geometry, under Node's own test runner.
set +e
node --test LabelerWorkbench.Tests/Editor/*.test.mjs
node_status=$?
set -e

log=$(mktemp)
set +e
dotnet test LabelerWorkbench.sln -c Release 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One plain closing line: "N passed, N failed".
summarise() {
  local summary failed passed
  summary=$(grep -Eo 'Failed: +[0-9]+, Passed: +[0-9]+' "$1" | tail -n 1 || true)
  [ -n "$summary" ] || return 0
  failed=$(echo "$summary" | grep -Eo 'Failed: +[0-9]+' | grep -Eo '[0-9]+')
  passed=$(echo "$summary" | grep -Eo 'Passed: +[0-9]+' | grep -Eo '[0-9]+')
  echo "$2: $passed passed, $failed failed"
}
summarise "$log" "SQLite, every test"

# The integration tests again on PostgreSQL: the same services, queries and migrations through Npgsql. The cluster
# lives in a temporary folder and is stopped and removed on the way out, whatever happens.
pg_dir=$(mktemp -d)
trap 'bash scripts/local-postgres.sh stop "$pg_dir"' EXIT
pg_server=$(bash scripts/local-postgres.sh start "$pg_dir" | tail -n 1)
set +e
LW_TEST_POSTGRES="$pg_server" dotnet test LabelerWorkbench.Tests -c Release --no-build \
  --filter "FullyQualifiedName~LabelerWorkbench.Tests.Integration" 2>&1 | tee "$log"
pg_status=${PIPESTATUS[0]}
set -e
summarise "$log" "PostgreSQL, integration tests"
rm -f "$log"
[ "$pg_status" -eq 0 ] || echo "the integration tests failed on PostgreSQL"
[ "$status" -eq 0 ] && status=$pg_status
[ "$node_status" -eq 0 ] || echo "the canvas module's Node tests failed"
[ "$status" -ne 0 ] && exit "$status"
exit "$node_status"
