#!/bin/sh
# The sample project's test command: runs every tests/test_*.sh and fails if any of them fails.
failed=0
for test in tests/test_*.sh; do
  [ -e "$test" ] || continue
  if output=$(sh "$test" 2>&1); then
    echo "ok   $test"
  else
    echo "FAIL $test"
    printf '%s\n' "$output" | sed 's/^/     /'
    failed=1
  fi
done
exit $failed
