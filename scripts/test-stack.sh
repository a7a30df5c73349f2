#!/usr/bin/env bash
# End-to-end test of the local stack commands, run by ./ralf test before the Maven suite:
# `stack up` twice is idempotent, `stack status` reports both components healthy, and
# `stack down` leaves no process of ours running. Uses its own RALF_HOME and ports, so it does
# not disturb a stack the developer has running.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/test-lib.sh" stack-test "${RALF_TEST_PG_PORT:-55433}" "${RALF_TEST_KAFKA_PORT:-59092}"

if "$root/ralf" stack up >"$RALF_HOME/up1.log" 2>&1; then ok "first stack up"; else ko "first stack up"; cat "$RALF_HOME/up1.log"; fi
pids_before=$(ours | sort | tr '\n' ' ')
if "$root/ralf" stack up >"$RALF_HOME/up2.log" 2>&1; then ok "second stack up"; else ko "second stack up"; cat "$RALF_HOME/up2.log"; fi
pids_after=$(ours | sort | tr '\n' ' ')
grep -q "already running" "$RALF_HOME/up2.log" && [ "$pids_before" = "$pids_after" ] \
    && ok "second stack up is idempotent (same processes: $pids_after)" \
    || { ko "second stack up is not idempotent"; cat "$RALF_HOME/up2.log"; }
grep -q "topics: 0 created" "$RALF_HOME/up2.log" && grep -q "migrations applied: 0 new" "$RALF_HOME/up2.log" \
    && ok "second stack up applies no migration and creates no topic again" \
    || ko "second stack up re-created topics or re-applied migrations"
status=$("$root/ralf" stack status 2>&1)
echo "$status" | grep -q '^postgresql *up' && echo "$status" | grep -q '^kafka *up' \
    && ok "stack status shows both up" || { ko "stack status"; echo "$status"; }
"$root/ralf" stack down >"$RALF_HOME/down.log" 2>&1 && ok "stack down" || ko "stack down"
left=$(ours)
[ -z "$left" ] && ok "no process of ours left after stack down" || { ko "processes left: $left"; ps -o pid,args -p $left; }
finish
