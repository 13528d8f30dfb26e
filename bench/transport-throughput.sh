#!/usr/bin/env bash
# Loopback bulk throughput, one connection, 1 GiB per run, everything on 127.0.0.1 in one run:
#   ours (JMH, bench/target/benchmarks.jar): µTP, TCP, µTP + MSE (RC4), µTP + AES-GCM, through the api interfaces
#   libtorrent 2.0.8 (itests/src/test/python/lt_peer.py): µTP to µTP, and TCP for reference
# then one table with median/min/max MB/s (10^6 bytes/s), CPU per GiB (ours), the load average,
# and the ratios our µTP / libtorrent µTP (goal >= 2.0), our µTP / our TCP (goal >= 0.8),
# µTP+MSE / µTP and µTP+AES-GCM / µTP.
#
# The machine is shared, so the work is done in ROUNDS; each round runs every route of ours
# (one JVM per route, one warm-up and REPS timed runs) and then REPS libtorrent runs per
# transport. A change in load then hits every path alike, and the per-round ratios show how much
# the figures move.
#
# Usage: bench/transport-throughput.sh     (from anywhere; about 10 minutes with the defaults)
# Environment (all optional):
#   ROUNDS=3 REPS=3     rounds, and timed runs per path per round
#   BYTES=1073741824    bytes per run
#   ROUTES=utp,tcp,utp-mse,utp-gcm,utp-1382   our routes (-mse: RC4 payload; -gcm: AES-128-GCM records,
#                       what two swarmsync nodes use); utp-1382 is µTP without the loopback-only large
#                       datagrams, i.e. with libtorrent's packet size (also tcp-mse and diagnostics,
#                       see Link.java)
#   LT=1                0 skips libtorrent (then no ratio to it)
#   SKIP_BUILD=0        1 uses the jar and ~/.m2 as they are
#   PROF=               extra JMH arguments, e.g. PROF="-prof gc"
#   OUT=                a directory to keep the raw results in (JMH JSON and logs, libtorrent runs),
#                       copied on exit, also when a step failed
#   LOCK_ATTEMPTS=20    how often to retry, 30 s apart, while another JMH run holds /tmp/jmh.lock
#   BASE_JAR=           a benchmarks.jar built from other code (say, before a change, kept with cp);
#                       each round then first runs BASE_ROUTES from it, listed as before-<route>,
#                       so that before and after meet the same load
#   BASE_ROUTES=utp,tcp the routes to run from BASE_JAR
# Temporary files live in one mktemp directory, removed on exit (also on Ctrl-C or failure);
# every step has a time limit.
set -euo pipefail

ROUNDS=${ROUNDS:-3}
REPS=${REPS:-3}
BYTES=${BYTES:-1073741824}
ROUTES=${ROUTES:-utp,tcp,utp-mse,utp-gcm,utp-1382}
LT=${LT:-1}
SKIP_BUILD=${SKIP_BUILD:-0}
PROF=${PROF:-}
BASE_JAR=${BASE_JAR:-}
BASE_ROUTES=${BASE_ROUTES:-utp,tcp}
LT_PIECE_KIB=${LT_PIECE_KIB:-1024}
LT_TIMEOUT=${LT_TIMEOUT:-240}        # seconds for one libtorrent seed or fetch
LT_ATTEMPTS=${LT_ATTEMPTS:-3}
JMH_TIMEOUT=${JMH_TIMEOUT:-1800}     # seconds for one round of ours
LOCK_ATTEMPTS=${LOCK_ATTEMPTS:-20}   # tries while another JMH run holds its lock, 30 s apart
PY=/usr/bin/python3

root=$(cd "$(dirname "$0")/.." && pwd)
bench="$root/bench"
lt_peer="$root/itests/src/test/python/lt_peer.py"
tmp=$(mktemp -d /tmp/swarmsync-throughput.XXXXXX)
seed_pid=
fetch_pid=
jmh_pid=

cleanup() {
    local pid
    for pid in "$jmh_pid" "$fetch_pid" "$seed_pid"; do
        if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true   # for JMH: timeout(1) passes it on to the JVM
            wait "$pid" 2>/dev/null || true
        fi
    done
    if [[ -n "${OUT:-}" ]]; then
        # also after a failure: whatever was measured so far
        mkdir -p "$OUT"
        cp "$tmp"/*jmh-*.json "$tmp"/*jmh-*.log "$tmp"/*.tsv "$OUT"/ 2>/dev/null || true
    fi
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
[[ -z "$BASE_JAR" || -f "$BASE_JAR" ]] || { say "no BASE_JAR $BASE_JAR"; exit 1; }

# ---------------------------------------------------------------- ours (JMH)
# ours_round ROUND [JAR ROUTES PREFIX]: the JSON goes to $tmp/PREFIXjmh-ROUND.json
ours_round() {
    local round=$1 jar=${2:-$bench/target/benchmarks.jar} routes=${3:-$ROUTES} prefix=${4:-}
    say "round $round, ${prefix:+${prefix%-} }ours: $routes; per route one JVM, 1 warm-up + $REPS timed runs of $BYTES bytes"
    local attempt ok=
    # another JMH run on the machine holds /tmp/jmh.lock for its duration: wait for it a while
    for attempt in $(seq 1 "$LOCK_ATTEMPTS"); do
        # JMH prints one line per run; keep those on the console, the rest in the log.
        timeout "$JMH_TIMEOUT" java -jar "$jar" 'transport\.LoopbackThroughputBenchmark' \
            -p route="$routes" -p bytes="$BYTES" -wi 1 -i "$REPS" \
            -prof org.swarmsync.bench.transport.CpuTimeProfiler $PROF \
            -rf json -rff "$tmp/${prefix}jmh-$round.json" > "$tmp/${prefix}jmh-$round.log" 2>&1 &
        jmh_pid=$!
        tail -f "$tmp/${prefix}jmh-$round.log" --pid="$jmh_pid" 2>/dev/null \
            | grep --line-buffered -E '^# Parameters|^Iteration|ERROR|Exception' >&2 || true
        if wait "$jmh_pid"; then
            ok=1
            break
        fi
        jmh_pid=
        grep -q 'Unable to acquire the JMH lock' "$tmp/${prefix}jmh-$round.log" || break
        say "another JMH run holds /tmp/jmh.lock (attempt $attempt of $LOCK_ATTEMPTS); waiting 30 s"
        sleep 30
    done
    if [[ -z "$ok" ]]; then
        say "JMH failed; its log:"
        tail -40 "$tmp/${prefix}jmh-$round.log" >&2
        exit 1
    fi
    jmh_pid=
    if [[ -n "$prefix" ]]; then
        # the table tells the base jar's routes apart by name
        sed -i -E "s/(\"route\" *: *\")/\1${prefix%-}-/" "$tmp/${prefix}jmh-$round.json"
    fi
}

# ---------------------------------------------------------------- libtorrent
# One seed and one fetch process per run; the fetch dials the seed and reports the seconds from
# its first payload byte to a complete, hash-checked download. lt_peer.py's seed exits as soon
# as it has counted the whole payload as uploaded; over TCP that exit can reset the connection
# before the last block arrives (seen in about one run in three, progress stuck at 99.99%). A
# fetch still running GRACE seconds after its seed exited is therefore killed and the run
# repeated (at most LT_ATTEMPTS times); the table counts such discarded attempts.
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
        fetch_pid=
        say "libtorrent $transport fetch failed:"; cat "$tmp/fetch.out" "$tmp/seed.out" >&2; exit 1
    fi
    wait "$seed_pid" || true
    seed_pid= fetch_pid=
    grep -q '"utp": '"$([[ $transport == utp ]] && echo true || echo false)" "$tmp/fetch.out" \
        || { say "libtorrent did not use $transport:"; cat "$tmp/fetch.out" >&2; exit 1; }
    lt_seconds=$(sed -n 's/.*"event": "done", "bytes": [0-9]*, "seconds": \([0-9.]*\).*/\1/p' "$tmp/fetch.out")
    [[ -n "$lt_seconds" ]] || { say "no result from libtorrent fetch"; cat "$tmp/fetch.out" >&2; exit 1; }
}

lt_round() {
    local round=$1 rep attempt transport
    for rep in $(seq 1 "$REPS"); do
        # alternate the transports so a change in load hits both alike
        for transport in utp tcp; do
            lt_seconds=
            for attempt in $(seq 1 "$LT_ATTEMPTS"); do
                lt_attempt "$transport"
                [[ -n "$lt_seconds" ]] && break
                printf 'libtorrent-%s\n' "$transport" >> "$tmp/lt-discarded.tsv"
                say "libtorrent $transport: stalled after its seed exited (attempt $attempt), repeating"
            done
            [[ -n "$lt_seconds" ]] || { say "libtorrent $transport: no complete run in $LT_ATTEMPTS attempts"; exit 1; }
            printf '%s\tlibtorrent-%s\t%s\t%s\n' "$round" "$transport" "$BYTES" "$lt_seconds" >> "$tmp/lt.tsv"
            say "round $round, libtorrent $transport: $lt_seconds s"
        done
    done
}

# ---------------------------------------------------------------- the rounds
: > "$tmp/lt.tsv"
: > "$tmp/lt-discarded.tsv"
if [[ "$LT" == 1 ]]; then
    say "libtorrent: making a $BYTES-byte torrent ($LT_PIECE_KIB KiB pieces)"
    timeout 900 "$PY" "$lt_peer" make --data "$tmp/seed" --size "$BYTES" --piece "$LT_PIECE_KIB" \
        --torrent "$tmp/payload.torrent" > "$tmp/make.out"
fi
for round in $(seq 1 "$ROUNDS"); do
    if [[ -n "$BASE_JAR" ]]; then
        note_load "round $round: before ($BASE_JAR)"
        ours_round "$round" "$BASE_JAR" "$BASE_ROUTES" before-
    fi
    note_load "round $round: ours"
    ours_round "$round"
    if [[ "$LT" == 1 ]]; then
        note_load "round $round: libtorrent"
        lt_round "$round"
    fi
done
note_load "end"

# ---------------------------------------------------------------- table
say "command: $0 with ROUNDS=$ROUNDS REPS=$REPS BYTES=$BYTES ROUTES=$ROUTES LT=$LT" \
    "${BASE_JAR:+BASE_JAR=$BASE_JAR BASE_ROUTES=$BASE_ROUTES}; $(nproc) cores;" \
    "$(java -version 2>&1 | head -1)"
"$PY" "$bench/transport_table.py" --lt "$tmp/lt.tsv" --loads "$tmp/loads.tsv" \
    --discarded "$tmp/lt-discarded.tsv" "$tmp"/*jmh-*.json
[[ -z "${OUT:-}" ]] || say "raw results kept in $OUT (copied on exit)"
