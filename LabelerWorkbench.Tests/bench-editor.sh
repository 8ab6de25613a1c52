#!/usr/bin/env bash
# The editor benchmark: a page of many regions in Chromium, time to drawn and per-step cost of zoom, drag, select
# and typing. Usage: bash LabelerWorkbench.Tests/bench-editor.sh [--regions N (1..20000, default 3000)] [--steps N (1..1000, default 20)]
set -euo pipefail
usage() { echo "usage: bash LabelerWorkbench.Tests/bench-editor.sh [--regions N] [--steps N]" >&2; echo "  --regions N  regions on the page, 1 to 20000 (default 3000)" >&2; echo "  --steps N    input steps per gesture, 1 to 1000 (default 20)" >&2; }
fail() { echo "bench-editor: $1" >&2; usage; exit 2; }
number() { [[ "$2" =~ ^[0-9]+$ ]] && (( 10#$2 >= 1 && 10#$2 <= $3 )) || fail "$1 must be a whole number from 1 to $3, not '$2'"; }
regions=3000 steps=20
while (( $# )); do
  case "$1" in
    --regions) (( $# >= 2 )) || fail "--regions needs a value"; number --regions "$2" 20000; regions=$((10#$2)); shift 2 ;;
    --steps) (( $# >= 2 )) || fail "--steps needs a value"; number --steps "$2" 1000; steps=$((10#$2)); shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) fail "unknown option '$1'" ;;
  esac
done
[[ -x /usr/bin/chromium ]] || fail "Chromium is needed at /usr/bin/chromium (apt-get install chromium)"
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! LW_BENCH_EDITOR=1 LW_BENCH_REGIONS=$regions LW_BENCH_STEPS=$steps dotnet test LabelerWorkbench.Tests -c Release \
     --filter FullyQualifiedName~EditorBenchmark --logger "console;verbosity=detailed" > "$log" 2>&1; then
  tail -n 60 "$log" >&2; echo "bench-editor: the benchmark failed (above)" >&2; exit 1
fi
sed -n '/^ *editor benchmark:/,/^ *$/p' "$log" | sed 's/^ *//'
