#!/usr/bin/env bash
# Create-call throughput per provider with wrk (default -t2 -c32 -d10s), in memory and with a --db
# file, beside nginx answering a fixed 201 in the same run (../shared/bench/nginx-reference).
# Targets (issues 4, 5): in memory >= 0.25x nginx and p99 < 10 ms; with --db >= 0.15x.
#
#   bench/create-calls.sh [WRK ARGS...]       ROUNDS=3 by default
#
# The machine is noisy (nginx alone moves by a fifth between runs), so the cases run in ROUNDS
# rounds, each opened by its own nginx run: every case's ratio is to the nginx figure of its round.
# Prints a line per case per round (requests/s, p50, p99, non-2xx count, the ratio), then a summary
# of medians per case: requests/s, ratio, p99, and whether the median ratio meets the target.
#
# Exotel and Voiso keep their agent busy for a call's life. As for the other providers the clock
# stands still (nothing but creates runs), so each request needs an agent no earlier request used:
# their worlds hold enough agents for the run (AGENTS_PER_SECOND per wrk thread per second of -d,
# 15,000 by default, plus a block for the warm-up), each wrk thread takes its own block in order,
# and a request that met a busy agent would show in the non-2xx count. Such a world takes 10-15 s
# to load. Two more rows (`exotel-rt`, `voiso-rt`, in memory only, for information) run the same
# creates on a realtime clock at speed 1000 with 4,000 agents reused in turn, so every call's
# lifecycle runs beside the requests (a 38 s call lasts 38 ms).
source "$(dirname "$0")/common.sh"
need wrk wrk
WRK_ARGS=("$@"); ((${#WRK_ARGS[@]})) || WRK_ARGS=(-t2 -c32 -d10s)
build_release
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
python3 - "$work" "${AGENTS_PER_SECOND:-15000}" "${WRK_ARGS[@]}" <<'PY'
import sys, os, re
d, per_second, wrk_args = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
def arg(flag, default):
    for i, a in enumerate(wrk_args):
        if a == flag and i + 1 < len(wrk_args): return wrk_args[i + 1]
        if a.startswith(flag) and len(a) > len(flag): return a[len(flag):]
    return default
threads = int(arg("-t", "2"))
m = re.fullmatch(r"(\d+)([smh]?)", arg("-d", "10s"))
seconds = int(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600}[m.group(2)] if m else 10
block = per_second * seconds        # agents per wrk thread in the measured run
warm_block = per_second * 2         # the warm-up's own (wrk -t1 -d2s)
frozen_agents = threads * block + warm_block
open(f"{d}/warm-offset", "w").write(f"{threads * block}\n")  # the warm-up's block follows the run's
def users(n): return "\n".join(f"          - {{ id: u{i}, contact_uri: \"sip:u{i}@bench\" }}" for i in range(n))
def voiso_agents(n): return "\n".join(f"          - {{ user_id: {i + 1}, extension: \"{1000 + i}\" }}" for i in range(n))
exotel = lambda n: f"""telesim: 1
name: bench-exotel
providers:
  exotel:
    accounts:
      - sid: bench
        api_key: bench_key
        api_token: bench_token
        virtual_numbers: ["+911234567890"]
        users:
{users(n)}
"""
voiso = lambda n: f"""telesim: 1
name: bench-voiso
providers:
  voiso:
    contact_centers:
      - cluster: bench
        api_keys: [{{ key: bench_voiso_key }}]
        agents:
{voiso_agents(n)}
"""
open(f"{d}/exotel.yaml", "w").write(exotel(frozen_agents))
open(f"{d}/voiso.yaml", "w").write(voiso(frozen_agents))
rt_agents = 4000
open(f"{d}/realtime.yaml", "w").write(exotel(rt_agents) + voiso(rt_agents).split("providers:\n", 1)[1])
open(f"{d}/world.yaml", "w").write(f"""telesim: 1
name: bench
network:
  default: {{ ring: 3s, outcome: answered, talk: 30s }}
providers:
  edesy:
    workspaces:
      - id: bench
        api_keys: [vp_live_bench000000000000, vp_bench_masking_key]
        credits: 1000000000
        numbers: ["8065934975"]
        agents: [{{ id: 123, name: Bench }}]
        masking: {{ balance: 1000000000.00, price_per_minute: 1.50 }}
  ringyo:
    accounts:
      - id: bench
        api_keys: [BENCH_KEY]
        credits: 1000000000.00
        numbers: ["+18005551234"]
        agents: [{{ id: agent_abc123 }}]
""")
def lua(name, path, headers, body_expr, setup="", step=""):
    """A wrk script POSTing body_expr; setup runs once per thread, step before each request."""
    hs = "\n".join(f'wrk.headers["{k}"] = "{v}"' for k, v in headers.items())
    open(f"{d}/{name}.lua", "w").write(f"""{setup}
wrk.method = "POST"
wrk.path = "{path}"
wrk.headers["Content-Type"] = "application/json"
{hs}
request = function()
{step}  return wrk.format(nil, nil, nil, {body_expr})
end
""")
# Two floors. sink-floor: telesim's own POST /_telesim/sink/{name} (an admin path, so Hummingbird's
# responder: body collected, one world transaction, nothing stored). provider-404: a path under a
# provider's prefix that no route serves, answered in the connection's pipeline like a create
# (ProviderChannelHandler: routed, the provider's own 404 rendered, journalled and stored) with no
# provider logic.
lua("sink-floor", "/_telesim/sink/bench", {}, "'{\"phone_number\":\"+14155551234\",\"agent_id\":\"agent_abc123\"}'")
lua("provider-404", "/v1/bench-no-route", {"Authorization": "Bearer BENCH_KEY"}, "'{\"phone_number\":\"+14155551234\",\"agent_id\":\"agent_abc123\"}'")
lua("ringyo", "/v1/calls", {"Authorization": "Bearer BENCH_KEY"}, "'{\"phone_number\":\"+14155551234\",\"agent_id\":\"agent_abc123\"}'")
lua("edesy-agents", "/api/v1/calls", {"Authorization": "Bearer vp_live_bench000000000000"}, "'{\"agentId\":123,\"phoneNumber\":\"9876543210\"}'")
lua("edesy-masking", "/v1/masking/calls", {"Authorization": "Bearer vp_bench_masking_key"}, "'{\"party_a\":\"9876543210\",\"party_b\":\"9123456789\"}'")
exotel_body = "string.format('{\"from\":{\"user_id\":\"u%d\"},\"to\":{\"number\":\"+919876543210\"},\"virtual_number\":\"+911234567890\"}', n)"
voiso_body = "string.format('{\"user_id\":%d,\"phone_number\":\"18885658889\"}', n + 1)"
# Each wrk thread (its own Lua state) numbered, so that each takes its own agents.
thread_ids = "local threads = 0\nfunction setup(thread) thread:set('tid', threads); threads = threads + 1 end\n"
# Standing clock: agent n = the run's offset (wrk's first script argument) + the thread's block + k.
frozen = dict(setup=thread_ids + f"function init(args) base = (tonumber(args[1]) or 0) + (tid or 0) * {block}; k = 0 end\n",
              step="  n = base + k\n  k = k + 1\n")
# Realtime: each wrk thread (up to 4) goes round its own 1,000 agents, so no agent is asked for
# again within ~100 ms (38 ms calls).
rotating = dict(setup=thread_ids + "function init(args) base = ((tid or 0) % 4) * 1000; k = 0 end\n",
                step="  k = (k + 1) % 1000\n  n = base + k\n")
for suffix, agents in (("", frozen), ("-rt", rotating)):
    lua("exotel" + suffix, "/v2/accounts/bench/calls", {"Authorization": "Basic YmVuY2hfa2V5OmJlbmNoX3Rva2Vu"}, exotel_body, **agents)
    lua("voiso" + suffix, "/api/v4/voice/calls", {"Authorization": "Bearer bench_voiso_key"}, voiso_body, **agents)
PY

ROUNDS=${ROUNDS:-3}
results="$work/results.tsv"

warm_offset=$(cat "$work/warm-offset")

run_case() { # name store-label serve-args...
  local name=$1 label=$2; shift 2
  local port; port=$(free_port)
  local world="$work/world.yaml"
  case $name in exotel|voiso) world="$work/$name.yaml";; exotel-rt|voiso-rt) world="$work/realtime.yaml";; esac
  start_server "$port" --scenario "$world" "$@"
  # warm-up: the frozen Exotel and Voiso scripts take the agents after the measured run's blocks
  wrk -d2s -t1 -c4 -s "$work/$name.lua" "http://127.0.0.1:$port" -- "$warm_offset" >/dev/null
  sleep 0.5   # lets the warm-up's last calls end (the -rt cases): the run starts on the same agents
  local out; out=$(wrk "${WRK_ARGS[@]}" --latency -s "$work/$name.lua" "http://127.0.0.1:$port" -- 0)
  local rss; rss=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$SERVER_PID/status")
  stop_server
  local rps p50 p99 non2xx
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}'); non2xx=${non2xx:-0}
  printf "%-14s %-7s %9s req/s  p50 %-8s p99 %-8s non-2xx %-6s rss %4s MB  ratio %.3fx\n" \
    "$name" "$label" "$rps" "$p50" "$p99" "$non2xx" "$rss" "$(echo "$rps / $nginx_rps" | bc -l)"
  printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n" "$round" "$name" "$label" "$rps" "$p50" "$p99" "$non2xx" "$nginx_rps" >> "$results"
}

for round in $(seq "$ROUNDS"); do
  nginx_rps=$(../shared/bench/nginx-reference "${WRK_ARGS[@]}" | awk '/^NGINX_RPS/ {print $2}')
  echo "round $round of $ROUNDS: nginx reference ${nginx_rps} req/s"
  run_case sink-floor memory
  run_case provider-404 memory
  for name in ringyo edesy-agents edesy-masking exotel voiso; do
    run_case "$name" memory
    rm -f "$work/db.sqlite"*
    run_case "$name" db --db "$work/db.sqlite"
  done
  for name in exotel-rt voiso-rt; do run_case "$name" memory --clock realtime --speed 1000; done
done

python3 - "$results" <<'PY'
import sys, statistics as st
def ms(t):  # wrk's latency text: 850.00us, 3.61ms, 1.02s
    for unit, f in (("us", 0.001), ("ms", 1.0), ("s", 1000.0)):
        if t.endswith(unit): return float(t[:-len(unit)]) * f
    return float("nan")
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
cases = {}
for rnd, name, label, rps, p50, p99, non2xx, ref in rows:
    cases.setdefault((name, label), []).append((float(rps), ms(p99), int(non2xx), float(rps) / float(ref)))
refs = sorted({(int(r[0]), float(r[7])) for r in rows})
print(f"\nsummary: medians over {len(refs)} round(s); nginx {' / '.join(f'{x:,.0f}' for _, x in refs)} req/s")
print(f"{'case':<14} {'store':<7} {'req/s':>9} {'ratio':>7}  {'p99':>8} {'max p99':>8}  {'non-2xx':>7}  ratios per round      target")
for (name, label), rs in cases.items():
    ratio = st.median(r[3] for r in rs); p99 = st.median(r[1] for r in rs); worst = max(r[1] for r in rs)
    if name in ("sink-floor", "provider-404"): verdict = "(floor)"
    elif name.endswith("-rt"): verdict = "(lifecycles running: for information)"
    elif label == "memory": verdict = "meets 0.25x, p99 < 10 ms" if ratio >= 0.25 and p99 < 10 else "BELOW 0.25x / p99 10 ms"
    elif name in ("exotel", "voiso"): verdict = "(issue 5 sets no --db target)"
    else: verdict = "meets 0.15x" if ratio >= 0.15 else "BELOW 0.15x"
    print(f"{name:<14} {label:<7} {st.median(r[0] for r in rs):>9,.0f} {ratio:>6.3f}x  {p99:>6.2f}ms {worst:>6.2f}ms  {sum(r[2] for r in rs):>7}  "
          f"{' / '.join(f'{r[3]:.3f}' for r in rs):<21} {verdict}")
PY
