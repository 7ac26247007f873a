#!/usr/bin/env bash
# prettier --check on markdown pages: PRETTIER PAGE...
#
# A page over 8 MB is checked as parts cut at its `## ` headings outside code fences. prettier
# formats a page block by block, so the parts formatted are the page formatted; whole, a page
# of that size (Stripe's reference page is 28 MB) takes prettier's parser past a 16 GB heap.
set -euo pipefail

prettier=$1
shift
parts=$(mktemp -d)
trap 'rm -rf "$parts"' EXIT

pages=()
for page in "$@"; do
  if [ "$(stat -c %s "$page")" -le 8000000 ]; then
    pages+=("$page")
    continue
  fi
  # Forty sections a part; the blank line before a cut belongs to neither part.
  stem="$parts/$(printf '%s' "$page" | tr -c 'A-Za-z0-9' '_')"
  awk -v stem="$stem" '
    /^```/ { fenced = !fenced }
    /^## / && !fenced { sections++ }
    { file = sprintf("%s-%05d.md", stem, int(sections / 40)); print > file }
  ' "$page"
  for part in "$stem"-*.md; do
    sed -i -e ':a' -e '/^\n*$/{$d;N;ba' -e '}' "$part"
    pages+=("$part")
  done
done
"$prettier" --check "${pages[@]}"
