#!/usr/bin/env bash
# Delivers 10,000 webhooks to a local receiver (nginx answering 200) and reports deliveries per
# second: 2,500 Ringyo calls each send call.started, call.ringing, call.answered, call.completed;
# one clock advance runs the calls and waits for every delivery (the advance's wall time, which also
# covers the calls' own state changes, so the figure is a lower bound). Median of 3 runs.
source "$(dirname "$0")/common.sh"
need nginx nginx-light
build_release
work=$(mktemp -d)
nport=$(free_port)
mkdir -p "$work/logs" "$work/tmp"
cat > "$work/nginx.conf" <<CONF
worker_processes 1;
pid nginx.pid;
error_log logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 100000;
  client_body_temp_path tmp/body; proxy_temp_path tmp/proxy; fastcgi_temp_path tmp/fastcgi;
  uwsgi_temp_path tmp/uwsgi; scgi_temp_path tmp/scgi;
  server { listen 127.0.0.1:$nport; location / { return 200 'ok'; } }
}
CONF
nginx -p "$work/" -c "$work/nginx.conf" -g 'daemon off;' &
npid=$!
trap 'kill $npid 2>/dev/null; stop_server; rm -rf "$work"' EXIT
sed "s|^        agents:|        webhook_url: http://127.0.0.1:$nport/hooks\n        agents:|" bench/scenarios/ringyo-bench.yaml > "$work/world.yaml"
for run in 1 2 3; do
  port=$(free_port)
  start_server "$port" --scenario "$work/world.yaml"
  create_ringyo_calls "$port" 2500
  python3 - "$port" <<'PY'
import http.client, sys, time, json
port = int(sys.argv[1])
c = http.client.HTTPConnection("127.0.0.1", port)
c.connect()  # outside the timed part
t0 = time.perf_counter()
c.request("POST", "/_telesim/clock/advance", json.dumps({"by": "45s"})); r = c.getresponse(); r.read()
secs = time.perf_counter() - t0
c.request("GET", "/_telesim/webhooks?status=delivered&limit=1"); delivered = json.loads(c.getresponse().read())["total"]
print(f"WEBHOOKS delivered {delivered} in {secs*1000:.0f} ms: {delivered/secs:.0f} deliveries/s")
PY
  stop_server
done
