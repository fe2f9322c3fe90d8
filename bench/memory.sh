#!/usr/bin/env bash
# Memory under a sustained create-call load: Ringyo creates with wrk for 60 s (default), in memory
# and with a --db file; RSS every 10 s and 5 s after the load stops, and memory per call held.
# What "bounded" means here: every call stays in the world (that is the product: each one can be
# read back), so RSS grows with the calls created and nothing else; no queue grows with the load,
# so RSS stops growing when the load stops (the store's write-behind has caught up).
#
#   bench/memory.sh [SECONDS]
source "$(dirname "$0")/common.sh"
need wrk wrk
seconds=${1:-60}
build_release
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cat > "$work/ringyo.lua" <<'LUA'
wrk.method = "POST"
wrk.path = "/v1/calls"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer BENCH_KEY"
wrk.body = '{"phone_number":"+14155551234","agent_id":"agent_abc123"}'
LUA
rss() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$SERVER_PID/status"; }
for label in memory db; do
  port=$(free_port)
  args=(--scenario bench/scenarios/ringyo-bench.yaml); [[ $label == db ]] && args+=(--db "$work/db.sqlite")
  start_server "$port" "${args[@]}"
  before=$(rss)
  wrk -t2 -c32 -d"${seconds}s" -s "$work/ringyo.lua" "http://127.0.0.1:$port" > "$work/wrk.out" &
  wrk_pid=$!
  samples=()
  for ((t = 10; t <= seconds; t += 10)); do sleep 10; samples+=("${t}s $(rss) MB"); done
  wait "$wrk_pid"
  sleep 5
  after=$(rss)
  stop_server
  requests=$(awk '/requests in/ {print $1}' "$work/wrk.out")
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.out")
  printf "%-6s %s req/s, %s calls; RSS idle %s MB; %s; 5 s after the load %s MB; %.2f KB per call\n" \
    "$label" "$rps" "$requests" "$before" "$(IFS=,; echo "${samples[*]}" | sed 's/,/, /g')" "$after" \
    "$(echo "($after - $before) * 1024 / $requests" | bc -l)"
done
