#!/usr/bin/env bash
# Runs the OCR benchmark in .NET and, side by side on the same images and cores, @gutenye/ocr-node in Node.js,
# optionally with busy loops on some cores for both (how each shares the CPU with a web server or other work).
# Usage: bash LabelerWorkbench/Cli/Bench/compare-with-ocr-node.sh [--images DIR] [--runs N] [--busy CORES] [-- BENCH OPTIONS]
#   BENCH OPTIONS go to `bench` (e.g. --threads 1 --spinning on).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
usage() { sed -n '4,5p' "$0" | sed 's/^# //' >&2; exit 2; }
images="$repo/assets/samples"; runs=5; busy=0
while [ $# -gt 0 ]; do
  case "$1" in
    --images) [ $# -ge 2 ] || usage; images="$2"; shift 2 ;;
    --runs) [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || { echo "--runs needs a whole number above 0" >&2; usage; }; runs="$2"; shift 2 ;;
    --busy) [[ "${2:-}" =~ ^[0-9]+$ ]] || { echo "--busy needs a whole number of cores" >&2; usage; }; busy="$2"; shift 2 ;;
    --) shift; break ;;
    *) echo "unknown option '$1'" >&2; usage ;;
  esac
done
[ -d "$images" ] || { echo "no folder '$images'" >&2; usage; }
images="$(cd "$images" && pwd)"

work="$(mktemp -d)"
loops=()
cleanup() { for p in "${loops[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
cp "$here/ocr-node-bench.mjs" "$work/"
(
  cd "$work"
  npm init -y >/dev/null
  # --ignore-scripts: onnxruntime-node's postinstall fetches GPU providers; its CPU binaries ship in the package.
  npm install --ignore-scripts --no-audit --no-fund @gutenye/ocr-node@1.4.8 >/dev/null
)
dotnet build -c Release "$repo/LabelerWorkbench" >/dev/null
for _ in $(seq 1 "$busy"); do bash -c 'while :; do :; done' & loops+=($!); done
[ "$busy" -gt 0 ] && echo "Busy loops on $busy core(s) during both runs"
(cd "$work" && node ocr-node-bench.mjs "$images" "$runs" "$work/node.json")
dotnet run -c Release --no-build --no-launch-profile --project "$repo/LabelerWorkbench" -- bench --images "$images" --runs "$runs" --node "$work/node.json" "$@"
