# Shared helpers for the benchmarks: a release build, a free port, a server started and stopped.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# A scratch path of its own, so a release build never waits on (or invalidates) the debug .build.
SCRATCH=.build-release
BIN="$SCRATCH/release/telesim"

build_release() {
  scripts/setup
  echo "bench: building release (this takes a while the first time)" >&2
  swift build -c release --product telesim --scratch-path "$SCRATCH" >&2
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# start_server PORT ARGS... : starts telesim in the background, waits for health (up to a minute: a
# world with hundreds of thousands of agents takes ~10 s to load), sets SERVER_PID.
start_server() {
  local port=$1; shift
  "$BIN" serve --port "$port" --log-level warning "$@" >/dev/null 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 3000); do curl -fs -o /dev/null "http://127.0.0.1:$port/_telesim/health" && return 0; sleep 0.02; done
  echo "bench: server did not start" >&2; return 1
}

stop_server() { kill -TERM "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; }

need() { command -v "$1" >/dev/null || { echo "bench: $1 is missing (apt-get install $2)" >&2; exit 2; }; }

# create_ringyo_calls PORT N: creates N Ringyo calls on the bench scenario's account over one
# keep-alive connection, failing on any answer but 201.
create_ringyo_calls() {
  python3 - "$1" "$2" <<'PY'
import http.client, sys, json
port, n = int(sys.argv[1]), int(sys.argv[2])
c = http.client.HTTPConnection("127.0.0.1", port)
body = json.dumps({"phone_number": "+14155551234", "agent_id": "agent_abc123"})
for i in range(n):
    c.request("POST", "/v1/calls", body, {"Authorization": "Bearer BENCH_KEY", "Content-Type": "application/json"})
    r = c.getresponse(); r.read(); assert r.status == 201, r.status
PY
}
