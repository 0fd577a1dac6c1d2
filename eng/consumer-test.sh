#!/usr/bin/env bash
# Consumer-style test: packs the libraries to a local folder with a version of their own, restores them by that
# version into a throwaway application outside the repository (eng/consumer-app: AddMarketplaceLeads() with a
# custom ILeadSink and UseSqlite), runs it on the sample payloads in samples/payloads/, and checks what it printed.
# Package sources other than the local folder are inherited from the machine's NuGet configuration.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
start=$SECONDS

# A version no earlier run used, so the global packages folder cannot serve a stale copy.
version="0.1.0-consumer.$(date +%Y%m%d%H%M%S).$$"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
packages="$work/packages"
app="$work/app"

echo "consumer-test: packing $version"
dotnet pack src/MarketplaceLeads -c Release -o "$packages" -p:PackageVersion="$version" -v quiet -nologo >/dev/null
dotnet pack src/MarketplaceLeads.Sqlite -c Release -o "$packages" -p:PackageVersion="$version" -v quiet -nologo >/dev/null
ls "$packages"

mkdir -p "$app"
cp eng/consumer-app/Program.cs "$app/"
sed "s/@VERSION@/$version/g" eng/consumer-app/ConsumerApp.csproj.template > "$app/ConsumerApp.csproj"
cat > "$app/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="consumer-test-local" value="$packages" />
  </packageSources>
</configuration>
XML

samples=(samples/payloads/https-contact-me.json samples/payloads/https-portal-create.json samples/payloads/https-test-lead.json)
for sample in "${samples[@]}"; do
  [ -f "$sample" ] || { echo "consumer-test: missing sample $sample" >&2; exit 1; }
done
absolute=()
for sample in "${samples[@]}"; do absolute+=("$(cd "$(dirname "$sample")" && pwd)/$(basename "$sample")"); done

echo "consumer-test: restoring MarketplaceLeads $version by version and running the app"
output=$(cd "$app" && dotnet run -c Release -- "${absolute[@]}")
echo "$output"
grep -q "^consumer: 3 accepted, 2 delivered to the custom sink$" <<<"$output" || {
  echo "consumer-test: FAILED (expected 3 accepted leads, 2 delivered: the test lead is accepted but not delivered)" >&2
  exit 1
}
echo "consumer-test: passed in $((SECONDS - start)) s"

# The README's samples, verbatim, in a fresh app with only the packages the README names.
bash eng/readme-test.sh "$packages" "$version"
