#!/usr/bin/python3
"""Prints the table of bench/transport-throughput.sh (Markdown) from its raw results.

  transport_table.py [--lt LT_TSV] [--loads LOADS_TSV] [--discarded FILE] JMH_JSON...

JMH_JSON: one JSON result of LoopbackThroughputBenchmark per round, named jmh-<round>.json
(single-shot, ms per run, with the CpuTimeProfiler's cpu.seconds). LT_TSV: one line per
libtorrent run, "round<TAB>name<TAB>bytes<TAB>seconds". LOADS_TSV: "moment<TAB>load averages".
--discarded: one line per libtorrent attempt that stalled and was repeated (its name).

MB/s is 10^6 bytes per second. A ratio is taken between the medians of all runs; next to it, the
lowest and highest of the same ratio computed within each round.
"""
import argparse
import collections
import json
import os
import re
import statistics

GOALS = [
    # (label, numerator, denominator, goal or None)
    ("our µTP / libtorrent µTP", "utp", "libtorrent-utp", 2.0),
    ("our µTP / our TCP", "utp", "tcp", 0.8),
    ("our µTP+MSE / our µTP", "utp-mse", "utp", None),
    ("our TCP+MSE / our TCP", "tcp-mse", "tcp", None),
    ("our µTP+AES-GCM / our µTP", "utp-gcm", "utp", None),
    ("our µTP+AES-GCM / our µTP+MSE (RC4)", "utp-gcm", "utp-mse", None),
    ("our TCP / libtorrent TCP", "tcp", "libtorrent-tcp", None),
    ("libtorrent µTP / libtorrent TCP", "libtorrent-utp", "libtorrent-tcp", None),
    ("our µTP with 1382-byte packets / libtorrent µTP", "utp-1382", "libtorrent-utp", None),
]

LABELS = {
    "utp": "ours: µTP (defaults: large datagrams on loopback)",
    "tcp": "ours: TCP",
    "utp-mse": "ours: µTP + MSE (RC4)",
    "tcp-mse": "ours: TCP + MSE (RC4)",
    "utp-gcm": "ours: µTP + MSE handshake, AES-128-GCM records",
    "tcp-gcm": "ours: TCP + MSE handshake, AES-128-GCM records",
    "utp-1382": "ours: µTP, standard 1382-byte packets",
    "utp-1382-mse": "ours: µTP 1382 + MSE (RC4)",
    "libtorrent-utp": "libtorrent 2.0.8: µTP → µTP",
    "libtorrent-tcp": "libtorrent 2.0.8: TCP → TCP",
}
ORDER = ["utp", "tcp", "utp-mse", "tcp-mse", "utp-gcm", "tcp-gcm", "utp-1382", "utp-1382-mse"]


class Path:
    def __init__(self):
        self.mbs = collections.defaultdict(list)  # round -> MB/s of each run
        self.cpu_per_gib = []

    def all_mbs(self):
        return [v for runs in self.mbs.values() for v in runs]


def read_ours(files, paths):
    for path in files:
        match = re.search(r"jmh-(\d+)\.json$", os.path.basename(path))
        rnd = int(match.group(1)) if match else 1
        with open(path) as f:
            for result in json.load(f):
                route = result["params"]["route"]
                size = int(result["params"]["bytes"])
                metric = result["primaryMetric"]
                if metric["scoreUnit"] != "ms/op":
                    raise SystemExit("unexpected unit " + metric["scoreUnit"])
                p = paths[route]
                p.mbs[rnd].extend(size / 1e6 / (ms / 1e3) for fork in metric["rawData"] for ms in fork)
                cpu = result.get("secondaryMetrics", {}).get("cpu.seconds")
                if cpu:
                    p.cpu_per_gib.extend(v * (1 << 30) / size for fork in cpu["rawData"] for v in fork)


def read_libtorrent(path, paths):
    with open(path) as f:
        for line in f:
            if line.strip():
                rnd, name, size, seconds = line.rstrip("\n").split("\t")
                paths[name].mbs[int(rnd)].append(int(size) / 1e6 / float(seconds))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lt")
    parser.add_argument("--loads")
    parser.add_argument("--discarded")
    parser.add_argument("jmh", nargs="+")
    args = parser.parse_args()
    paths = collections.defaultdict(Path)
    read_ours(args.jmh, paths)
    if args.lt:
        read_libtorrent(args.lt, paths)

    print()
    print("| path | runs | median MB/s | min | max | CPU s per GiB, both ends (median) |")
    print("|---|---:|---:|---:|---:|---:|")
    diagnostics = sorted(k for k in paths if k not in ORDER and not k.startswith("libtorrent-"))
    for key in ORDER + diagnostics + ["libtorrent-utp", "libtorrent-tcp"]:
        if key not in paths or not paths[key].all_mbs():
            continue
        p = paths[key]
        runs = p.all_mbs()
        cpu = "%.2f" % statistics.median(p.cpu_per_gib) if p.cpu_per_gib else "n/a"
        print("| %s | %d | **%.0f** | %.0f | %.0f | %s |"
              % (LABELS.get(key, "ours: " + key), len(runs), statistics.median(runs), min(runs), max(runs), cpu))

    print()
    print("| ratio of medians | all runs | per round, lowest – highest | goal | verdict |")
    print("|---|---:|---:|---:|---|")
    for label, num, den, goal in GOALS:
        if num not in paths or den not in paths or not paths[num].all_mbs() or not paths[den].all_mbs():
            continue
        ratio = statistics.median(paths[num].all_mbs()) / statistics.median(paths[den].all_mbs())
        rounds = sorted(set(paths[num].mbs) & set(paths[den].mbs))
        per_round = [statistics.median(paths[num].mbs[r]) / statistics.median(paths[den].mbs[r]) for r in rounds]
        spread = "%.2f – %.2f" % (min(per_round), max(per_round)) if per_round else "–"
        if goal is None:
            print("| %s | %.2f | %s | – | – |" % (label, ratio, spread))
        else:
            verdict = "met" if ratio >= goal else "**missed**"
            if per_round and (min(per_round) >= goal) != (max(per_round) >= goal):
                verdict += " (not in every round)"
            print("| %s | %.2f | %s | ≥ %.1f | %s |" % (label, ratio, spread, goal, verdict))

    if args.discarded and os.path.exists(args.discarded):
        with open(args.discarded) as f:
            discarded = [line.strip() for line in f if line.strip()]
        for name in sorted(set(discarded)):
            print()
            print("%s: %d stalled attempt(s) discarded and repeated (the seed exited before the"
                  " last block arrived; see transport-throughput.sh)." % (LABELS.get(name, name), discarded.count(name)))

    if args.loads:
        print()
        print("Load average (1, 5, 15 min):")
        with open(args.loads) as f:
            for line in f:
                if line.strip():
                    moment, load = line.rstrip("\n").split("\t")
                    print("- %s: %s" % (moment, load))


if __name__ == "__main__":
    main()
