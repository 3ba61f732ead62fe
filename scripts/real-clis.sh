#!/usr/bin/env bash
# Installs the real agent CLIs pinned in tests/real-clis/versions.txt into a cache folder
# ($HOME/.cache/otto-real-clis/<hash of that file>; reused when present) for the real-CLI tests, and
# prints, for `eval`, where they are:
#   export OTTO_REAL_CLIS=<folder with claude, codex and gemini>
# or, when they could not be installed, why (the tests then report themselves as skipped with it):
#   export OTTO_REAL_CLIS_SKIP='<reason>'
# Messages for people go to stderr. --no-install only looks for a cache that is already there.
set -uo pipefail
cd "$(dirname "$0")/.."

versions=tests/real-clis/versions.txt
hash=$(sha256sum "$versions" | cut -c1-16)
cache="${OTTO_REAL_CLIS_CACHE:-${HOME:-/tmp}/.cache/otto-real-clis}/$hash"
bin="$cache/node_modules/.bin"
mapfile -t packages < <(grep -v '^[[:space:]]*\(#\|$\)' "$versions")

skip() {
  echo "real CLIs: $1; the real-CLI tests will be reported as skipped" >&2
  printf "export OTTO_REAL_CLIS_SKIP=%q\n" "$1"
  exit 0
}

# Each CLI must start: an install whose native binary is missing fails here, not in a test.
working() {
  local name home status=0
  home=$(mktemp -d)
  for name in claude codex gemini; do
    if ! [ -x "$1/$name" ] || ! HOME="$home" timeout 60 "$1/$name" --version >/dev/null 2>&1 < /dev/null; then status=1; break; fi
  done
  rm -rf "$home"
  return $status
}

if [ -f "$cache/verified" ] && [ -x "$bin/claude" ] && [ -x "$bin/codex" ] && [ -x "$bin/gemini" ]; then
  echo "real CLIs: using $cache (${packages[*]})" >&2
  printf "export OTTO_REAL_CLIS=%q\n" "$bin"
  exit 0
fi
[ "${1:-}" = "--no-install" ] && skip "not installed (run scripts/real-clis.sh, or .ci/run, to install ${packages[*]})"
command -v npm >/dev/null 2>&1 || skip "npm was not found on PATH, so ${packages[*]} could not be installed"

echo "real CLIs: installing ${packages[*]} into $cache" >&2
partial="$cache.partial-$$"
rm -rf "$partial"
mkdir -p "$partial"
log="$partial.log"
if ! npm install --prefix "$partial" --no-audit --no-fund --loglevel=error "${packages[@]}" >"$log" 2>&1; then
  reason="npm install ${packages[*]} failed: $(tail -n 3 "$log" | tr '\n' ' ')"
  rm -rf "$partial"
  skip "$reason"
fi
if ! working "$partial/node_modules/.bin"; then
  rm -rf "$partial"
  skip "${packages[*]} installed, but one of claude, codex, gemini does not start (--version failed)"
fi
touch "$partial/verified"
rm -rf "$cache" "$log"
mv "$partial" "$cache"
echo "real CLIs: installed in $cache" >&2
printf "export OTTO_REAL_CLIS=%q\n" "$bin"
