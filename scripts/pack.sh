#!/usr/bin/env bash
# Packs otto as a .NET tool and checks the packages install and run: the pointer package GitOtto plus
# GitOtto.linux-x64 (ReadyToRun) and GitOtto.any (portable), into artifacts/nupkg/. Then installs GitOtto
# from there into a temporary tool path, with a NuGet cache of its own and (where `unshare` allows it)
# without any network, and checks `otto --version` and the files otto points to.
#
#   scripts/pack.sh            pack and check
#   scripts/pack.sh --no-check pack only
set -euo pipefail
cd "$(dirname "$0")/.."

out=artifacts/nupkg
rm -rf "$out"
# The linux-x64 package is compiled ReadyToRun in pack's inner publish, whose crossgen pack the outer
# restore (no runtime identifier, so no ReadyToRun) does not fetch: on a machine that never had it, pack
# fails with NETSDK1094. Restoring for that runtime with ReadyToRun on fetches it (a no-op once there).
dotnet restore src/Otto.Cli -r linux-x64 -p:PublishReadyToRun=true -nologo -v quiet
dotnet pack src/Otto.Cli -c Release -o "$out" -nologo -v quiet
ls -l "$out"
[ "${1:-}" = "--no-check" ] && exit 0

check="$(mktemp -d)"
trap 'rm -rf "$check"' EXIT
offline=()
if unshare -n true 2>/dev/null; then offline=(unshare -n); fi
# Only the packages just made: no other source is asked (and with unshare, none could answer).
cat > "$check/nuget.config" <<CONFIG
<configuration><packageSources><clear /><add key="otto" value="$(pwd)/$out" /></packageSources></configuration>
CONFIG
NUGET_PACKAGES="$check/nuget" ${offline[@]+"${offline[@]}"} \
  dotnet tool install --tool-path "$check/tools" --configfile "$check/nuget.config" GitOtto >/dev/null
version="$("$check/tools/otto" --version)"
home="$(dirname "$(readlink -f "$(find "$check/tools/.store" -name otto.dll | head -n 1)")")"
for file in otto.yaml.example schemas/otto.schema.json docs/cli.md; do
  [ -f "$home/$file" ] || { echo "pack: $file is missing from the installed tool ($home)"; exit 1; }
done
readytorun=no
case "$home" in */linux-x64) readytorun=yes ;; esac
echo "pack: installed otto $version from $out${offline[*]:+ with no network} (ReadyToRun: $readytorun, files in $home)"
