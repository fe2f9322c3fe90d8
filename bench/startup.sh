#!/usr/bin/env bash
# Time from exec to the first healthy /_telesim/health (median of 20 runs), and idle RSS after ready.
# Targets (issue 2): ready under 100 ms; idle under 45 MB RSS.
source "$(dirname "$0")/common.sh"
build_release
python3 - "$BIN" <<'PY'
import subprocess, sys, time, socket, statistics, http.client
bin = sys.argv[1]
def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p
times, rss = [], []
for i in range(20):
    port = free_port()
    t0 = time.perf_counter()
    p = subprocess.Popen([bin, "serve", "--port", str(port), "--log-level", "warning"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while True:
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=1); c.request("GET", "/_telesim/health")
            if c.getresponse().status == 200: break
        except OSError: pass
        time.sleep(0.0005)
    times.append((time.perf_counter() - t0) * 1000)
    if i < 5:
        time.sleep(1.0)
        with open(f"/proc/{p.pid}/status") as f:
            rss.append(int(next(l for l in f if l.startswith("VmRSS")).split()[1]) / 1024)
    p.terminate(); p.wait()
print(f"STARTUP_MS median {statistics.median(times):.1f} (min {min(times):.1f}, max {max(times):.1f}, n={len(times)})")
print(f"IDLE_RSS_MB median {statistics.median(rss):.1f} (n={len(rss)})")
PY
