#!/usr/bin/python3
"""Data sets, content manifests and the end-of-sync detector of bench/sync-vs-syncthing.sh.

  tree.py gen-small DIR DIRS FILES_PER_DIR BYTES   random files DIR/dNNN/fNNN (os.urandom)
  tree.py manifest DIR [--patch REL OFFSET PATCH]   JSON {path: [size, sha256]} on stdout; with
                                                    --patch, as if PATCH were written at OFFSET of REL
  tree.py wait --manifest M --dir D (--t0 T | --go FILE | --patch FILE OFFSET PATCH) ...
                                                    waits until D equals M, prints one JSON line
  tree.py ports N                                   N port numbers free for both TCP and UDP

Tool metadata is left out of every comparison: swarmsync's .sync/ (index, temporary files,
archive) and Syncthing's .stfolder/, .stversions/ and .syncthing.*.tmp / ~syncthing~*.tmp.

How `wait` decides that the receiver is done, at a small and known cost:
 1. Cheap poll every --interval seconds: the names present (directory listings, no stat), and
    once every expected name is there, a stat of each file (size, mtime, inode). Directories
    whose files are all present and the right size are not listed again. Both tools write a
    download to a temporary file and rename it into place when complete, so a name with the
    right size is normally final.
 2. The first poll where every file has its expected size (and, for files that were there
    before, a changed stat) is the candidate end time. Then every file not already verified
    is hashed (SHA-256) and stat'ed again. If all hashes match and no stat moved while
    hashing, the end time is the candidate's poll time (what was hashed is what the poll
    saw), so hashing costs nothing in the figure. Otherwise polling resumes; the failed
    verification is counted in the output and its time stays inside the measurement.
 3. Extra files (not in the manifest, not tool metadata) make the tree unequal.
--known STATE lets files whose stat still equals a previous run's verified state skip the hash
(scenario c: the unchanged 1 GiB file is not re-hashed at every candidate); --state-out writes
the verified state for the next run. --go FILE: the start time is written to FILE by the
caller once FILE.ready exists (the checker is loaded before the clock starts). --patch applies a modification to the sender's file
first and takes the moment after its write and close as t0.
The output reports the poll count and this process's own CPU seconds, to show its cost.
"""
import argparse
import hashlib
import json
import os
import resource
import socket
import sys
import time

CHUNK = 1 << 20


def is_metadata(name):
    return (name in (".sync", ".stfolder", ".stversions")
            or (name.startswith(".syncthing.") and name.endswith(".tmp"))
            or (name.startswith("~syncthing~") and name.endswith(".tmp")))


def walk_files(root):
    """Yields (relative path, DirEntry) of every regular file under root, metadata skipped."""
    stack = [""]
    while stack:
        rel = stack.pop()
        with os.scandir(os.path.join(root, rel)) as entries:
            for e in entries:
                if is_metadata(e.name):
                    continue
                path = rel + "/" + e.name if rel else e.name
                if e.is_dir(follow_symlinks=False):
                    stack.append(path)
                else:
                    yield path, e


def sha256_file(path, patch=None):
    """SHA-256 of a file; patch = (offset, bytes) replaces that range as if written there."""
    h = hashlib.sha256()
    pos = 0
    with open(path, "rb", buffering=0) as f:
        while True:
            block = f.read(CHUNK)
            if not block:
                break
            if patch is not None:
                off, data = patch
                lo, hi = max(off, pos), min(off + len(data), pos + len(block))
                if lo < hi:
                    block = block[:lo - pos] + data[lo - off:hi - off] + block[hi - pos:]
            h.update(block)
            pos += len(block)
    return h.hexdigest()


def cmd_gen_small(a):
    for d in range(a.dirs):
        sub = os.path.join(a.dir, "d%03d" % d)
        os.makedirs(sub, exist_ok=True)
        for i in range(a.files):
            with open(os.path.join(sub, "f%03d" % i), "wb") as f:
                f.write(os.urandom(a.bytes))


def cmd_manifest(a):
    patch = None
    if a.patch:
        rel, off, patch_file = a.patch
        with open(patch_file, "rb") as f:
            patch = (rel, int(off), f.read())
    out = {}
    for rel, e in walk_files(a.dir):
        p = (patch[1], patch[2]) if patch and patch[0] == rel else None
        out[rel] = [e.stat().st_size, sha256_file(e.path, p)]
    json.dump(out, sys.stdout, sort_keys=True)


def stat_key(st):
    return [st.st_size, st.st_mtime_ns, st.st_ino]


class Waiter:
    def __init__(self, manifest, root, known):
        self.root = root
        self.expected = manifest                      # rel -> [size, sha]
        self.known = known                            # rel -> [size, mtime_ns, ino, sha]
        self.by_dir = {}
        for rel in manifest:
            d, _, name = rel.rpartition("/")
            self.by_dir.setdefault(d, set()).add(name)
        self.complete_dirs = set()
        self.verified = {}                            # rel -> stat key when verified
        self.rejected = {}                            # rel -> stat key whose content was wrong
        self.polls = 0
        self.failed_verifications = 0

    def _dir_ready(self, d, names):
        """True if every expected file of d is present with its size and no extra file exists."""
        try:
            with os.scandir(os.path.join(self.root, d)) as it:
                present = {e.name: e for e in it if not is_metadata(e.name) and not e.is_dir(follow_symlinks=False)}
        except FileNotFoundError:
            return False
        if set(present) != names:
            return False
        for name, e in present.items():
            rel = d + "/" + name if d else name
            if e.stat(follow_symlinks=False).st_size != self.expected[rel][0]:
                return False
        return True

    def poll(self):
        """One cheap pass. @return the stat keys of all files if the tree looks complete, else None."""
        self.polls += 1
        for d, names in self.by_dir.items():
            if d in self.complete_dirs:
                continue
            if not self._dir_ready(d, names):
                return None
            self.complete_dirs.add(d)
        keys = {}
        for rel in self.expected:
            try:
                keys[rel] = stat_key(os.stat(os.path.join(self.root, rel), follow_symlinks=False))
            except FileNotFoundError:
                self.complete_dirs.discard(rel.rpartition("/")[0])
                return None
            k = self.known.get(rel)
            if k and k[:3] == keys[rel] and k[3] != self.expected[rel][1]:
                return None                           # still the old content, not yet replaced
            if self.rejected.get(rel) == keys[rel]:
                return None                           # hashed already at this stat, and wrong
            if keys[rel][0] != self.expected[rel][0]:
                self.complete_dirs.discard(rel.rpartition("/")[0])
                return None
        return keys

    def verify(self, keys):
        """Hashes what is not known yet. @return True if the content equals the manifest."""
        ok = True
        for rel, key in keys.items():
            if self.verified.get(rel) == key:
                continue
            k = self.known.get(rel)
            if k and k[:3] == key and k[3] == self.expected[rel][1]:
                self.verified[rel] = key
                continue
            path = os.path.join(self.root, rel)
            digest = sha256_file(path)
            after = stat_key(os.stat(path, follow_symlinks=False))
            if digest == self.expected[rel][1] and after == key:
                self.verified[rel] = key
            else:
                self.rejected[rel] = after
                ok = False
        if ok and self._extra_files():
            ok = False
        if not ok:
            self.failed_verifications += 1
            self.complete_dirs.clear()
        return ok

    def _extra_files(self):
        return any(rel not in self.expected for rel, _ in walk_files(self.root))

    def state(self, keys):
        return {rel: keys[rel] + [self.expected[rel][1]] for rel in keys}


def apply_patch(spec):
    path, off, patch_file = spec
    with open(patch_file, "rb") as f:
        data = f.read()
    with open(path, "r+b") as f:
        f.seek(int(off))
        f.write(data)
    return time.time()


def await_go(go, deadline):
    """Announces readiness (GO.ready), then waits for GO to hold t0 (written by the caller
    just before it starts the receiver), so the first poll follows t0 within milliseconds."""
    open(go + ".ready", "w").close()
    while time.time() < deadline:
        try:
            with open(go) as f:
                text = f.read().strip()
            if text:
                return float(text)
        except FileNotFoundError:
            pass
        time.sleep(0.002)
    raise SystemExit("no start signal in " + go)


def cmd_wait(a):
    with open(a.manifest) as f:
        manifest = json.load(f)
    known = {}
    if a.known:
        with open(a.known) as f:
            known = json.load(f)
    waiter = Waiter(manifest, a.dir, known)
    deadline = time.time() + a.timeout
    if a.go:
        t0 = await_go(a.go, deadline)
    else:
        t0 = apply_patch(a.patch) if a.patch else a.t0
    result = {"ok": False}
    while time.time() < deadline:
        now = time.time()
        keys = waiter.poll()
        if keys is not None and waiter.verify(keys):
            result = {"ok": True, "end": now, "seconds": round(now - t0, 3)}
            if a.state_out:
                with open(a.state_out, "w") as f:
                    json.dump(waiter.state(keys), f)
            break
        pause = a.interval - (time.time() - now)
        if pause > 0:
            time.sleep(pause)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    result.update({"t0": t0, "polls": waiter.polls, "failed_verifications": waiter.failed_verifications,
                   "checker_cpu_s": round(usage.ru_utime + usage.ru_stime, 3)})
    print(json.dumps(result))
    return 0 if result["ok"] else 1


def cmd_ports(a):
    found, socks = [], []
    while len(found) < a.n:
        t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        t.bind(("127.0.0.1", 0))
        port = t.getsockname()[1]
        u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            u.bind(("127.0.0.1", port))
        except OSError:
            t.close()
            u.close()
            continue
        socks += [t, u]
        found.append(port)
    for s in socks:
        s.close()
    print(" ".join(map(str, found)))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("gen-small")
    g.add_argument("dir")
    g.add_argument("dirs", type=int)
    g.add_argument("files", type=int)
    g.add_argument("bytes", type=int)
    m = sub.add_parser("manifest")
    m.add_argument("dir")
    m.add_argument("--patch", nargs=3, metavar=("REL", "OFFSET", "PATCH"))
    w = sub.add_parser("wait")
    w.add_argument("--manifest", required=True)
    w.add_argument("--dir", required=True)
    w.add_argument("--t0", type=float)
    w.add_argument("--go", metavar="FILE")
    w.add_argument("--patch", nargs=3, metavar=("FILE", "OFFSET", "PATCH"))
    w.add_argument("--known")
    w.add_argument("--state-out")
    w.add_argument("--interval", type=float, default=0.025)
    w.add_argument("--timeout", type=float, default=300)
    n = sub.add_parser("ports")
    n.add_argument("n", type=int)
    a = p.parse_args()
    if a.cmd == "wait" and [a.t0 is not None, a.go is not None, a.patch is not None].count(True) != 1:
        p.error("wait takes exactly one of --t0, --go and --patch")
    return {"gen-small": cmd_gen_small, "manifest": cmd_manifest, "wait": cmd_wait,
            "ports": cmd_ports}[a.cmd](a) or 0


if __name__ == "__main__":
    sys.exit(main())
