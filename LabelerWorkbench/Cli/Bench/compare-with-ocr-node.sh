#!/usr/bin/env bash
# Runs the OCR benchmark in .NET and, side by side on the same images and cores, @gutenye/ocr-node in Node.js.
# Usage: bash LabelerWorkbench/Cli/Bench/compare-with-ocr-node.sh [IMAGES_DIR] [RUNS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
images="$(cd "${1:-$repo/assets/samples}" && pwd)"
runs="${2:-5}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$here/ocr-node-bench.mjs" "$work/"
(
  cd "$work"
  npm init -y >/dev/null
  # --ignore-scripts: onnxruntime-node's postinstall fetches GPU providers; its CPU binaries ship in the package.
  npm install --ignore-scripts --no-audit --no-fund @gutenye/ocr-node@1.4.8 >/dev/null
  node ocr-node-bench.mjs "$images" "$runs" "$work/node.json"
)
dotnet run -c Release --project "$repo/LabelerWorkbench" -- bench --images "$images" --runs "$runs" --node "$work/node.json"
