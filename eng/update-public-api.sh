#!/usr/bin/env bash
# Brings the project's PublicAPI.Unshipped.txt up to date with what the PublicApiAnalyzers report: every public
# symbol declared nowhere (RS0016) is appended, every declared symbol that no longer exists (RS0017) is removed.
# Review the diff: each added line is a public API promise, each removed one a breaking change for the CHANGELOG.
# Usage: eng/update-public-api.sh src/MarketplaceLeads
set -euo pipefail
project_dir=${1:?usage: eng/update-public-api.sh <project folder>}
unshipped="$project_dir/PublicAPI.Unshipped.txt"
report=$(dotnet build "$project_dir" -c Release --no-incremental -p:TreatWarningsAsErrors=false 2>&1 || true)
new=$(grep 'RS0016' <<<"$report" | sed -E "s/.*Symbol '(.*)' is not part of the declared public API.*/\1/" | sort -u || true)
gone=$(grep 'RS0017' <<<"$report" | sed -E "s/.*Symbol '(.*)' is part of the declared API, but is either not public or could not be found.*/\1/" | sort -u || true)
if [ -z "$new" ] && [ -z "$gone" ]; then echo "PublicAPI: up to date"; exit 0; fi
{ grep -v '^#nullable' "$unshipped" | grep -vxF -f <(printf '%s\n' "$gone" | grep -v '^$' || echo '\x00') || true; [ -z "$new" ] || printf '%s\n' "$new"; } | sort -u > "$unshipped.tmp"
{ echo '#nullable enable'; cat "$unshipped.tmp"; } > "$unshipped"
rm "$unshipped.tmp"
echo "PublicAPI: added $(printf '%s' "$new" | grep -c . || true), removed $(printf '%s' "$gone" | grep -c . || true) line(s) in $unshipped"
