#!/usr/bin/env bash
# Loopback bulk throughput, one connection, 1 GiB per run, everything on 127.0.0.1 in one run:
#   ours (JMH, bench/target/benchmarks.jar): µTP, TCP, µTP + MSE (RC4), through the api interfaces
#   libtorrent 2.0.8 (itests/src/test/python/lt_peer.py): µTP to µTP, and TCP for reference
# then one table with median/min/max MB/s (10^6 bytes/s), the load average, and the ratios
#   our µTP / libtorrent µTP (goal >= 2.0), our µTP / our TCP (goal >= 0.8), µTP+MSE / µTP.
#
# Usage: bench/transport-throughput.sh            (from anywhere; about 3-6 minutes on 2 cores)
# Environment (all optional):
#   REPS=5              timed runs per route (plus one warm-up run for ours)
#   BYTES=1073741824    bytes per run
#   ROUTES=utp,tcp,utp-mse   our routes (also: tcp-mse, utp-1382, utp-1382-mse; see Link.java)
#   LT=1                0 skips libtorrent (then no ratio to it)
#   SKIP_BUILD=0        1 uses the jar and ~/.m2 as they are
#   PROF=               extra JMH arguments, e.g. PROF="-prof jfr"
#   OUT=                a directory to keep the raw results in (JMH JSON and log, libtorrent runs)
# Temporary files live in one mktemp directory, removed on exit (also on Ctrl-C or failure).
set -euo pipefail

REPS=${REPS:-5}
BYTES=${BYTES:-1073741824}
ROUTES=${ROUTES:-utp,tcp,utp-mse}
LT=${LT:-1}
SKIP_BUILD=${SKIP_BUILD:-0}
PROF=${PROF:-}
LT_PIECE_KIB=${LT_PIECE_KIB:-1024}
LT_TIMEOUT=${LT_TIMEOUT:-240}        # seconds for one libtorrent seed or fetch
JMH_TIMEOUT=${JMH_TIMEOUT:-2400}     # seconds for the whole JMH run
PY=/usr/bin/python3

root=$(cd "$(dirname "$0")/.." && pwd)
bench="$root/bench"
lt_peer="$root/itests/src/test/python/lt_peer.py"
tmp=$(mktemp -d /tmp/swarmsync-throughput.XXXXXX)
seed_pid=
fetch_pid=
jmh_pid=

cleanup() {
    if [[ -n "$jmh_pid" ]] && kill -0 "$jmh_pid" 2>/dev/null; then
        kill "$jmh_pid" 2>/dev/null || true   # timeout(1) passes it on to the JVM
        wait "$jmh_pid" 2>/dev/null || true
    fi
    local pid
    for pid in "$fetch_pid" "$seed_pid"; do
        if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
        fi
    done
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
load() { uptime | sed 's/.*load average: //'; }
note_load() { printf '%s\t%s\n' "$1" "$(load)" >> "$tmp/loads.tsv"; }

cd "$root"
note_load "start"
say "load average (1, 5, 15 min): $(load)"

if [[ "$SKIP_BUILD" != 1 ]]; then
    modules=bundles/api,bundles/codec,bundles/crypto-mse,bundles/transport-tcp,bundles/transport-utp
    say "building $modules (install, no tests), then bench (package)"
    mvn -B -q -o -DskipTests install -pl "$modules" -am \
        || mvn -B -q -DskipTests install -pl "$modules" -am
    mvn -B -q -o -DskipTests package -pl bench || mvn -B -q -DskipTests package -pl bench
fi
[[ -f "$bench/target/benchmarks.jar" ]] || { say "no bench/target/benchmarks.jar"; exit 1; }

# ---------------------------------------------------------------- ours (JMH)
say "ours: routes $ROUTES, 1 warm-up + $REPS timed runs of $BYTES bytes each, one JVM per route"
note_load "ours: before"
# JMH prints one line per run; keep those on the console, the rest in the log.
timeout "$JMH_TIMEOUT" java -jar "$bench/target/benchmarks.jar" 'transport\.LoopbackThroughputBenchmark' \
    -p route="$ROUTES" -p bytes="$BYTES" -wi 1 -i "$REPS" \
    -prof org.swarmsync.bench.transport.CpuTimeProfiler $PROF \
    -rf json -rff "$tmp/jmh.json" > "$tmp/jmh.log" 2>&1 &
jmh_pid=$!
tail -f "$tmp/jmh.log" --pid="$jmh_pid" 2>/dev/null \
    | grep --line-buffered -E '^# Parameters|^(Warmup )?Iteration|ERROR|Exception|lock' >&2 || true
if ! wait "$jmh_pid"; then
    say "JMH failed (a JMH run already going holds /tmp/jmh.lock?); its log:"
    tail -40 "$tmp/jmh.log" >&2
    exit 1
fi
jmh_pid=
note_load "ours: after"

# ---------------------------------------------------------------- libtorrent
# One seed and one fetch process per run; the fetch dials the seed and reports the seconds from
# its first payload byte to a complete, hash-checked download. lt_peer.py's seed exits as soon
# as it has counted the whole payload as uploaded; over TCP that exit can reset the connection
# before the last block arrives (seen in about one run in three, progress stuck at 99.99%). A
# fetch still running GRACE seconds after its seed exited is therefore killed and the run
# repeated (at most LT_ATTEMPTS times); the table counts such discarded attempts.
LT_ATTEMPTS=${LT_ATTEMPTS:-3}
GRACE=10

# Sets lt_seconds to the fetch's seconds, or empty if the attempt stalled; exits the script on
# other failures.
lt_attempt() {
    local transport=$1 port= waited=0
    lt_seconds=
    rm -rf "$tmp/fetch"
    : > "$tmp/seed.out"
    : > "$tmp/fetch.out"
    "$PY" "$lt_peer" seed --torrent "$tmp/payload.torrent" --data "$tmp/seed" \
        --transport "$transport" --timeout "$LT_TIMEOUT" > "$tmp/seed.out" 2>&1 &
    seed_pid=$!
    for _ in $(seq 1 300); do
        port=$(sed -n 's/.*"event": "listening", "port": \([0-9]*\).*/\1/p' "$tmp/seed.out" | head -1) || true
        [[ -n "$port" ]] && break
        sleep 0.1
    done
    [[ -n "$port" ]] || { say "libtorrent seed did not listen"; cat "$tmp/seed.out" >&2; exit 1; }
    "$PY" "$lt_peer" fetch --torrent "$tmp/payload.torrent" --data "$tmp/fetch" --peer "$port" \
        --transport "$transport" --timeout "$LT_TIMEOUT" > "$tmp/fetch.out" 2>&1 &
    fetch_pid=$!
    while kill -0 "$fetch_pid" 2>/dev/null; do
        if ! kill -0 "$seed_pid" 2>/dev/null; then
            waited=$((waited + 1))
            if (( waited > GRACE * 10 )); then
                kill "$fetch_pid" 2>/dev/null || true
                wait "$fetch_pid" 2>/dev/null || true
                wait "$seed_pid" 2>/dev/null || true
                seed_pid= fetch_pid=
                return 0
            fi
        fi
        sleep 0.1
    done
    if ! wait "$fetch_pid"; then
        say "libtorrent $transport fetch failed:"; cat "$tmp/fetch.out" "$tmp/seed.out" >&2; exit 1
    fi
    wait "$seed_pid" || true
    seed_pid= fetch_pid=
    grep -q '"utp": '"$([[ $transport == utp ]] && echo true || echo false)" "$tmp/fetch.out" \
        || { say "libtorrent did not use $transport:"; cat "$tmp/fetch.out" >&2; exit 1; }
    lt_seconds=$(sed -n 's/.*"event": "done", "bytes": [0-9]*, "seconds": \([0-9.]*\).*/\1/p' "$tmp/fetch.out")
    [[ -n "$lt_seconds" ]] || { say "no result from libtorrent fetch"; cat "$tmp/fetch.out" >&2; exit 1; }
}

: > "$tmp/lt.tsv"
: > "$tmp/lt-discarded.tsv"
if [[ "$LT" == 1 ]]; then
    say "libtorrent: making a $BYTES-byte torrent ($LT_PIECE_KIB KiB pieces)"
    timeout 900 "$PY" "$lt_peer" make --data "$tmp/seed" --size "$BYTES" --piece "$LT_PIECE_KIB" \
        --torrent "$tmp/payload.torrent" > "$tmp/make.out"
    note_load "libtorrent: before"
    for rep in $(seq 1 "$REPS"); do
        # alternate the transports so a change in load hits both alike
        for transport in utp tcp; do
            seconds=
            for attempt in $(seq 1 "$LT_ATTEMPTS"); do
                lt_attempt "$transport"
                seconds=$lt_seconds
                [[ -n "$seconds" ]] && break
                printf 'libtorrent-%s\n' "$transport" >> "$tmp/lt-discarded.tsv"
                say "libtorrent $transport run $rep: stalled after its seed exited (attempt $attempt), repeating"
            done
            [[ -n "$seconds" ]] || { say "libtorrent $transport: no complete run in $LT_ATTEMPTS attempts"; exit 1; }
            printf 'libtorrent-%s\t%s\t%s\n' "$transport" "$BYTES" "$seconds" >> "$tmp/lt.tsv"
            say "libtorrent $transport run $rep: $seconds s"
        done
    done
    note_load "libtorrent: after"
fi
note_load "end"

# ---------------------------------------------------------------- table
say "command: $0 (REPS=$REPS BYTES=$BYTES ROUTES=$ROUTES LT=$LT), $(nproc) cores, $(java -version 2>&1 | head -1)"
"$PY" "$bench/transport_table.py" "$tmp/jmh.json" "$tmp/lt.tsv" "$tmp/loads.tsv" "$tmp/lt-discarded.tsv"
if [[ -n "${OUT:-}" ]]; then
    mkdir -p "$OUT"
    cp "$tmp/jmh.json" "$tmp/jmh.log" "$tmp/lt.tsv" "$tmp/lt-discarded.tsv" "$tmp/loads.tsv" "$OUT"/
    say "raw results kept in $OUT"
fi
