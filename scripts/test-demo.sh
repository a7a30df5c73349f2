#!/usr/bin/env bash
# End-to-end test of `ralf demo`, run by ./ralf test after the Maven suite: the short `smoke`
# scenario (one crash loop) on a fresh stack of its own (own RALF_HOME and ports, so a stack the
# developer runs is not disturbed). Passes when the report says the fault was detected, a command
# was executed successfully by the executor against the simulator's Proxmox API, and the fault
# ended by that action (the closed loop), and no process of ours is left afterwards.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/test-lib.sh" demo-test "${RALF_TEST_DEMO_PG_PORT:-55434}" "${RALF_TEST_DEMO_KAFKA_PORT:-59094}"

# bounded: the run itself takes ~2 minutes (20 simulated minutes at 20x plus start-up)
if timeout 600 "$root/ralf" demo --scenario smoke --speed 20 --drain 15 >"$RALF_HOME/demo.out" 2>&1; then
    ok "ralf demo --scenario smoke exits 0"
else
    ko "ralf demo --scenario smoke failed"
fi
cat "$RALF_HOME/demo.out"
json=$(ls -t "$RALF_HOME"/reports/*-smoke.json 2>/dev/null | head -n1)
md=$(ls -t "$RALF_HOME"/reports/*-smoke.md 2>/dev/null | head -n1)
[ -n "$json" ] && [ -n "$md" ] && ok "report written ($json, $md)" || ko "no report in $RALF_HOME/reports"
if [ -n "$json" ]; then
    grep -q '"detected" : true' "$json" && ok "the crash loop was detected" || ko "the crash loop was not detected"
    grep -q '"SUCCEEDED"' "$json" && ok "the executor ran a command successfully" || ko "no command succeeded"
    grep -q '"recovered" : true' "$json" && ok "the fault ended by the action (closed loop)" \
        || ko "the fault was not ended by an action"
    grep -q '"recall" : 1.0' "$json" && ok "recall 1.0" || ko "recall below 1.0"
fi
"$root/ralf" stack down >/dev/null 2>&1
left=$(ours)
[ -z "$left" ] && ok "no process of ours left after the demo and stack down" \
    || { ko "processes left: $left"; ps -o pid,args -p $left; }
finish
