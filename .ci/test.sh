#!/usr/bin/env bash
# The README's test command: installs what the tests need (Debian's Chromium and Node.js), then runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)          # the browser tests
command -v node >/dev/null || missing+=(nodejs)          # the canvas module's unit tests
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
summary=$(grep -Eo 'Failed: +[0-9]+, Passed: +[0-9]+' "$log" | tail -n 1 || true)
if [ -n "$summary" ]; then
  failed=$(echo "$summary" | grep -Eo 'Failed: +[0-9]+' | grep -Eo '[0-9]+')
  passed=$(echo "$summary" | grep -Eo 'Passed: +[0-9]+' | grep -Eo '[0-9]+')
  echo "$passed passed, $failed failed"
fi
rm -f "$log"
[ "$node_status" -eq 0 ] || echo "the canvas module's Node tests failed"
[ "$status" -ne 0 ] && exit "$status"
exit "$node_status"
