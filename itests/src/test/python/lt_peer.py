#!/usr/bin/python3
"""A libtorrent 2.0.8 peer on loopback, driven by swarmsync's interop tests and benchmarks.

Run with Debian's /usr/bin/python3 (python3-libtorrent). Prints one JSON object per line on
stdout: {"event": "listening", "port": N} once the session listens, then "connected" lines
describing each peer connection (transport, encryption), then "done" or "error". Exits 0
when its job is done (a full download verified by libtorrent, or the whole payload uploaded), 1 on failure or timeout. Only 127.0.0.1 is ever used.

  make    --data DIR --size BYTES --piece KiB --torrent FILE [--seed N]
  seed    --torrent FILE --data DIR  [transport/crypto options]
  fetch   --torrent FILE --data DIR --peer PORT [transport/crypto options]

Transport/crypto options: --transport utp|tcp, --crypto none|rc4|default, --port N,
--timeout SECONDS.
"""
import argparse
import json
import os
import random
import sys
import time

import libtorrent as lt

UTP_SOCKET = 0x20000  # peer_info::utp_socket; the Python binding does not name it


def emit(**event):
    print(json.dumps(event), flush=True)


def make(args):
    os.makedirs(args.data, exist_ok=True)
    path = os.path.join(args.data, args.name)
    rng = random.Random(args.seed)
    remaining = args.size
    with open(path, "wb") as out:
        while remaining > 0:
            chunk = min(remaining, 1 << 20)
            out.write(rng.randbytes(chunk))
            remaining -= chunk
    fs = lt.file_storage()
    lt.add_files(fs, path)
    t = lt.create_torrent(fs, args.piece * 1024)
    lt.set_piece_hashes(t, args.data)
    with open(args.torrent, "wb") as out:
        out.write(lt.bencode(t.generate()))
    info = lt.torrent_info(args.torrent)
    emit(event="made", torrent=args.torrent, infohash=str(info.info_hash()),
         pieces=info.num_pieces(), size=info.total_size())


def session(args):
    utp = args.transport == "utp"
    settings = {
        "listen_interfaces": "127.0.0.1:%d" % args.port,
        "enable_dht": False, "enable_lsd": False, "enable_upnp": False, "enable_natpmp": False,
        "enable_outgoing_utp": utp, "enable_incoming_utp": utp,
        "enable_outgoing_tcp": not utp, "enable_incoming_tcp": not utp,
        "allow_multiple_connections_per_ip": True,
        "send_socket_buffer_size": 4 << 20, "recv_socket_buffer_size": 4 << 20,
        # Only what the loop reads: a busy queue makes the race below likelier.
        "alert_mask": lt.alert.category_t.error_notification | lt.alert.category_t.peer_notification
        | lt.alert.category_t.status_notification | lt.alert.category_t.connect_notification,
    }
    if args.crypto == "rc4":
        settings.update(out_enc_policy=lt.enc_policy.forced, in_enc_policy=lt.enc_policy.forced,
                        allowed_enc_level=lt.enc_level.rc4, prefer_rc4=True)
    elif args.crypto == "none":
        settings.update(out_enc_policy=lt.enc_policy.disabled, in_enc_policy=lt.enc_policy.disabled)
    return lt.session(settings)


def pop_alerts(ses):
    """The session's alerts as (type, port, message), read at once.

    Alerts are valid only until the next pop_alerts(), so none is kept. And the binding's
    wait_for_alert() wraps a pointer into a queue the network thread may be growing, which
    crashed the interpreter (SIGSEGV in __dynamic_cast) about once in fifteen runs: poll instead.
    """
    return [(type(a), getattr(a, "port", None), a.message()) for a in ses.pop_alerts()]


def wait_listening(ses, deadline):
    while time.time() < deadline:
        for kind, port, message in pop_alerts(ses):
            if kind is lt.listen_succeeded_alert:
                return port
            if kind is lt.listen_failed_alert:
                raise RuntimeError("listen failed: " + message)
        time.sleep(0.05)
    raise RuntimeError("no listen_succeeded_alert")


def describe_peers(handle, seen):
    for peer in handle.get_peer_info():
        key = "%s:%d" % peer.ip
        # Encryption flags are known only once the handshakes are through.
        if key in seen or peer.flags & (lt.peer_info.connecting | lt.peer_info.handshake):
            continue
        seen.add(key)
        emit(event="connected", peer=key,
             utp=bool(int(peer.flags) & UTP_SOCKET),
             rc4=bool(peer.flags & lt.peer_info.rc4_encrypted),
             plaintext_encrypted=bool(peer.flags & lt.peer_info.plaintext_encrypted))


def run(args):
    deadline = time.time() + args.timeout
    ses = session(args)
    port = wait_listening(ses, deadline)
    atp = lt.add_torrent_params()
    atp.ti = lt.torrent_info(args.torrent)
    atp.save_path = args.data
    if args.job == "seed":
        atp.flags |= lt.torrent_flags.seed_mode
    handle = ses.add_torrent(atp)
    emit(event="listening", port=port)
    if args.job == "fetch":
        handle.connect_peer(("127.0.0.1", args.peer))
    total = atp.ti.total_size()
    seen = set()
    started = None
    uploaded_at = None
    elapsed = 0
    while time.time() < deadline:
        time.sleep(0.05)
        for kind, _, message in pop_alerts(ses):
            if kind in (lt.peer_error_alert, lt.peer_disconnected_alert):
                emit(event="peer-closed", message=message)
            if kind is lt.hash_failed_alert:
                emit(event="hash-failed", message=message)
        describe_peers(handle, seen)
        status = handle.status()
        if started is None and (status.total_payload_download or status.total_payload_upload):
            started = time.time()
        if args.job == "fetch" and status.is_seeding:
            elapsed = time.time() - (started or deadline)
            emit(event="done", bytes=total, seconds=round(elapsed, 3))
            return 0
        if args.job == "seed" and status.total_payload_upload >= total:
            # Counted as uploaded is not yet received: stay until the peer hangs up (bounded),
            # or exiting would reset the connection under the last blocks.
            if uploaded_at is None:
                uploaded_at = time.time()
                elapsed = uploaded_at - (started or deadline)
            if not handle.get_peer_info() or time.time() - uploaded_at > 15:
                emit(event="done", bytes=status.total_payload_upload, seconds=round(elapsed, 3))
                return 0
    emit(event="error", message="timed out", progress=handle.status().progress)
    return 1


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("job", choices=["make", "seed", "fetch"])
    parser.add_argument("--data", required=True)
    parser.add_argument("--torrent", required=True)
    parser.add_argument("--name", default="payload.bin")
    parser.add_argument("--size", type=int, default=32 << 20)
    parser.add_argument("--piece", type=int, default=256)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--transport", choices=["utp", "tcp"], default="utp")
    parser.add_argument("--crypto", choices=["none", "rc4", "default"], default="none")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--peer", type=int)
    parser.add_argument("--timeout", type=float, default=120)
    args = parser.parse_args()
    try:
        if args.job == "make":
            make(args)
            return 0
        return run(args)
    except Exception as e:  # one line for the test's log, then a failing exit code
        emit(event="error", message=str(e))
        return 1


if __name__ == "__main__":
    sys.exit(main())
