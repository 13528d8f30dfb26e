#!/usr/bin/env python3
"""An independent check of swarmsync's BSYNC UDP tracker wire format (standard library only).

Written from the protocol text (PROTOCOLS.md 1.3 and 1.4, UDP variant), with its own tiny
bencode, so that the Java codec is checked by something that is not itself. Only 127.0.0.1
is used. Exits 0 when every check passed, 1 otherwise (the reason on stderr).

  client  --tracker HOST:PORT   play two clients against our tracker server
  tracker                       play a tracker against our client: prints "LISTENING <port>",
                                validates the first get_peers, answers with hostile replies and
                                then a valid one listing the peers in FAKE_PEERS

Datagram = b"BSYNC\\0" + one bencoded dict. Request {m:"get_peers", peer:20, share:32, la:6}
plus swarmsync's extension port:int (the transports' listening port). Reply {m:"peers",
share:echo, time:int, ea:6, peers:[{a:6, la:6, p:20}]}. 6-byte addresses are IPv4 then a
big-endian port.
"""
import argparse
import os
import socket
import struct
import sys
import time

MAGIC = b"BSYNC\x00"

# The peers the fake tracker lists: (a, la, p). The second shares its public address with the
# client (ea), so the client should also report its la; the first should be reported by a only.
FAKE_PEERS = [
    (("10.20.30.40", 5060), ("192.168.7.7", 5060), b"\xab" * 20),
    (("127.0.0.1", 7000), ("192.168.7.8", 7001), b"\xcd" * 20),
]


class Fail(Exception):
    pass


# --- bencode, strict enough to catch a non-canonical encoder ---

def bencode(value):
    if isinstance(value, bool):
        raise TypeError("no booleans in bencode")
    if isinstance(value, int):
        return b"i%de" % value
    if isinstance(value, str):
        value = value.encode("utf-8")
    if isinstance(value, bytes):
        return b"%d:%s" % (len(value), value)
    if isinstance(value, list):
        return b"l" + b"".join(bencode(v) for v in value) + b"e"
    if isinstance(value, dict):
        items = sorted((k.encode() if isinstance(k, str) else k, v) for k, v in value.items())
        return b"d" + b"".join(bencode(k) + bencode(v) for k, v in items) + b"e"
    raise TypeError("cannot bencode %r" % type(value))


def bdecode(data):
    value, end = _decode(data, 0, 0)
    if end != len(data):
        raise Fail("%d trailing bytes after the bencoded value" % (len(data) - end))
    return value


def _decode(data, i, depth):
    if depth > 8:
        raise Fail("nesting too deep")
    if i >= len(data):
        raise Fail("truncated at %d" % i)
    c = data[i:i + 1]
    if c == b"i":
        end = data.index(b"e", i)
        digits = data[i + 1:end]
        if digits in (b"", b"-", b"-0") or (digits.lstrip(b"-").startswith(b"0") and digits.lstrip(b"-") != b"0"):
            raise Fail("non-canonical integer %r" % digits)
        return int(digits), end + 1
    if c == b"l":
        out, i = [], i + 1
        while data[i:i + 1] != b"e":
            v, i = _decode(data, i, depth + 1)
            out.append(v)
        return out, i + 1
    if c == b"d":
        out, i, last = {}, i + 1, None
        while data[i:i + 1] != b"e":
            k, i = _decode(data, i, depth + 1)
            if not isinstance(k, bytes):
                raise Fail("dict key is not a string")
            if last is not None and k <= last:
                raise Fail("dict keys not sorted or repeated: %r after %r" % (k, last))
            last = k
            out[k], i = _decode(data, i, depth + 1)
        return out, i + 1
    if c.isdigit():
        colon = data.index(b":", i)
        length = data[i:colon]
        if length.startswith(b"0") and length != b"0":
            raise Fail("non-canonical string length")
        n = int(length)
        if colon + 1 + n > len(data):
            raise Fail("string runs past the end")
        return data[colon + 1:colon + 1 + n], colon + 1 + n
    raise Fail("unexpected byte %r at %d" % (c, i))


# --- messages ---

def addr6(host, port):
    return socket.inet_aton(host) + struct.pack(">H", port)


def unaddr6(raw):
    if not isinstance(raw, bytes) or len(raw) != 6:
        raise Fail("address is not 6 bytes: %r" % (raw,))
    return socket.inet_ntoa(raw[:4]), struct.unpack(">H", raw[4:])[0]


def frame(d):
    return MAGIC + bencode(d)


def unframe(datagram):
    if not datagram.startswith(MAGIC):
        raise Fail("datagram does not start with BSYNC\\0")
    d = bdecode(datagram[len(MAGIC):])
    if not isinstance(d, dict):
        raise Fail("body is not a dict")
    return d


def field(d, key, kind, length=None):
    if key not in d:
        raise Fail("missing key %r in %r" % (key, sorted(d)))
    v = d[key]
    if not isinstance(v, kind):
        raise Fail("key %r is %s, expected %s" % (key, type(v).__name__, kind.__name__))
    if length is not None and len(v) != length:
        raise Fail("key %r is %d bytes, expected %d" % (key, len(v), length))
    return v


def check_reply(datagram, share, my_addr):
    """Validates a peers reply to a request sent from my_addr; returns [(a, la, p)]."""
    d = unframe(datagram)
    if field(d, b"m", bytes) != b"peers":
        raise Fail("m is %r, expected b'peers'" % d[b"m"])
    if field(d, b"share", bytes, 32) != share:
        raise Fail("share is not echoed")
    t = field(d, b"time", int)
    if abs(t - time.time()) > 300:
        raise Fail("time %d is not the Unix time now" % t)
    ea = unaddr6(field(d, b"ea", bytes, 6))
    if ea != my_addr:
        raise Fail("ea %s:%d is not our address %s:%d" % (ea + my_addr))
    peers = []
    for p in field(d, b"peers", list):
        if not isinstance(p, dict):
            raise Fail("a peers entry is not a dict")
        peers.append((unaddr6(field(p, b"a", bytes, 6)), unaddr6(field(p, b"la", bytes, 6)),
                      field(p, b"p", bytes, 20)))
    return peers


# --- client mode: we are two clients, the Java server is the tracker ---

def udp(timeout):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    s.settimeout(timeout)
    return s


def ask(sock, tracker, request):
    sock.sendto(frame(request), tracker)
    data, source = sock.recvfrom(65536)
    if source != tracker:
        raise Fail("reply came from %s, not the tracker %s" % (source, tracker))
    return data


def expect_silence(sock, tracker, datagram, what):
    sock.sendto(datagram, tracker)
    try:
        sock.settimeout(0.3)
        sock.recvfrom(65536)
    except socket.timeout:
        return
    finally:
        sock.settimeout(5)
    raise Fail("the server answered a %s" % what)


def run_client(tracker):
    host, port = tracker.rsplit(":", 1)
    tracker = (host, int(port))
    share = os.urandom(32)
    id_a, id_b = os.urandom(20), os.urandom(20)
    sa, sb = udp(5), udp(5)
    la_a, la_b = ("192.168.1.10", 41000), ("192.168.1.11", 41001)

    # A: exactly the btsync 1.x request, no extension.
    plain = {"m": "get_peers", "peer": id_a, "share": share, "la": addr6(*la_a)}
    raw = ask(sa, tracker, plain)
    if check_reply(raw, share, sa.getsockname()) != []:
        raise Fail("a fresh share already has peers")
    if not raw[len(MAGIC):].startswith(b"d2:ea6:"):
        raise Fail("reply keys do not start with ea (sorted order)")

    # B: with our port extension; must see A at the datagram's source address.
    raw = ask(sb, tracker, {"m": "get_peers", "peer": id_b, "share": share, "la": addr6(*la_b), "port": 12345})
    peers = check_reply(raw, share, sb.getsockname())
    if peers != [(sa.getsockname(), la_a, id_a)]:
        raise Fail("B saw %r, expected A only" % (peers,))

    # A again: sees B at its extension port, never itself.
    raw = ask(sa, tracker, plain)
    peers = check_reply(raw, share, sa.getsockname())
    if peers != [(("127.0.0.1", 12345), la_b, id_b)]:
        raise Fail("A saw %r, expected B at port 12345" % (peers,))

    # Hostile datagrams get no answer at all.
    body = bencode(plain)
    expect_silence(sa, tracker, b"GET / HTTP/1.0\r\n\r\n", "non-BSYNC datagram")
    expect_silence(sa, tracker, MAGIC + body[:-1], "truncated request")
    expect_silence(sa, tracker, frame(dict(plain, share=share[:20])), "20-byte share")
    expect_silence(sa, tracker, frame(dict(plain, peer=id_a[:19])), "19-byte peer id")
    expect_silence(sa, tracker, frame(dict(plain, m=4)), "1.0.x integer kind")
    expect_silence(sa, tracker, frame(dict(plain, port="3000")), "string port")
    expect_silence(sa, tracker, frame(dict(plain, pad=b"x" * 2000)), "oversized request")
    expect_silence(sa, tracker, MAGIC + b"d1:m9:get_peers5:share32:" + share + b"4:peer20:" + id_a + b"e",
                   "request with unsorted keys")

    # ... and the server still serves.
    check_reply(ask(sa, tracker, plain), share, sa.getsockname())
    print("OK client: 3 exchanges checked, 8 hostile datagrams ignored", flush=True)


# --- tracker mode: we are the tracker, the Java client asks us ---

def run_tracker(timeout):
    sock = udp(timeout)
    print("LISTENING %d" % sock.getsockname()[1], flush=True)
    data, client = sock.recvfrom(65536)
    d = unframe(data)
    if field(d, b"m", bytes) != b"get_peers":
        raise Fail("m is %r, expected b'get_peers'" % d[b"m"])
    peer = field(d, b"peer", bytes, 20)
    share = field(d, b"share", bytes, 32)
    la = unaddr6(field(d, b"la", bytes, 6))
    port = field(d, b"port", int)
    if not 0 < port < 65536:
        raise Fail("port %d out of range" % port)
    unknown = set(d) - {b"m", b"peer", b"share", b"la", b"port"}
    if unknown:
        raise Fail("unexpected keys %r" % sorted(unknown))
    print("REQUEST peer=%s share=%s la=%s:%d port=%d" % (peer.hex(), share.hex(), la[0], la[1], port), flush=True)

    ea = addr6(*client)
    good = {"m": "peers", "share": share, "time": int(time.time()), "ea": ea,
            "peers": [{"a": addr6(*a), "la": addr6(*l), "p": p} for a, l, p in FAKE_PEERS]
            + [{"a": addr6("127.0.0.1", port), "la": addr6(*la), "p": peer}]}
    wrong_share = bytes([share[0] ^ 1]) + share[1:]
    hostile = [
        b"\x41\x00\x00\x00 not bsync",
        frame(dict(good, share=wrong_share)),
        frame(dict(good, ea=ea[:4])),
        frame(dict(good, peers=[{"a": addr6("10.0.0.1", 1), "la": addr6("10.0.0.1", 1), "p": b"\x01" * 19}])),
    ]
    for h in hostile:
        sock.sendto(h, client)
    sock.sendto(frame(good), client)
    print("OK tracker: request valid, %d hostile replies and 1 valid reply sent" % len(hostile), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="mode", required=True)
    c = sub.add_parser("client")
    c.add_argument("--tracker", required=True)
    t = sub.add_parser("tracker")
    t.add_argument("--timeout", type=float, default=10)
    args = parser.parse_args()
    try:
        if args.mode == "client":
            run_client(args.tracker)
        else:
            run_tracker(args.timeout)
    except (Fail, socket.timeout, ValueError, KeyError) as e:
        print("FAIL %s: %s" % (args.mode, e), file=sys.stderr, flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
