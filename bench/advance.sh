#!/usr/bin/env bash
# Creates 10,000 concurrent Ringyo calls, then times one clock advance through their whole
# lifecycle (queued -> ringing -> in progress -> completed, holds released, credits debited).
# Target (issue 2): under 1 s. Median of 3 runs.
source "$(dirname "$0")/common.sh"
build_release
for run in 1 2 3; do
  port=$(free_port)
  start_server "$port" --scenario bench/scenarios/ringyo-bench.yaml
  create_ringyo_calls "$port" 10000
  python3 - "$port" <<'PY'
import http.client, sys, time, json
port = int(sys.argv[1])
c = http.client.HTTPConnection("127.0.0.1", port)
c.connect()  # outside the timed part
t0 = time.perf_counter()
c.request("POST", "/_telesim/clock/advance", json.dumps({"by": "2m"})); r = c.getresponse(); r.read()
ms = (time.perf_counter() - t0) * 1000
c.request("GET", "/_telesim/calls?status=completed&limit=1"); total = json.loads(c.getresponse().read())["total"]
assert total == 10000, total
print(f"ADVANCE_10K_MS {ms:.0f}")
PY
  stop_server
done
