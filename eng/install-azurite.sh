#!/usr/bin/env bash
# Installs Azurite (the Azure Storage emulator, npm package `azurite`) into artifacts/tools/azurite,
# for the MarketplaceLeads.AzureTables tests, .ci/run and local use. Idempotent: does nothing when
# the pinned version is already there. Needs Node.js 18+ and npm.
# Usage: bash eng/install-azurite.sh   (then artifacts/tools/azurite/node_modules/.bin/azurite-table)
set -euo pipefail
cd "$(dirname "$0")/.."
version=3.37.0
prefix=artifacts/tools/azurite
bin="$prefix/node_modules/.bin/azurite-table"
installed=$(node -p "require('./$prefix/node_modules/azurite/package.json').version" 2>/dev/null || true)
if [ -x "$bin" ] && [ "$installed" = "$version" ]; then
  echo "Azurite $version: already installed ($bin)"
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "npm (Node.js 18+) is required to install Azurite; install Node.js and run again." >&2
  exit 1
fi
mkdir -p "$prefix"
npm install --no-audit --no-fund --prefix "$prefix" "azurite@$version"
echo "Azurite $version: installed ($bin)"
