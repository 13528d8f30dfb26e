package org.swarmsync.bittorrent.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

import org.swarmsync.codec.bencode.BDict;
import org.swarmsync.codec.bencode.Bencode;
import org.swarmsync.codec.bencode.BencodeException;

/**
 * Downloads every piece of a torrent from one peer, verifying each piece's SHA-1 before it
 * is written. Requests are pipelined deep enough to keep a fast link busy.
 */
final class Fetcher {

    /** Requests kept in flight: 4 MiB, enough for loopback and LAN links. */
    private static final int PIPELINE = 256;
    /** How many in-flight requests a peer's extended handshake may ask us to stay under. */
    private static final int MIN_PIPELINE = 4;

    private final Metainfo meta;
    private final PieceStore store;
    private final PeerWire wire;
    private final PieceSet remote;
    private final PieceSet verified;
    private final Map<Integer, byte[]> assembling = new HashMap<>();
    private final Map<Integer, Integer> received = new HashMap<>();
    private final Deque<int[]> inFlight = new ArrayDeque<>();
    private final NavigableSet<Integer> pending = new TreeSet<>();
    private final Map<Integer, Integer> requestedUpTo = new HashMap<>();
    private final MessageDigest sha1;

    private int pipeline = PIPELINE;
    private boolean choked = true;

    Fetcher(Metainfo meta, PieceStore store, PeerWire wire) throws IOException {
        this.meta = meta;
        this.store = store;
        this.wire = wire;
        this.remote = new PieceSet(meta.pieceCount());
        this.verified = new PieceSet(meta.pieceCount());
        for (int i = 0; i < meta.pieceCount(); i++) {
            pending.add(i);
        }
        try {
            this.sha1 = MessageDigest.getInstance("SHA-1");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-1", e);
        }
    }

    /**
     * Runs the exchange after the handshakes: interested, then request until every piece is
     * verified and written.
     *
     * @param extensions whether the peer set the BEP 10 bit, so it expects our extended handshake
     */
    void run(boolean extensions) throws IOException {
        if (extensions) {
            wire.sendExtended(0, Bencode.encode(BDict.builder()
                    .put("m", BDict.EMPTY)
                    .put("reqq", PIPELINE)
                    .putUtf8("v", "swarmsync")
                    .build()));
        }
        wire.send(MessageId.INTERESTED);
        wire.flush();
        while (!verified.complete()) {
            wire.next();
            handle(wire.id(), wire.payload());
            if (!choked) {
                request();
            }
            wire.flushIfIdle();
        }
    }

    int piecesVerified() {
        return verified.cardinality();
    }

    private void handle(int id, ByteBuffer payload) throws IOException {
        switch (id) {
            case MessageId.CHOKE -> {
                // Without the Fast extension a choke discards every request we had queued.
                choked = true;
                requeueInFlight();
            }
            case MessageId.UNCHOKE -> choked = false;
            case MessageId.HAVE -> remote.add(intAt(payload, 0, 4, "have"));
            case MessageId.BITFIELD -> remote.readBitfield(payload);
            case MessageId.PIECE -> block(payload);
            case MessageId.EXTENDED -> extended(payload);
            default -> {
                // keep-alive, interested, port, and anything newer: nothing to do
            }
        }
    }

    private void extended(ByteBuffer payload) throws WireException {
        if (!payload.hasRemaining() || payload.get(payload.position()) != 0) {
            return;
        }
        try {
            BDict handshake = Bencode.decode(payload.slice(payload.position() + 1, payload.remaining() - 1))
                    .asDict();
            handshake.optionalInteger("reqq").ifPresent(reqq ->
                    pipeline = (int) Math.max(MIN_PIPELINE, Math.min(PIPELINE, reqq)));
        } catch (BencodeException e) {
            throw new WireException("bad extended handshake: " + e.getMessage());
        }
    }

    private void block(ByteBuffer payload) throws IOException {
        int index = intAt(payload, 0, -1, "piece");
        int begin = payload.getInt(payload.position() + 4);
        int length = payload.remaining() - 8;
        if (!removeInFlight(index, begin, length)) {
            // A block we did not ask for, or already had (a late answer after a choke).
            return;
        }
        byte[] piece = assembling.computeIfAbsent(index, i -> new byte[meta.pieceSize(i)]);
        payload.get(payload.position() + 8, piece, begin, length);
        int got = received.merge(index, length, Integer::sum);
        if (got == piece.length) {
            assembling.remove(index);
            received.remove(index);
            byte[] hash = sha1.digest(piece);
            if (!Arrays.equals(hash, meta.pieceHash(index))) {
                throw new WireException("piece " + index + " failed its SHA-1 check");
            }
            store.write(index, ByteBuffer.wrap(piece));
            verified.add(index);
        }
    }

    private boolean removeInFlight(int index, int begin, int length) {
        for (Iterator<int[]> it = inFlight.iterator(); it.hasNext(); ) {
            int[] request = it.next();
            if (request[0] == index && request[1] == begin && request[2] == length) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    /** After a choke the peer forgets our requests: pieces with one in flight start over. */
    private void requeueInFlight() {
        for (int[] request : inFlight) {
            int index = request[0];
            assembling.remove(index);
            received.remove(index);
            requestedUpTo.put(index, 0);
            pending.add(index);
        }
        inFlight.clear();
    }

    /** Tops the pipeline up with the next blocks of pieces the peer has and we lack. */
    private void request() throws IOException {
        for (Iterator<Integer> it = pending.iterator(); it.hasNext() && inFlight.size() < pipeline; ) {
            int index = it.next();
            if (!remote.has(index)) {
                continue;
            }
            int size = meta.pieceSize(index);
            int begin = requestedUpTo.getOrDefault(index, 0);
            while (begin < size && inFlight.size() < pipeline) {
                int length = Math.min(PeerWire.BLOCK, size - begin);
                wire.send(MessageId.REQUEST, index, begin, length);
                inFlight.add(new int[] {index, begin, length});
                begin += length;
            }
            if (begin >= size) {
                it.remove();
                requestedUpTo.remove(index);
            } else {
                requestedUpTo.put(index, begin);
            }
        }
    }

    private int intAt(ByteBuffer payload, int offset, int exactLength, String message) throws WireException {
        if ((exactLength >= 0 && payload.remaining() != exactLength) || payload.remaining() < offset + 4
                || (exactLength < 0 && payload.remaining() < 8)) {
            throw new WireException(message + " message of " + payload.remaining() + " bytes is malformed");
        }
        int index = payload.getInt(payload.position() + offset);
        remote.check(index);
        return index;
    }
}
