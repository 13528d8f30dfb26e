#!/usr/bin/python3
"""Prints the tables of bench/sync-vs-syncthing.sh (Markdown) from its raw results.

  report.py RESULTS_TSV HEAP_TSV LOADS_TSV

RESULTS_TSV: rep, tool, scenario, seconds, seconds until connected, receiver CPU s, sender CPU s
(both during the timed interval), checker polls, checker CPU s, 1-minute load at the end.
HEAP_TSV: rep, tool, scenario group, role, gclog.py JSON, OutOfMemoryError count.
LOADS_TSV: moment, load averages.
Ratio = swarmsync seconds / Syncthing seconds in the same repetition; the goal is <= 0.5.
"""
import collections
import json
import statistics
import sys

GOAL = 0.5
NAMES = {"a": "a: 1 GiB file", "b": "b: 10,000 x 4 KiB", "c": "c: 1 MiB changed in a"}


def rows(path):
    with open(path) as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


def num(text):
    try:
        return float(text)
    except ValueError:
        return None


def fmt(x, digits=2):
    return "" if x is None else "%.*f" % (digits, x)


def main(results_path, heap_path, loads_path):
    res = collections.defaultdict(dict)           # (scenario, rep) -> tool -> row
    for r in rows(results_path):
        res[(r[2], int(r[0]))][r[1]] = r
    print("| scenario | rep | swarmsync s (connected at) | Syncthing s (connected at) | swarmsync / Syncthing | goal <= %.1f | load (1 min) at the end, swarmsync / Syncthing |" % GOAL)
    print("|---|---:|---:|---:|---:|---|---:|")
    ratios = collections.defaultdict(list)
    for (scen, rep) in sorted(res):
        by = res[(scen, rep)]
        cells = []
        for tool in ("swarmsync", "syncthing"):
            r = by.get(tool)
            if r is None:
                cells.append("")
                continue
            conn = " (%s)" % r[4] if r[4] else ""
            cells.append(r[3] + conn)
        ss, st = (num(by[t][3]) if t in by else None for t in ("swarmsync", "syncthing"))
        ratio = ss / st if ss is not None and st else None
        if ratio is not None:
            ratios[scen].append(ratio)
        load = "/".join(by[t][9] for t in ("swarmsync", "syncthing") if t in by)
        print("| %s | %d | %s | %s | %s | %s | %s |" % (NAMES.get(scen, scen), rep, cells[0], cells[1],
              fmt(ratio), "" if ratio is None else ("met" if ratio <= GOAL else "missed"), load))
    if any(len(v) > 1 for v in ratios.values()):
        print()
        print("| scenario | median swarmsync s | median Syncthing s | median ratio | best / worst ratio |")
        print("|---|---:|---:|---:|---:|")
        for scen in sorted(ratios):
            ss = [num(res[k]["swarmsync"][3]) for k in res if k[0] == scen and "swarmsync" in res[k]]
            st = [num(res[k]["syncthing"][3]) for k in res if k[0] == scen and "syncthing" in res[k]]
            print("| %s | %s | %s | %s | %s / %s |" % (NAMES.get(scen, scen), fmt(statistics.median(ss)),
                  fmt(statistics.median(st)), fmt(statistics.median(ratios[scen])),
                  fmt(min(ratios[scen])), fmt(max(ratios[scen]))))
    print()
    print("CPU seconds during the timed interval (receiver + sender), and the checker's own cost:")
    print()
    print("| scenario | rep | tool | receiver CPU s | sender CPU s | checker CPU s (polls) |")
    print("|---|---:|---|---:|---:|---:|")
    for (scen, rep) in sorted(res):
        for tool, r in sorted(res[(scen, rep)].items()):
            print("| %s | %d | %s | %s | %s | %s (%s) |" % (scen, rep, tool, r[5], r[6], r[8], r[7]))
    print()
    print("swarmsync JVM heap (MiB, from each JVM's GC log; committed = the heap the JVM reserved, its -Xmx):")
    print()
    print("| rep | scenarios | node | peak used | peak live (after GC) | committed | GC pauses (total ms) | full GCs | OutOfMemoryError |")
    print("|---:|---|---|---:|---:|---:|---:|---:|---:|")
    for r in rows(heap_path):
        h = json.loads(r[4])
        print("| %s | %s | %s | %s | %s | %s | %d (%s) | %d | %s |" % (
            r[0], "a + c" if r[2] == "ac" else r[2], "sender" if r[3] == "send" else "receiver",
            h["peak_used_mib"], h["peak_live_mib"], h["committed_mib"], h["pauses"], h["pause_ms"],
            h["full_gcs"], r[5] if len(r) > 5 and r[5] else "0"))
    print()
    print("Load averages (1, 5, 15 min):")
    print()
    for r in rows(loads_path):
        print("- %s: %s" % (r[0], r[1]))


if __name__ == "__main__":
    main(*sys.argv[1:4])
