package org.swarmsync.bittorrent.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

import org.swarmsync.codec.bencode.BDict;
import org.swarmsync.codec.bencode.Bencode;

/**
 * Serves a complete torrent to one peer until the peer has every piece or leaves. A peer
 * that leaves after being sent every byte of every piece counts as served.
 * Requests that BEP 3 calls invalid are ignored, as libtorrent does without the Fast
 * extension; a malformed message drops the peer.
 */
final class Seeder {

    private final Metainfo meta;
    private final PieceStore store;
    private final PeerWire wire;
    private final PieceSet remote;
    private final ByteBuffer block = ByteBuffer.allocate(PeerWire.BLOCK);
    private final long[] served;

    private long uploaded;
    private int ignoredRequests;

    Seeder(Metainfo meta, PieceStore store, PeerWire wire) {
        this.meta = meta;
        this.store = store;
        this.wire = wire;
        this.remote = new PieceSet(meta.pieceCount());
        this.served = new long[meta.pieceCount()];
    }

    /**
     * Runs the exchange after the handshakes.
     *
     * @param extensions whether the peer set the BEP 10 bit
     * @return true if the peer ended up with every piece
     */
    boolean run(boolean extensions) throws IOException {
        if (extensions) {
            wire.sendExtended(0, Bencode.encode(BDict.builder()
                    .put("m", BDict.EMPTY)
                    .putUtf8("v", "swarmsync")
                    .build()));
        }
        wire.send(MessageId.BITFIELD, PieceSet.all(meta.pieceCount()).toBitfield());
        wire.flush();
        try {
            while (!remote.complete()) {
                wire.next();
                handle(wire.id(), wire.payload());
                wire.flushIfIdle();
            }
            return true;
        } catch (EOFException peerLeft) {
            // libtorrent sends no have to a seed, so a peer that has everything may simply go.
            return remote.complete() || servedEveryPiece();
        }
    }

    private boolean servedEveryPiece() {
        for (int i = 0; i < served.length; i++) {
            if (served[i] < meta.pieceSize(i)) {
                return false;
            }
        }
        return true;
    }

    long uploaded() {
        return uploaded;
    }

    int ignoredRequests() {
        return ignoredRequests;
    }

    int peerPieces() {
        return remote.cardinality();
    }

    private void handle(int id, ByteBuffer payload) throws IOException {
        switch (id) {
            case MessageId.INTERESTED -> wire.send(MessageId.UNCHOKE);
            case MessageId.HAVE -> {
                if (payload.remaining() != 4) {
                    throw new WireException("have message of " + payload.remaining() + " bytes");
                }
                remote.add(payload.getInt(payload.position()));
            }
            case MessageId.BITFIELD -> remote.readBitfield(payload);
            case MessageId.REQUEST -> serve(payload);
            default -> {
                // keep-alive, not interested, cancel (we answer at once), extended, port
            }
        }
    }

    private void serve(ByteBuffer payload) throws IOException {
        if (payload.remaining() != 12) {
            throw new WireException("request message of " + payload.remaining() + " bytes");
        }
        int index = payload.getInt(payload.position());
        int begin = payload.getInt(payload.position() + 4);
        int length = payload.getInt(payload.position() + 8);
        if (index < 0 || index >= meta.pieceCount() || begin < 0 || length <= 0 || length > PeerWire.BLOCK
                || (long) begin + length > meta.pieceSize(index)) {
            ignoredRequests++;
            return;
        }
        block.clear().limit(length);
        store.read(index, begin, block);
        block.flip();
        wire.sendPiece(index, begin, block);
        uploaded += length;
        served[index] += length;
    }
}
