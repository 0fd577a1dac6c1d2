#!/usr/bin/env bash
# README test: every ```csharp block of README.md is a whole Program.cs. Each one is pasted, as it is, into a
# fresh `dotnet new console` app that adds only the packages the README's Install section tells a user to add
# (its `dotnet add package` lines, run as written, with our own packages pinned to the version just packed),
# then built and run; any build error or non-zero exit fails the test.
# Usage: eng/readme-test.sh <folder with the packed .nupkg files> <their version>   (eng/consumer-test.sh calls it)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
packages=${1:?usage: eng/readme-test.sh <packages folder> <version>}
version=${2:?usage: eng/readme-test.sh <packages folder> <version>}
start=$SECONDS
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
app="$work/ReadmeApp"

# The README's install lines (```bash block under "## Install"), without comments.
mapfile -t installs < <(awk '/^## Install/{f=1} f&&/^```bash/{b=1;next} b&&/^```/{exit} b' README.md | sed 's/[[:space:]]*#.*$//' | grep '^dotnet add package ')
[ "${#installs[@]}" -gt 0 ] || { echo "readme-test: README.md has no 'dotnet add package' line under ## Install" >&2; exit 1; }

dotnet new console -o "$app" -n ReadmeApp >/dev/null
cat > "$app/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="readme-test-local" value="$packages" />
  </packageSources>
</configuration>
XML
for line in "${installs[@]}"; do
  read -r -a words <<<"$line"
  package=${words[3]}
  if [[ $package == MarketplaceLeads* ]]; then
    # The README's --prerelease picks the newest preview; pin the one just packed instead (dotnet refuses both).
    pinned=()
    for word in "${words[@]}"; do [ "$word" = "--prerelease" ] || pinned+=("$word"); done
    words=("${pinned[@]}" --version "$version")
  fi
  echo "readme-test: ${words[*]}"
  (cd "$app" && "${words[@]}" >"$work/add.log" 2>&1) || { cat "$work/add.log" >&2; exit 1; }
done

# Every ```csharp block, one file each.
blocks="$work/blocks"
mkdir -p "$blocks"
awk -v dir="$blocks" '/^```csharp$/{n++; f=sprintf("%s/%02d.cs", dir, n); inb=1; next} inb&&/^```$/{inb=0; next} inb{print > f}' README.md
count=$(ls "$blocks" | wc -l)
[ "$count" -gt 0 ] || { echo "readme-test: README.md has no csharp block" >&2; exit 1; }

failed=0
for block in "$blocks"/*.cs; do
  cp "$block" "$app/Program.cs"
  name="README block $(basename "$block" .cs) of $count ($(grep -m1 -v '^using \|^$' "$block" | cut -c1-60))"
  if ! (cd "$app" && dotnet build -c Release -nologo -v quiet >"$work/build.log" 2>&1); then
    echo "readme-test: FAILED to build $name:" >&2
    grep -E 'error|warning' "$work/build.log" | sort -u >&2 || cat "$work/build.log" >&2
    failed=1
    continue
  fi
  if ! (cd "$work" && dotnet "$app/bin/Release/net10.0/ReadmeApp.dll" >"$work/run.log" 2>&1); then
    echo "readme-test: FAILED to run $name:" >&2
    cat "$work/run.log" >&2
    failed=1
    continue
  fi
  echo "readme-test: $name: built and ran ($(wc -l <"$work/run.log") lines of output)"
done
[ "$failed" -eq 0 ] || exit 1
echo "readme-test: passed ($count blocks) in $((SECONDS - start)) s"
