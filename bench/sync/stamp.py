#!/usr/bin/python3
"""Copies standard input to standard output line by line, each prefixed with the epoch time of
its arrival and a tab (bench/sync-vs-syncthing.sh reads when swarmsync's receiver first shows a
peer from its progress lines, which carry no time of their own)."""
import sys
import time

for line in sys.stdin:
    sys.stdout.write("%.3f\t%s" % (time.time(), line))
    sys.stdout.flush()
