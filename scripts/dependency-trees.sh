#!/usr/bin/env bash
# The dependency trees of the generated crates with their features off, against the trees
# kept in tests/fixtures/trees/: the production hooks (token sources, middleware, tracing)
# must add nothing to a crate that does not ask for them. `--update` rewrites the kept trees
# after a deliberate change (a new dependency, `cargo update`); say why in the commit.
set -euo pipefail
cd "$(dirname "$0")/.."
kept=tests/fixtures/trees
status=0
for crate in workspaces-client workspaces-server store-client store-server; do
  # Normal dependencies only, with the crates' own paths left out (they differ per clone).
  tree=$(cargo tree --offline --locked -p "$crate" -e normal | sed -E 's# \(/[^)]*\)##')
  if [[ "${1:-}" == "--update" ]]; then
    printf '%s\n' "$tree" >"$kept/$crate.txt"
  elif ! diff -u "$kept/$crate.txt" <(printf '%s\n' "$tree"); then
    echo "the dependency tree of $crate changed (above); if that is meant, run $0 --update" >&2
    status=1
  fi
done
exit $status
