package org.swarmsync.bittorrent.internal;

import java.nio.ByteBuffer;
import java.util.BitSet;

/** The pieces a peer has, as BEP 3 bitfields carry them: piece 0 is the first byte's high bit. */
final class PieceSet {

    private final int count;
    private final BitSet pieces = new BitSet();

    PieceSet(int count) {
        this.count = count;
    }

    static PieceSet all(int count) {
        PieceSet set = new PieceSet(count);
        set.pieces.set(0, count);
        return set;
    }

    /** Replaces the content with a bitfield message's payload. */
    void readBitfield(ByteBuffer payload) throws WireException {
        int expected = (count + 7) / 8;
        if (payload.remaining() != expected) {
            throw new WireException("bitfield of " + payload.remaining() + " bytes for " + count
                    + " pieces, expected " + expected);
        }
        pieces.clear();
        for (int i = 0; i < expected * 8; i++) {
            boolean set = (payload.get(payload.position() + i / 8) & (0x80 >>> (i % 8))) != 0;
            if (set && i >= count) {
                throw new WireException("bitfield sets spare bit " + i + " beyond the last piece");
            }
            pieces.set(i, set);
        }
    }

    ByteBuffer toBitfield() {
        byte[] bytes = new byte[(count + 7) / 8];
        for (int i = pieces.nextSetBit(0); i >= 0; i = pieces.nextSetBit(i + 1)) {
            bytes[i / 8] |= (byte) (0x80 >>> (i % 8));
        }
        return ByteBuffer.wrap(bytes);
    }

    /** Marks a piece from a have message, checking the index. */
    void add(int index) throws WireException {
        check(index);
        pieces.set(index);
    }

    void check(int index) throws WireException {
        if (index < 0 || index >= count) {
            throw new WireException("piece index " + index + " out of range 0.." + (count - 1));
        }
    }

    void addAll() {
        pieces.set(0, count);
    }

    boolean has(int index) {
        return pieces.get(index);
    }

    int cardinality() {
        return pieces.cardinality();
    }

    boolean complete() {
        return pieces.cardinality() == count;
    }
}
