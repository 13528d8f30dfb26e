#!/usr/bin/python3
"""Prints the table of bench/transport-throughput.sh (Markdown) from its raw results.

  transport_table.py JMH_JSON LT_TSV LOADS_TSV [LT_DISCARDED]

JMH_JSON: JMH's JSON of LoopbackThroughputBenchmark (single-shot, ms per run, with the
CpuTimeProfiler's cpu.seconds). LT_TSV: one line per libtorrent run, "name<TAB>bytes<TAB>seconds".
LOADS_TSV: "moment<TAB>load averages". LT_DISCARDED: one line per libtorrent attempt
that stalled and was repeated (its name). MB/s is 10^6 bytes per second. Ratios compare medians.
"""
import json
import statistics
import sys

GOALS = [
    # (label, numerator, denominator, goal or None)
    ("our µTP / libtorrent µTP", "utp", "libtorrent-utp", 2.0),
    ("our µTP / our TCP", "utp", "tcp", 0.8),
    ("our µTP+MSE / our µTP", "utp-mse", "utp", None),
    ("our TCP / libtorrent TCP", "tcp", "libtorrent-tcp", None),
    ("libtorrent µTP / libtorrent TCP", "libtorrent-utp", "libtorrent-tcp", None),
    ("our µTP 1382-byte packets / libtorrent µTP", "utp-1382", "libtorrent-utp", None),
]

LABELS = {
    "utp": "ours: µTP (large datagrams on loopback)",
    "tcp": "ours: TCP",
    "utp-mse": "ours: µTP + MSE (RC4)",
    "tcp-mse": "ours: TCP + MSE (RC4)",
    "utp-1382": "ours: µTP, standard 1382-byte packets",
    "utp-1382-mse": "ours: µTP 1382 + MSE (RC4)",
    "libtorrent-utp": "libtorrent 2.0.8: µTP → µTP",
    "libtorrent-tcp": "libtorrent 2.0.8: TCP → TCP",
}


def ours(path):
    """route -> (list of MB/s per run, list of CPU seconds per GiB per run, bytes)"""
    out = {}
    with open(path) as f:
        for result in json.load(f):
            route = result["params"]["route"]
            size = int(result["params"]["bytes"])
            metric = result["primaryMetric"]
            if metric["scoreUnit"] != "ms/op":
                raise SystemExit("unexpected unit " + metric["scoreUnit"])
            runs = [v for fork in metric["rawData"] for v in fork]
            mbs = [size / 1e6 / (ms / 1e3) for ms in runs]
            cpu = result.get("secondaryMetrics", {}).get("cpu.seconds")
            cpu_per_gib = [v * (1 << 30) / size for fork in cpu["rawData"] for v in fork] if cpu else []
            out[route] = (mbs, cpu_per_gib, size)
    return out


def libtorrent(path):
    out = {}
    with open(path) as f:
        for line in f:
            if not line.strip():
                continue
            name, size, seconds = line.split("\t")
            mbs, _, _ = out.setdefault(name, ([], [], int(size)))
            mbs.append(int(size) / 1e6 / float(seconds))
    return out


def main():
    rows = ours(sys.argv[1])
    rows.update(libtorrent(sys.argv[2]))
    with open(sys.argv[3]) as f:
        loads = [line.rstrip("\n").split("\t") for line in f if line.strip()]

    print()
    print("| path | runs | median MB/s | min | max | CPU s per GiB (both ends) |")
    print("|---|---:|---:|---:|---:|---:|")
    medians = {}
    order = ["utp", "tcp", "utp-mse", "tcp-mse", "utp-1382", "utp-1382-mse"]
    diagnostics = sorted(k for k in rows if k not in order and not k.startswith("libtorrent-"))
    for key in order + diagnostics + ["libtorrent-utp", "libtorrent-tcp"]:
        if key not in rows:
            continue
        mbs, cpu, _ = rows[key]
        medians[key] = statistics.median(mbs)
        cpu_text = "%.2f" % statistics.median(cpu) if cpu else "n/a"
        print("| %s | %d | **%.0f** | %.0f | %.0f | %s |"
              % (LABELS.get(key, "ours: " + key), len(mbs), medians[key], min(mbs), max(mbs), cpu_text))

    print()
    print("| ratio (of medians) | value | goal | verdict |")
    print("|---|---:|---:|---|")
    for label, num, den, goal in GOALS:
        if num not in medians or den not in medians:
            continue
        ratio = medians[num] / medians[den]
        if goal is None:
            print("| %s | %.2f | – | – |" % (label, ratio))
        else:
            print("| %s | %.2f | ≥ %.1f | %s |" % (label, ratio, goal, "met" if ratio >= goal else "**missed**"))

    if len(sys.argv) > 4:
        with open(sys.argv[4]) as f:
            discarded = [line.strip() for line in f if line.strip()]
        for name in sorted(set(discarded)):
            print()
            print("%s: %d stalled attempt(s) discarded and repeated (the seed exited before the"
                  " last block arrived; see transport-throughput.sh)." % (LABELS.get(name, name), discarded.count(name)))

    print()
    print("Load average (1, 5, 15 min):")
    for moment, load in loads:
        print("- %s: %s" % (moment, load))


if __name__ == "__main__":
    main()
