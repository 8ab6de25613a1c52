#!/usr/bin/env bash
# The README's test command: installs what the tests need (Debian's Chromium), then runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's Chromium for the browser tests..."
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi

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
exit "$status"
