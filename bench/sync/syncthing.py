#!/usr/bin/python3
"""Syncthing side of bench/sync-vs-syncthing.sh: loopback-only configuration, REST waits, log times.

  syncthing.py config HOME --listen P --gui P --apikey K --peer-id ID --peer-port P
                       --folder-id ID --folder-path DIR [--watch-delay S] [--low-priority]
      edits HOME/config.xml (made by `syncthing generate`) in place: listens on
      tcp://127.0.0.1:P only (no QUIC), GUI/REST on 127.0.0.1 with the API key, every
      announce, relay, NAT, STUN, usage report, crash report and upgrade path off; the peer
      device at tcp://127.0.0.1:PEER_PORT; one sendreceive folder shared with the peer
      (from the <defaults> folder, so every other folder option is Syncthing's default;
      fsWatcherEnabled, rescanIntervalS 3600, fsWatcherDelayS as given).
      setLowPriority is turned off unless --low-priority: by default Syncthing lowers its own
      CPU and I/O priority, which on a shared machine would handicap it against swarmsync.
  syncthing.py status --gui P --apikey K --folder ID --files N [--need-zero] --timeout S
      waits until /rest/db/status says state "idle" with localFiles == N (and needFiles == 0
      with --need-zero); polls every 0.1 s; exit 1 on timeout (last status on stderr).
  syncthing.py connected LOG
      prints the epoch seconds of the first "Established secure connection" line of a log
      written with --logflags=7 (date, time, microseconds; lines may start with the
      "[DEVICE] " prefix); nothing if none.
"""
import argparse
import copy
import datetime
import json
import re
import sys
import time
import urllib.request
import xml.etree.ElementTree as ET

OPTIONS = {
    "globalAnnounceEnabled": "false",
    "localAnnounceEnabled": "false",
    "relaysEnabled": "false",
    "natEnabled": "false",
    "urAccepted": "-1",
    "autoUpgradeIntervalH": "0",
    "crashReportingEnabled": "false",
    "startBrowser": "false",
    "announceLANAddresses": "false",
    "stunKeepaliveStartS": "0",       # 0 disables STUN
}


def set_text(parent, tag, value):
    node = parent.find(tag)
    if node is None:
        node = ET.SubElement(parent, tag)
    node.text = value


def cmd_config(a):
    path = a.home + "/config.xml"
    tree = ET.parse(path)
    root = tree.getroot()
    me = root.find("device").get("id")

    gui = root.find("gui")
    gui.set("enabled", "true")
    gui.set("tls", "false")
    set_text(gui, "address", "127.0.0.1:%d" % a.gui)
    set_text(gui, "apikey", a.apikey)

    opts = root.find("options")
    for node in opts.findall("listenAddress"):
        opts.remove(node)
    listen = ET.SubElement(opts, "listenAddress")
    listen.text = "tcp://127.0.0.1:%d" % a.listen
    for node in opts.findall("globalAnnounceServer"):
        opts.remove(node)
    for tag, value in OPTIONS.items():
        set_text(opts, tag, value)
    set_text(opts, "setLowPriority", "true" if a.low_priority else "false")

    template = root.find("defaults/device")
    peer = copy.deepcopy(template)
    peer.set("id", a.peer_id)
    peer.set("name", "peer")
    set_text(peer, "address", "tcp://127.0.0.1:%d" % a.peer_port)
    root.insert(list(root).index(root.find("device")) + 1, peer)

    folder = copy.deepcopy(root.find("defaults/folder"))
    folder.set("id", a.folder_id)
    folder.set("label", a.folder_id)
    folder.set("path", a.folder_path)
    folder.set("type", "sendreceive")
    folder.set("rescanIntervalS", "3600")
    folder.set("fsWatcherEnabled", "true")
    folder.set("fsWatcherDelayS", str(a.watch_delay))
    for node in folder.findall("device"):
        folder.remove(node)
    for i, device_id in enumerate((me, a.peer_id)):
        d = ET.Element("device", {"id": device_id, "introducedBy": ""})
        ET.SubElement(d, "encryptionPassword")
        folder.insert(i + 1, d)
    root.insert(0, folder)
    tree.write(path)


def status(gui, apikey, folder):
    req = urllib.request.Request("http://127.0.0.1:%d/rest/db/status?folder=%s" % (gui, folder),
                                 headers={"X-API-Key": apikey})
    with urllib.request.urlopen(req, timeout=5) as r:
        return json.load(r)


def cmd_status(a):
    deadline = time.time() + a.timeout
    last = None
    while time.time() < deadline:
        try:
            last = status(a.gui, a.apikey, a.folder)
            if (last.get("state") == "idle" and last.get("localFiles") == a.files
                    and (not a.need_zero or last.get("needFiles") == 0)):
                return 0
        except OSError as e:          # not listening yet, or restarting its API
            last = {"error": str(e)}
        time.sleep(0.1)
    print("syncthing folder status at timeout: %s" % json.dumps(last), file=sys.stderr)
    return 1


LOG_TIME = re.compile(r"^(?:\[\w+\] )?(\d{4}/\d\d/\d\d \d\d:\d\d:\d\d\.\d{6}) .*Established secure connection")


def cmd_connected(a):
    with open(a.log, errors="replace") as f:
        for line in f:
            m = LOG_TIME.match(line)
            if m:
                t = datetime.datetime.strptime(m.group(1), "%Y/%m/%d %H:%M:%S.%f")
                print("%.6f" % t.timestamp())      # the log's times are local, like strptime's
                return 0
    return 0


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("config")
    c.add_argument("home")
    for name in ("--listen", "--gui", "--peer-port"):
        c.add_argument(name, type=int, required=True)
    for name in ("--apikey", "--peer-id", "--folder-id", "--folder-path"):
        c.add_argument(name, required=True)
    c.add_argument("--watch-delay", type=int, default=10)
    c.add_argument("--low-priority", action="store_true")
    s = sub.add_parser("status")
    s.add_argument("--gui", type=int, required=True)
    s.add_argument("--apikey", required=True)
    s.add_argument("--folder", required=True)
    s.add_argument("--files", type=int, required=True)
    s.add_argument("--need-zero", action="store_true")
    s.add_argument("--timeout", type=float, default=300)
    n = sub.add_parser("connected")
    n.add_argument("log")
    a = p.parse_args()
    return {"config": cmd_config, "status": cmd_status, "connected": cmd_connected}[a.cmd](a) or 0


if __name__ == "__main__":
    sys.exit(main())
