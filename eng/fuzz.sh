#!/usr/bin/env bash
# The opt-in long fuzzing run (docs/fuzzing.md): every fuzz target (tests with [Trait("Category", "Fuzz")]) with many
# more inputs than CI's 10,000, printing per target: inputs, inputs/s, outcomes (leads, errors by reason class),
# the most allocated per input, the slowest input and the failures. The numbers also go to artifacts/fuzz/.
# Usage: bash eng/fuzz.sh [iterations] [iterations of the CLI and endpoint targets]
#   iterations   inputs per target (default 1,000,000)
#   the second   inputs of the two slow targets, `marketplace-leads import` and POST /leads (default: the first)
# Environment: MARKETPLACELEADS_FUZZ_SEED (default 20261114, as in CI), FUZZ_FILTER (a dotnet test filter
# narrowing the targets, e.g. "FullyQualifiedName~ReaderFuzzTests").
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
iterations=${1:-1000000}
slow_iterations=${2:-$iterations}
export MARKETPLACELEADS_FUZZ_SEED=${MARKETPLACELEADS_FUZZ_SEED:-20261114}
filter="Category=Fuzz${FUZZ_FILTER:+&$FUZZ_FILTER}"
stamp=$(date -u +%Y-%m-%dT%H%M%SZ)
mkdir -p artifacts/fuzz
report="$PWD/artifacts/fuzz/report-$stamp.md"
{
  echo "Fuzzing run of $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), seed $MARKETPLACELEADS_FUZZ_SEED"
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ *//' || uname -m), $(free -g 2>/dev/null | awk '/Mem:/ {print $2 " GiB"}'), .NET SDK $(dotnet --version)"
  echo
  echo "| target | inputs | inputs/s | leads | errors | most frequent error reasons | max allocated per input | slowest input | failing inputs |"
  echo "| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |"
} > "$report"
export MARKETPLACELEADS_FUZZ_REPORT="$report"

status=0
for project in MarketplaceLeads.Tests MarketplaceLeads.Cli.Tests MarketplaceLeads.AspNetCore.Tests; do
  count=$iterations
  [ "$project" = MarketplaceLeads.Tests ] || count=$slow_iterations
  echo "::: $project: $count inputs per target"
  dotnet build "tests/$project" -c Release -v quiet -nologo
  MARKETPLACELEADS_FUZZ_ITERATIONS=$count dotnet test "tests/$project" --no-build -c Release --filter "$filter" \
    --logger "console;verbosity=detailed" > "artifacts/fuzz/$project-$stamp.log" 2>&1 || status=1
  grep -E "^\s*(Passed|Failed) " "artifacts/fuzz/$project-$stamp.log" || true
done

echo
cat "$report"
echo
echo "Logs (reproducers of every failure): artifacts/fuzz/*-$stamp.log"
exit "$status"
