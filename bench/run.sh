#!/usr/bin/env bash
# Builds GitOtto and otto-bench in Release, then runs the benchmarks: all of them, or those named
# (status, fold, makespan, speedup, stream, bigout, templates, hooks, redact). Figures go to stdout and to artifacts/bench/bench-DATE.txt.
#
#   bench/run.sh                         everything (about 10 minutes on 2 cores)
#   bench/run.sh status makespan         just these
#   BENCH_OPTS="--runs 50" bench/run.sh status      extra otto-bench options (see bench/README.md)
#   BENCH_R2R=0 bench/run.sh status      skip the tool package that `status` and `makespan` also measure
#
# These are measurements, not tests: they never fail on a missed aim. Run them on a quiet machine;
# every benchmark prints the load average beside its figures.
set -euo pipefail
cd "$(dirname "$0")/.."

out=artifacts/bench
mkdir -p "$out"
dotnet build GitOtto.sln -c Release -nologo -v quiet
bench_bin=bench/Otto.Bench/bin/Release/net10.0/otto-bench

names=("$@")
if [ ${#names[@]} -eq 0 ]; then names=(all); fi

# `status` compares the plain build (framework-dependent, JIT: what the portable tool package runs)
# with otto as `dotnet tool install` puts it on this machine: the tool packages of scripts/pack.sh
# (ReadyToRun on linux-x64), installed into artifacts/bench/tool and started through the tool's shim.
r2r=()
if [ "${BENCH_R2R:-1}" = 1 ] && [[ " ${names[*]} " == *" status "* || " ${names[*]} " == *" makespan "* || " ${names[*]} " == *" all "* ]]; then
  tool="$(pwd)/$out/tool" # absolute: NuGet refuses a relative NUGET_PACKAGES
  rm -rf "$tool"
  mkdir -p "$tool"
  printf '<configuration><packageSources><clear /><add key="otto" value="%s" /></packageSources></configuration>\n' \
    "$(pwd)/artifacts/nupkg" > "$tool/nuget.config"
  if scripts/pack.sh --no-check >/dev/null \
      && NUGET_PACKAGES="$tool/nuget" dotnet tool install --tool-path "$tool/bin" --configfile "$tool/nuget.config" GitOtto >/dev/null; then
    r2r=(--also "$tool/bin/otto" --also-label tool)
    tool_otto="$tool/bin/otto"
  else
    echo "note: no tool package; status measures the plain build only"
  fi
fi

log="$out/bench-$(date +%Y%m%d-%H%M%S).txt"
for name in "${names[@]}"; do
  args=()
  case "$name" in
    status) args=(${r2r[@]+"${r2r[@]}"}) ;;
    makespan) args=(--git-census) ;;
    all) args=(${r2r[@]+"${r2r[@]}"} --git-census) ;;
  esac
  # shellcheck disable=SC2086 # BENCH_OPTS is a list of words on purpose
  "$bench_bin" "$name" ${args[@]+"${args[@]}"} ${BENCH_OPTS:-} | tee -a "$log"
  # The fixed stages (classify, plan) are mostly JIT in the plain build: makespan at 4-way again, cold and
  # warm, with otto as the tool package installs it (ReadyToRun).
  if [[ "$name" == makespan || "$name" == all ]] && [ -n "${tool_otto:-}" ]; then
    "$bench_bin" makespan --concurrency 4,4 --otto "$tool_otto" ${BENCH_OPTS:-} | tee -a "$log"
  fi
done
echo "figures saved in $log"
