#!/usr/bin/env bash
# Conformance by an independent tool: schemathesis generates requests from spec/workspaces.yaml,
# sends them to the demo server over HTTP, and checks every answer against the spec.
#
#   scripts/schemathesis.sh [TOOLS_DIR [EXTRA_ST_RUN_ARGS...]]
#
# Installs the pinned schemathesis into TOOLS_DIR/schemathesis (default target/ci-tools), builds
# and starts the demo on a loopback port, waits for it, runs the checks, and stops the demo.
# Settings beyond the command line are in scripts/schemathesis.toml. Exits non-zero on any
# failure; the summary's "N generated, N passed" counts test cases (one request or more each).
set -euo pipefail
cd "$(dirname "$0")/.."
tools="${1:-$PWD/target/ci-tools}"
mkdir -p "$tools"
tools="$(cd "$tools" && pwd)"
venv="$tools/schemathesis"
port="${SCHEMATHESIS_PORT:-29123}"
token="schemathesis-$RANDOM$RANDOM"

rm -rf "$tools/schemathesis-report"
source scripts/schemathesis-lib.sh
st_install "$tools"

cargo build --quiet -p workspaces-demo
st_serve "$port" target/debug/workspaces-demo --addr "127.0.0.1:$port" --token "$token"

# One worker: CPython 3.11 (this machine's) keeps one AST recursion counter for all threads, so
# hypothesis parsing lambdas in two worker threads at once fails now and then with "AST
# constructor recursion depth mismatch" (CPython gh-106905), a runtime error of the tool.
spec="$PWD/spec/workspaces.yaml"
config="$PWD/scripts/schemathesis.toml"
cd "$tools" # schemathesis keeps a cache in the working directory
"$venv/bin/st" --config-file "$config" run "$spec" \
  --url "http://127.0.0.1:$port/api/v2" \
  --header "Coder-Session-Token: $token" \
  --checks not_a_server_error,response_schema_conformance,content_type_conformance \
  --max-examples 150 \
  --seed 20261127 \
  --workers 1 \
  --request-timeout 10 \
  --report-dir "$tools/schemathesis-report" \
  --report junit,har \
  "${@:2}"

# The bar is at least 1,000 requests; the HAR report has one entry per request sent.
python3 - "$tools/schemathesis-report" <<'PY'
import glob, json, sys
entries = sum(len(json.load(open(f))["log"]["entries"]) for f in glob.glob(sys.argv[1] + "/har-*.json"))
print(f"schemathesis sent {entries} requests")
sys.exit(0 if entries >= 1000 else f"fewer than 1,000 requests: {entries}")
PY
