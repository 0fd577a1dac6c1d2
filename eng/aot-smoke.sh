#!/usr/bin/env bash
# NativeAOT smoke test: publishes tests/MarketplaceLeads.AotSmoke with PublishAot and runs the native
# binary, which checks LeadSource parsing, the readers, the normalised views (libphonenumber) and the
# JSON round trips, the Dataverse, Salesforce and HubSpot sinks (packages MarketplaceLeads.Dataverse, MarketplaceLeads.Salesforce, MarketplaceLeads.HubSpot), the alert notifiers (MarketplaceLeads.Http, MarketplaceLeads.Smtp), the Partner Center source (MarketplaceLeads.PartnerCenter) and the dashboard (MarketplaceLeads.Dashboard, in a tiny ASP.NET Core host), and exits non-zero if any check fails. Trim/AOT warnings (ILxxxx) are errors
# (TreatWarningsAsErrors), so a publish that warns fails here too.
#
# Native prerequisites (https://aka.ms/nativeaot-prerequisites): a C toolchain that can link (clang,
# or gcc, which the ILCompiler targets fall back to), objcopy for symbol stripping, and the zlib
# headers the prerequisites list (the .NET 10 runtime pack links its own libz.a, so they are only used
# when it has none). Whatever is missing is installed with apt-get, non-interactively; nothing is
# installed when all are present.
#
# Usage: eng/aot-smoke.sh            (RID defaults to the machine's: linux-x64 or linux-arm64)
#        AOT_SMOKE_RID=linux-x64 eng/aot-smoke.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
start=$SECONDS

project=tests/MarketplaceLeads.AotSmoke
case "$(uname -m)" in
  x86_64) default_rid=linux-x64 ;;
  aarch64 | arm64) default_rid=linux-arm64 ;;
  *) default_rid= ;;
esac
rid=${AOT_SMOKE_RID:-$default_rid}
if [ -z "$rid" ]; then
  echo "Unknown machine '$(uname -m)'; set AOT_SMOKE_RID (for example linux-x64)." >&2
  exit 2
fi
out=artifacts/aot-smoke/$rid
binary=$out/MarketplaceLeads.AotSmoke

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET SDK is required (see global.json); install it and run again." >&2
  exit 1
fi

# A compiler that links a trivial program (a compiler without libc6-dev cannot).
can_link() {
  local cc dir
  dir=$(mktemp -d)
  for cc in clang gcc; do
    if command -v "$cc" >/dev/null 2>&1 \
      && printf 'int main(void) { return 0; }\n' | "$cc" -x c - -o "$dir/a.out" >/dev/null 2>&1; then
      rm -rf "$dir"
      echo "$cc"
      return 0
    fi
  done
  rm -rf "$dir"
  return 1
}

echo "::: native prerequisites"
missing=()
if ! linker=$(can_link); then missing+=(clang); fi
if ! command -v objcopy >/dev/null 2>&1 && ! command -v llvm-objcopy >/dev/null 2>&1; then missing+=(binutils); fi
if [ ! -f /usr/include/zlib.h ]; then missing+=(zlib1g-dev); fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "apt-get not found; install a C toolchain (clang or gcc), objcopy and the zlib headers, then run again." >&2
    exit 1
  fi
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "Installing ${missing[*]} needs root; run as root or install them first." >&2
      exit 1
    fi
    sudo=(sudo -n)
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  linker=$(can_link) || { echo "No working C toolchain after installing ${missing[*]}." >&2; exit 1; }
fi
echo "linker: $linker ($(command -v "$linker"))"

echo "::: publish $project (Release, $rid, PublishAot)"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet publish "$project" -c Release -r "$rid" -o "$out" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One summary of trim/AOT analysis warnings, each with the assembly it names, for log readers.
# MSBuild repeats each warning in its summary; the trailing "[project]" is dropped to count it once.
warnings=$(grep -E '(warning|error) IL[0-9]{4}' "$log" | sed -E 's/^ +//; s/ \[[^]]*\]$//' | sort -u || true)
if [ -n "$warnings" ]; then
  echo "trim/AOT warnings:"
  sed 's/^/  /' <<<"$warnings"
else
  echo "trim/AOT warnings: none"
fi
if [ "$status" -ne 0 ]; then
  echo "publish failed (exit $status)" >&2
  exit "$status"
fi

echo "::: run $binary"
ls -l "$binary"
set +e
"$binary" --expect-native
status=$?
set -e
echo "aot-smoke: exit $status after $((SECONDS - start)) s"
exit "$status"
