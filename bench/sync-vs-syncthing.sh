#!/usr/bin/env bash
# swarmsync and Syncthing side by side on 127.0.0.1, same data, same run, same clock rules.
#
# Scenarios (each: one sender holding the data, one empty receiver, both tools in turn):
#   a  one 1 GiB file of random bytes
#   b  10,000 files of 4 KiB (random bytes) in 100 directories
#   c  after a, on the same two running nodes: 1 MiB of new random bytes written over the middle
#      of the 1 GiB file (offset 512 MiB) on the sender
#
# What is timed, identically for both tools:
#   a, b  from the moment the receiver process is started (the sender already running and done
#         scanning: swarmsync's progress line says "idle: N/N files" with the full count,
#         Syncthing's /rest/db/status says state idle with localFiles = N) until the receiver's
#         tree equals the sender's by SHA-256 of every file (no extra files; each tool's own
#         metadata, .sync/ or .stfolder/ and temporary files, left out).
#   c     from the moment the modification is written (write and close returned) until the
#         receiver's file has the new content.
#   "Equal" is detected by bench/sync/tree.py wait: a cheap poll every POLL seconds (names, then
#   sizes and stat), a SHA-256 check when the poll sees the final sizes, and the end time is the
#   poll's time when the hashes confirm it (see that file). It reports its own CPU time.
#   Also reported: seconds from the receiver's start until it was connected (swarmsync: first
#   progress line showing a peer, 0.5 s resolution; Syncthing: its "Established secure
#   connection" log line), and the CPU seconds each node used during the timed interval.
#
# Where the trees live (VOLUME): by default each tool's pair of trees (sender's and receiver's) is
# on a file system of its own, a fresh ext4 made with mkfs.ext4's defaults (journal on, as on a
# user's disk) on a loop device over an image under the temporary directory (needs root and
# losetup; how the image is kept like a disk: vol_make below). Why:
# on an ext4 without a journal (this machine's root) a new file skips every inode deleted in the
# last 1-6 minutes, so a run that follows the removal of another run's trees paid up to 0.5 ms of
# kernel CPU per file created, and b's figures depended on what ran before (bench/README.md,
# "Fourth session"). VOLUME=none keeps the trees under the temporary directory as before.
#
# Each swarmsync JVM runs with -Xmx256m and a GC log; its peak heap use (the most in use at any
# collection or at exit) and peak live heap (the most left after a collection) are reported.
# Syncthing gets its defaults except what keeps it on loopback (bench/sync/syncthing.py config),
# fsWatcherDelayS=ST_WATCH_DELAY and setLowPriority=false (both explained in bench/README.md).
#
# Usage: bench/sync-vs-syncthing.sh        (from anywhere; about 3-5 minutes per repetition)
# Environment (all optional):
#   REPS=1              repetitions; tool order alternates between repetitions
#   SCENARIOS=a,b,c     which scenarios (c runs only together with a)
#   TOOLS=swarmsync,syncthing
#   BIG_MIB=1024  SMALL_DIRS=100  SMALL_PER_DIR=100  SMALL_BYTES=4096  PATCH_KIB=1024
#   SS_JAR=             another launcher jar (with its bundles/ and lib/ beside it), e.g. a copy built
#                       before a change, to compare both in the same window
#   REBUILD=0           1 rebuilds the launcher (mvn -B -q -DskipTests package) even if its jar exists
#   ST_WATCH_DELAY=1    Syncthing's fsWatcherDelayS (its default is 10)
#   SS_JAVA_OPTS=       extra JVM options for both swarmsync nodes (e.g. -Dswarmsync.log.level=INFO,
#                       -XX:+UseParallelGC); SS_SEND_OPTS= and SS_RECV_OPTS= for one node only
#                       (e.g. SS_RECV_OPTS=-XX:StartFlightRecording=filename=/tmp/recv.jfr,settings=profile)
#   POLL=0.025          the checker's poll interval, seconds
#   SETTLE=3            seconds both nodes stay idle after a before c is written
#   TIMEOUT=300         seconds for any one wait (scan, sync, settle)
#   OUT=                a directory to keep logs, GC logs and raw results in
#   VOLUME=ext4         ext4: a fresh loop-mounted ext4 per pair of trees; none: plain directories
# Every process started is stopped on exit (also on Ctrl-C or failure); temporary files live in
# one mktemp directory under /tmp, removed on exit.
set -euo pipefail

REPS=${REPS:-1}
SCENARIOS=${SCENARIOS:-a,b,c}
TOOLS=${TOOLS:-swarmsync,syncthing}
BIG_MIB=${BIG_MIB:-1024}
SMALL_DIRS=${SMALL_DIRS:-100}
SMALL_PER_DIR=${SMALL_PER_DIR:-100}
SMALL_BYTES=${SMALL_BYTES:-4096}
PATCH_KIB=${PATCH_KIB:-1024}
REBUILD=${REBUILD:-0}
ST_WATCH_DELAY=${ST_WATCH_DELAY:-1}
SS_JAVA_OPTS=${SS_JAVA_OPTS:-}
SS_SEND_OPTS=${SS_SEND_OPTS:-}
SS_RECV_OPTS=${SS_RECV_OPTS:-}
POLL=${POLL:-0.025}
SETTLE=${SETTLE:-3}
TIMEOUT=${TIMEOUT:-300}
OUT=${OUT:-}
VOLUME=${VOLUME:-ext4}
PY=/usr/bin/python3

root=$(cd "$(dirname "$0")/.." && pwd)
helpers="$root/bench/sync"
jar="${SS_JAR:-$root/launcher/target/swarmsync.jar}"
tmp=$(mktemp -d /tmp/swarmsync-vs-syncthing.XXXXXX)
started=()                 # every background process this script started
mounted=()                 # every volume this script mounted

stop_pid() {               # TERM, up to 15 s to exit, then KILL
    local pid=$1 i
    kill -0 "$pid" 2>/dev/null || return 0
    kill "$pid" 2>/dev/null || true
    for i in $(seq 1 150); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    local pid
    for pid in "${started[@]}"; do
        stop_pid "$pid"
    done
    local dir
    for dir in "${mounted[@]}"; do       # those vol_drop left behind (a failed run)
        umount "$dir" 2>/dev/null || umount -l "$dir" 2>/dev/null || true
        [[ -f "$dir.dev" ]] && losetup -d "$(<"$dir.dev")" 2>/dev/null || true
    done
    if [[ -n "$OUT" && -d "$tmp/keep" ]]; then
        mkdir -p "$OUT" && cp -r "$tmp/keep/." "$OUT/" || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
load() { uptime | sed 's/.*load average: //'; }
now() { date +%s.%N; }
cpu_s() {                  # CPU seconds (user + system) used so far by a process and its children
    local pids=("$1") p        # (Syncthing runs as a monitor process and its child)
    read -r -a p <<< "$(cat /proc/"$1"/task/*/children 2>/dev/null)" || true
    pids+=("${p[@]}")
    for p in "${pids[@]}"; do cat "/proc/$p/stat" 2>/dev/null || true; done \
        | awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); t += $12 + $13; n++ }
                                         END { if (n) printf "%.2f", t / hz; else print "NA" }'
}
thread_cpu() {             # PID: "cpu_seconds<TAB>thread name" per thread, most first (diagnosis)
    local f
    for f in /proc/"$1"/task/*/stat; do cat "$f" 2>/dev/null || true; done \
        | awk -v hz="$(getconf CLK_TCK)" '{ name = $0; sub(/^[^(]*\(/, "", name); sub(/\).*$/, "", name)
                                              rest = $0; sub(/^.*\) /, "", rest); split(rest, f, " ")
                                              printf "%.2f\t%s\n", (f[12] + f[13]) / hz, name }' \
        | sort -rn
}
json_field() { "$PY" -c 'import json,sys; print(json.loads(sys.argv[1]).get(sys.argv[2], ""))' "$1" "$2"; }

# wait_for FILE REGEX SECONDS: until a line of FILE matches (extended regex)
wait_for() {
    local deadline=$((SECONDS + $3))
    while (( SECONDS < deadline )); do
        grep -qE "$2" "$1" 2>/dev/null && return 0
        sleep 0.1
    done
    say "timed out after $3 s waiting for /$2/ in $1; its last lines:"
    tail -5 "$1" >&2 || true
    return 1
}

has() { [[ ",$1," == *",$2,"* ]]; }

# vol_make DIR: DIR becomes an empty file system of its own (VOLUME=ext4) or a plain directory.
# Every pair gets a new ext4 on the same image, written through once with zeros at the start:
# the loop device reads and writes it with direct I/O (buffered, the image's own page cache held
# a second dirty copy of every write, and each fsync flushed that too: c took 6-11 s for both
# tools), and writing where the image has no blocks yet went at 300-430 MB/s (the root file
# system allocating them), where a written image takes 1.6 GB/s, as the root file system does.
# mkfs does not discard (that would punch the image's blocks out again) and initialises inode
# tables and journal itself, so no background thread writes them during a run.
vol_image="$tmp/volume.img"
vol_make() {
    mkdir -p "$1"
    [[ $VOLUME == ext4 ]] || return 0
    losetup -f --show --direct-io=on "$vol_image" > "$1.dev"
    mkfs.ext4 -q -F -E nodiscard,lazy_itable_init=0,lazy_journal_init=0 "$(<"$1.dev")" > /dev/null
    mount "$(<"$1.dev")" "$1"
    mounted+=("$1")
    rmdir "$1/lost+found"
}
# vol_drop DIR: removes what vol_make made (the image stays for the next pair)
vol_drop() {
    if [[ $VOLUME == ext4 ]]; then
        umount "$1"
        losetup -d "$(<"$1.dev")"
        rm -f "$1.dev"
        rmdir "$1"
    else
        rm -rf "$1"
    fi
}
# The volume: both trees, the receiver's download and archive (c), and room.
vol_mib() {
    local mib=$(( SMALL_DIRS * SMALL_PER_DIR * (SMALL_BYTES + 8192) * 3 / 1048576 + 512 ))
    has "$SCENARIOS" a && mib=$(( BIG_MIB * 4 + 512 > mib ? BIG_MIB * 4 + 512 : mib ))
    echo "$mib"
}
if [[ $VOLUME == ext4 ]]; then
    [[ $(id -u) == 0 ]] && command -v mkfs.ext4 > /dev/null && command -v losetup > /dev/null \
        || { echo "VOLUME=ext4 needs root, losetup and mkfs.ext4 (or run with VOLUME=none)" >&2; exit 1; }
    say "writing the $(vol_mib) MiB volume image once"
    dd if=/dev/zero of="$vol_image" bs=4M count=$(( $(vol_mib) / 4 + 1 )) oflag=direct status=none
fi

mkdir -p "$tmp/keep"
results="$tmp/keep/results.tsv"     # rep tool scenario seconds connect_s recv_cpu send_cpu polls checker_cpu load
heaps="$tmp/keep/heap.tsv"          # rep tool scenarios role gclog-json
: > "$results"
: > "$heaps"
say "load average (1, 5, 15 min): $(load)"
printf 'start\t%s\n' "$(load)" > "$tmp/keep/loads.tsv"

# ---------------------------------------------------------------- build and data
if [[ "$REBUILD" == 1 || ! -f "$jar" ]]; then
    say "building the launcher (mvn -B -q -DskipTests package)"
    (cd "$root" && { mvn -B -q -o -DskipTests package || mvn -B -q -DskipTests package; })
fi
[[ -f "$jar" ]] || { say "no $jar"; exit 1; }
command -v syncthing > /dev/null || { say "no syncthing on PATH"; exit 1; }
say "$(syncthing --version | cut -d' ' -f1-2), $(java -version 2>&1 | head -1)"

data="$tmp/data"
mkdir -p "$data/a" "$data/b"
patch_off=$(( BIG_MIB * 1024 * 1024 / 2 ))
if has "$SCENARIOS" a; then
    say "data a: one file of $BIG_MIB MiB; patch for c: $PATCH_KIB KiB at offset $patch_off"
    head -c $(( BIG_MIB * 1024 * 1024 )) /dev/urandom > "$data/a/big.bin"
    head -c $(( PATCH_KIB * 1024 )) /dev/urandom > "$data/patch.bin"
    "$PY" "$helpers/tree.py" manifest "$data/a" > "$data/a.json"
    "$PY" "$helpers/tree.py" manifest "$data/a" --patch big.bin "$patch_off" "$data/patch.bin" > "$data/c.json"
fi
if has "$SCENARIOS" b; then
    say "data b: $((SMALL_DIRS * SMALL_PER_DIR)) files of $SMALL_BYTES bytes in $SMALL_DIRS directories"
    "$PY" "$helpers/tree.py" gen-small "$data/b" "$SMALL_DIRS" "$SMALL_PER_DIR" "$SMALL_BYTES"
    "$PY" "$helpers/tree.py" manifest "$data/b" > "$data/b.json"
fi
count_files() { "$PY" -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$1"; }

# ---------------------------------------------------------------- one timed wait
# timed_start REP TOOL SCEN DIR MANIFEST START_CMD...: starts the checker, then (t0) the receiver
# by running START_CMD (which must start it in the background and set recv_pid); waits for the
# checker; appends a line to results. Sets t0.
checker_out=
run_checker_go() {       # MANIFEST DIR STATE_OUT: background checker waiting for its start signal
    rm -f "$tmp/go" "$tmp/go.ready"
    checker_out="$tmp/checker.json"
    "$PY" "$helpers/tree.py" wait --manifest "$1" --dir "$2" --go "$tmp/go" --state-out "$3" \
        --interval "$POLL" --timeout "$TIMEOUT" > "$checker_out" &
    checker_pid=$!
    started+=("$checker_pid")
    local i
    for i in $(seq 1 600); do
        [[ -e "$tmp/go.ready" ]] && return 0
        sleep 0.01
    done
    say "the checker did not start"
    return 1
}
give_go() { t0=$(now); echo "$t0" > "$tmp/go.tmp"; mv "$tmp/go.tmp" "$tmp/go"; }

record() {               # REP TOOL SCEN CONNECT_S RECV_CPU SEND_CPU
    local r=$(<"$checker_out")
    if [[ "$(json_field "$r" ok)" != True ]]; then
        say "$2 $3: the receiver did not reach the sender's content within $TIMEOUT s: $r"
        return 1
    fi
    local secs=$(json_field "$r" seconds)
    printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$r" >> "$tmp/keep/checker.tsv"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$secs" "$4" "$5" "$6" \
        "$(json_field "$r" polls)" "$(json_field "$r" checker_cpu_s)" "$(load | cut -d, -f1)" >> "$results"
    say "$2 $3: $secs s (connected after ${4:-?} s; CPU s receiver $5, sender $6; checker $(json_field "$r" checker_cpu_s) s over $(json_field "$r" polls) polls, $(json_field "$r" failed_verifications) failed verifications)"
}

# ---------------------------------------------------------------- swarmsync
ss_start() {             # NAME DIR PORT [PEER_PORT]: sets last_pid
    local name=$1 dir=$2 port=$3 peer=${4:-} extra=() opts=()
    if [[ -n "$peer" ]]; then
        extra=(--peer "127.0.0.1:$peer")
        read -r -a opts <<< "$SS_JAVA_OPTS $SS_RECV_OPTS"
    else
        read -r -a opts <<< "$SS_JAVA_OPTS $SS_SEND_OPTS"
    fi
    java -Xmx256m -Xlog:gc,gc+heap+exit:file="$run/$name.gc.log":uptime "${opts[@]}" \
        -jar "$jar" sync "$dir" --secret "$secret" --listen "$port" "${extra[@]}" --no-lan \
        > >("$PY" "$helpers/stamp.py" > "$run/$name.out") 2> >("$PY" "$helpers/stamp.py" > "$run/$name.err") &
    last_pid=$!
    started+=("$last_pid")
}

ss_pair() {              # REP GROUP(ac|b)
    local rep=$1 group=$2 data_dir n p1 p2 send_pid recv_pid c0 s0 vol
    vol="$tmp/vol-rep$rep-$group"
    run="$tmp/keep/rep$rep-swarmsync-$group"
    mkdir -p "$run"
    vol_make "$vol"
    mkdir -p "$vol/dst"
    if [[ $group == ac ]]; then data_dir="$data/a"; manifest="$data/a.json"; scen=a
    else data_dir="$data/b"; manifest="$data/b.json"; scen=b; fi
    cp -a "$data_dir" "$vol/src"
    n=$(count_files "$manifest")
    secret=$(java -jar "$jar" secret new)
    read -r p1 p2 < <("$PY" "$helpers/tree.py" ports 2)
    ss_start send "$vol/src" "$p1"; send_pid=$last_pid
    say "swarmsync $scen: sender pid $send_pid scanning $n files"
    wait_for "$run/send.out" " idle: $n/$n files" "$TIMEOUT"
    run_checker_go "$manifest" "$vol/dst" "$run/state.json"
    s0=$(cpu_s "$send_pid")
    give_go
    ss_start recv "$vol/dst" "$p2" "$p1"; recv_pid=$last_pid
    wait "$checker_pid" || true
    local rc=$(cpu_s "$recv_pid") sc=$(cpu_s "$send_pid")
    thread_cpu "$recv_pid" > "$run/recv.threads-$scen.tsv"
    thread_cpu "$send_pid" > "$run/send.threads-$scen.tsv"
    local connected=$(awk -F'\t' '/ [1-9][0-9]* peers?($| )/ { print $1; exit }' "$run/recv.out")
    record "$rep" swarmsync "$scen" "$(fmt_delta "$connected" "$t0")" "$rc" "$(fmt_delta "$sc" "$s0")"
    if [[ $group == ac ]] && has "$SCENARIOS" c; then
        wait_for "$run/recv.out" " idle: 1/1 files" "$TIMEOUT"
        sleep "$SETTLE"
        s0=$(cpu_s "$send_pid"); local r0=$(cpu_s "$recv_pid")
        "$PY" "$helpers/tree.py" wait --manifest "$data/c.json" --dir "$vol/dst" --known "$run/state.json" \
            --patch "$vol/src/big.bin" "$patch_off" "$data/patch.bin" \
            --interval "$POLL" --timeout "$TIMEOUT" > "$checker_out" || true
        record "$rep" swarmsync c "" "$(fmt_delta "$(cpu_s "$recv_pid")" "$r0")" \
            "$(fmt_delta "$(cpu_s "$send_pid")" "$s0")"
        thread_cpu "$recv_pid" > "$run/recv.threads-c.tsv"
        thread_cpu "$send_pid" > "$run/send.threads-c.tsv"
    fi
    stop_pid "$recv_pid"
    stop_pid "$send_pid"
    local role
    for role in send recv; do
        grep -l OutOfMemoryError "$run/$role.err" > /dev/null 2>&1 && say "swarmsync $role: OutOfMemoryError"
        printf '%s\tswarmsync\t%s\t%s\t%s\t%s\n' "$rep" "$group" "$role" \
            "$("$PY" "$helpers/gclog.py" "$run/$role.gc.log")" \
            "$(grep -c OutOfMemoryError "$run/$role.err" || true)" >> "$heaps"
    done
    vol_drop "$vol"
}

fmt_delta() { [[ -n "$1" && -n "$2" && "$1" != NA && "$2" != NA ]] && awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a - b }' || echo ""; }

# ---------------------------------------------------------------- Syncthing
st_pair() {              # REP GROUP(ac|b)
    local rep=$1 group=$2 data_dir n p1 p2 g1 g2 id1 id2 send_pid recv_pid s0 vol
    vol="$tmp/vol-rep$rep-$group"
    run="$tmp/keep/rep$rep-syncthing-$group"
    mkdir -p "$run"
    vol_make "$vol"
    mkdir -p "$vol/dst/.stfolder"
    if [[ $group == ac ]]; then data_dir="$data/a"; manifest="$data/a.json"; scen=a
    else data_dir="$data/b"; manifest="$data/b.json"; scen=b; fi
    cp -a "$data_dir" "$vol/src"
    mkdir -p "$vol/src/.stfolder"
    n=$(count_files "$manifest")
    read -r p1 p2 g1 g2 < <("$PY" "$helpers/tree.py" ports 4)
    local home
    for home in send recv; do
        STNODEFAULTFOLDER=1 syncthing generate --home "$run/$home" --no-default-folder --skip-port-probing \
            > "$run/$home.generate.log" 2>&1
    done
    id1=$(syncthing serve --home "$run/send" --device-id)
    id2=$(syncthing serve --home "$run/recv" --device-id)
    "$PY" "$helpers/syncthing.py" config "$run/send" --listen "$p1" --gui "$g1" --apikey bench-send \
        --peer-id "$id2" --peer-port "$p2" --folder-id bench --folder-path "$vol/src" --watch-delay "$ST_WATCH_DELAY"
    "$PY" "$helpers/syncthing.py" config "$run/recv" --listen "$p2" --gui "$g2" --apikey bench-recv \
        --peer-id "$id1" --peer-port "$p1" --folder-id bench --folder-path "$vol/dst" --watch-delay "$ST_WATCH_DELAY"
    STNODEFAULTFOLDER=1 STNOUPGRADE=1 syncthing serve --home "$run/send" --no-browser --no-restart \
        --logflags=7 > "$run/send.log" 2>&1 &
    send_pid=$!; started+=("$send_pid")
    say "syncthing $scen: sender pid $send_pid scanning $n files"
    "$PY" "$helpers/syncthing.py" status --gui "$g1" --apikey bench-send --folder bench --files "$n" --timeout "$TIMEOUT"
    run_checker_go "$manifest" "$vol/dst" "$run/state.json"
    s0=$(cpu_s "$send_pid")
    give_go
    STNODEFAULTFOLDER=1 STNOUPGRADE=1 syncthing serve --home "$run/recv" --no-browser --no-restart \
        --logflags=7 > "$run/recv.log" 2>&1 &
    recv_pid=$!; started+=("$recv_pid")
    wait "$checker_pid" || true
    local rc=$(cpu_s "$recv_pid") sc=$(cpu_s "$send_pid")
    record "$rep" syncthing "$scen" "$(fmt_delta "$("$PY" "$helpers/syncthing.py" connected "$run/recv.log")" "$t0")" \
        "$rc" "$(fmt_delta "$sc" "$s0")"
    if [[ $group == ac ]] && has "$SCENARIOS" c; then
        "$PY" "$helpers/syncthing.py" status --gui "$g2" --apikey bench-recv --folder bench --files "$n" \
            --need-zero --timeout "$TIMEOUT"
        sleep "$SETTLE"
        s0=$(cpu_s "$send_pid"); local r0=$(cpu_s "$recv_pid")
        "$PY" "$helpers/tree.py" wait --manifest "$data/c.json" --dir "$vol/dst" --known "$run/state.json" \
            --patch "$vol/src/big.bin" "$patch_off" "$data/patch.bin" \
            --interval "$POLL" --timeout "$TIMEOUT" > "$checker_out" || true
        record "$rep" syncthing c "" "$(fmt_delta "$(cpu_s "$recv_pid")" "$r0")" \
            "$(fmt_delta "$(cpu_s "$send_pid")" "$s0")"
    fi
    stop_pid "$recv_pid"
    stop_pid "$send_pid"
    # keep config and logs; not the database, nor the throwaway identities' private keys
    vol_drop "$vol"
    rm -rf "$run/send/index-"* "$run/recv/index-"* "$run"/*/*.pem
}

# ---------------------------------------------------------------- the run
groups=()
has "$SCENARIOS" a && groups+=(ac)
has "$SCENARIOS" b && groups+=(b)
IFS=, read -r -a tools <<< "$TOOLS"
for rep in $(seq 1 "$REPS"); do
    order=("${tools[@]}")
    if (( rep % 2 == 0 )) && (( ${#tools[@]} == 2 )); then order=("${tools[1]}" "${tools[0]}"); fi
    for group in "${groups[@]}"; do
        for tool in "${order[@]}"; do
            printf 'rep %s %s %s: before\t%s\n' "$rep" "$tool" "$group" "$(load)" >> "$tmp/keep/loads.tsv"
            case $tool in
                swarmsync) ss_pair "$rep" "$group" ;;
                syncthing) st_pair "$rep" "$group" ;;
                *) say "unknown tool $tool"; exit 2 ;;
            esac
        done
    done
done
printf 'end\t%s\n' "$(load)" >> "$tmp/keep/loads.tsv"
"$PY" "$helpers/report.py" "$results" "$heaps" "$tmp/keep/loads.tsv"
