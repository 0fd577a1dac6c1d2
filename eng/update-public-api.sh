#!/usr/bin/env bash
# Appends every public symbol the PublicApiAnalyzers report as undeclared (RS0016) to the
# project's PublicAPI.Unshipped.txt. Review the diff: each added line is a public API promise.
# Usage: eng/update-public-api.sh src/MarketplaceLeads
set -euo pipefail
project_dir=${1:?usage: eng/update-public-api.sh <project folder>}
unshipped="$project_dir/PublicAPI.Unshipped.txt"
new=$(dotnet build "$project_dir" -c Release --no-incremental -p:TreatWarningsAsErrors=false 2>&1 \
  | grep 'RS0016' \
  | sed -E "s/.*Symbol '(.*)' is not part of the declared public API.*/\1/" \
  | sort -u || true)
if [ -z "$new" ]; then echo "PublicAPI: nothing to add"; exit 0; fi
{ grep -v '^#nullable' "$unshipped" || true; printf '%s\n' "$new"; } | sort -u > "$unshipped.tmp"
{ echo '#nullable enable'; cat "$unshipped.tmp"; } > "$unshipped"
rm "$unshipped.tmp"
echo "PublicAPI: added $(printf '%s\n' "$new" | wc -l) line(s) to $unshipped"
