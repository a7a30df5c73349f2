# Shared by the end-to-end shell tests (scripts/test-*.sh): a stack of their own in a fresh
# RALF_HOME on their own ports, ok/ko bookkeeping, and a cleanup that stops the stack and kills
# anything still running from that RALF_HOME. Source it with: name pg-port kafka-port.
# shellcheck shell=bash
test_name=$1
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export RALF_HOME; RALF_HOME=$(mktemp -d "/tmp/ralf-$test_name.XXXXXX")
chmod 755 "$RALF_HOME"
export RALF_PG_PORT=$2
export RALF_KAFKA_PORT=$3
passed=0; failed=0
ok() { echo "$test_name: ok   - $*"; passed=$((passed + 1)); }
ko() { echo "$test_name: FAIL - $*"; failed=$((failed + 1)); }
ours() { pgrep -f -- "$RALF_HOME" || true; }
cleanup() {
    "$root/ralf" stack down >/dev/null 2>&1 || true
    for p in $(ours); do kill -KILL "$p" 2>/dev/null || true; done
    rm -rf "$RALF_HOME"
}
trap cleanup EXIT
finish() {
    echo "$test_name: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}
