#!/usr/bin/env bash
# Every check of schemathesis (`--checks all`) against the constraints fixture
# (tests/fixtures/checks/checks.yaml), served by the example `checks_demo`: its negative data
# breaks the constraints and must get a 4xx, its positive data must get a 2xx, and every answer
# must conform to the document.
#
#   scripts/schemathesis-checks.sh [TOOLS_DIR [EXTRA_ST_RUN_ARGS...]]
#
# What the document makes impossible, and so is not asked:
# - addNote's body (application/x-www-form-urlencoded) and addPhoto's text parts
#   (multipart/form-data) carry text only. Negative data that changes a string field's type is
#   sent as text, which is a string again: `topics=true` is the string "true", which the
#   pattern `^[a-z]+$` allows; a `tags` part `{}` is a two-character string within its
#   `maxLength: 4`. No server can refuse what it cannot tell from a valid value, so these two
#   operations run every check but negative_data_rejection (tests/checks.rs shows their
#   constraints refused).
# Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
tools="${1:-$PWD/target/ci-tools}"
mkdir -p "$tools"
tools="$(cd "$tools" && pwd)"
port="${SCHEMATHESIS_PORT:-29124}"

source scripts/schemathesis-lib.sh
st_install "$tools"
cargo build --quiet -p tests --example checks_demo
st_serve "$port" target/debug/examples/checks_demo "127.0.0.1:$port"

spec="$PWD/tests/fixtures/checks/checks.yaml"
config="$PWD/scripts/schemathesis.toml"
cd "$tools" # schemathesis keeps a cache in the working directory
run() {
  # One worker: see scripts/schemathesis.sh.
  "$tools/schemathesis/bin/st" --config-file "$config" run "$spec" \
    --url "http://127.0.0.1:$port" \
    --checks all \
    --max-examples 100 \
    --seed 20261206 \
    --workers 1 \
    --request-timeout 10 \
    "$@"
}
run --exclude-operation-id addNote --exclude-operation-id addPhoto "${@:2}"
run --include-operation-id addNote --include-operation-id addPhoto \
  --exclude-checks negative_data_rejection "${@:2}"
