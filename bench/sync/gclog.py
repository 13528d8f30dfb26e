#!/usr/bin/python3
"""Heap figures of one JVM from its unified GC log (-Xlog:gc,gc+heap+exit:file=LOG:uptime).

  gclog.py LOG    prints one JSON line:
    peak_used_mib   the most heap in use at any GC pause start or at exit: heap use only grows
                    between collections, so this is the peak (to the log's 1 MiB resolution)
    peak_live_mib   the most heap still in use right after a collection (the working set)
    exit_used_mib   heap in use at exit
    committed_mib   the largest heap size the JVM had committed
    pauses, pause_ms, full_gcs   count and total time of GC pauses; full collections
"""
import json
import re
import sys

PAUSE = re.compile(r"GC\(\d+\) Pause (Young|Full|Remark|Cleanup)[^\n]*? (\d+)M->(\d+)M\((\d+)M\) ([\d.]+)ms")
EXIT = re.compile(r"garbage-first heap\s+total (\d+)K, used (\d+)K")


def main(path):
    peak = live = committed = pauses = full = 0
    pause_ms = 0.0
    exit_used = None
    with open(path, errors="replace") as f:
        for line in f:
            m = PAUSE.search(line)
            if m:
                kind, before, after, size, ms = m.groups()
                peak = max(peak, int(before))
                live = max(live, int(after))
                committed = max(committed, int(size))
                pauses += 1
                pause_ms += float(ms)
                full += kind == "Full"
                continue
            m = EXIT.search(line)
            if m:
                committed = max(committed, int(m.group(1)) // 1024)
                exit_used = round(int(m.group(2)) / 1024, 1)
                peak = max(peak, exit_used)
    print(json.dumps({"peak_used_mib": peak, "peak_live_mib": live, "exit_used_mib": exit_used,
                      "committed_mib": committed, "pauses": pauses, "pause_ms": round(pause_ms, 1),
                      "full_gcs": full}))


if __name__ == "__main__":
    main(sys.argv[1])
