package org.swarmsync.transport.utp.internal.core;

import java.nio.ByteBuffer;

/**
 * One received datagram, parsed in place: header fields plus where the extensions and the
 * payload lie. Mutable and reused for every datagram so that parsing allocates nothing.
 */
final class InboundPacket {

    /** The datagram; absolute offsets below index into it. */
    ByteBuffer buf;
    int type;
    int connectionId;
    int timestamp;
    int timestampDiff;
    /** wnd_size as an unsigned value clamped to int range. */
    int wndSize;
    int seqNr;
    int ackNr;
    /** Absolute offset of the SACK bitmask, or -1. */
    int sackOffset;
    int sackLength;
    /** libtorrent close reason (extension 3), or -1. */
    int closeReason;
    /** Largest datagram the peer accepts (extension 0x53), or -1 if not offered. */
    int peerLargeDatagram;
    int payloadOffset;
    int payloadLength;

    /**
     * Parses {@code b} from its position to its limit. Never throws: every read is bounds-checked
     * against the datagram's length first.
     *
     * @return null if the datagram is well-formed µTP, else why it is not
     */
    DropReason parse(ByteBuffer b) {
        buf = b;
        int base = b.position();
        int end = b.limit();
        if (end - base < UtpHeader.SIZE) {
            return DropReason.SHORT;
        }
        int b0 = b.get(base) & 0xff;
        if ((b0 & 0x0f) != UtpHeader.VERSION) {
            return DropReason.BAD_VERSION;
        }
        type = b0 >>> 4;
        if (type >= PacketType.COUNT) {
            return DropReason.BAD_TYPE;
        }
        int extension = b.get(base + 1) & 0xff;
        connectionId = b.getShort(base + 2) & 0xffff;
        timestamp = b.getInt(base + 4);
        timestampDiff = b.getInt(base + 8);
        long wnd = b.getInt(base + 12) & 0xffffffffL;
        wndSize = (int) Math.min(wnd, Integer.MAX_VALUE);
        seqNr = b.getShort(base + 16) & 0xffff;
        ackNr = b.getShort(base + 18) & 0xffff;
        sackOffset = -1;
        sackLength = 0;
        closeReason = -1;
        peerLargeDatagram = -1;

        int p = base + UtpHeader.SIZE;
        while (extension != 0) {
            // each entry is [next type][length][body]; both bytes and the body must fit
            if (end - p < 2) {
                return DropReason.BAD_EXTENSION;
            }
            int next = b.get(p) & 0xff;
            int len = b.get(p + 1) & 0xff;
            p += 2;
            if (end - p < len) {
                return DropReason.BAD_EXTENSION;
            }
            switch (extension) {
                case UtpHeader.EXT_SACK:
                    if (sackOffset < 0) {
                        sackOffset = p;
                        sackLength = len;
                    }
                    break;
                case UtpHeader.EXT_BITS:
                    // libutp drops a packet whose extension 2 is not exactly 8 bytes; so do we
                    if (len != 8) {
                        return DropReason.BAD_EXTENSION;
                    }
                    break;
                case UtpHeader.EXT_CLOSE_REASON:
                    if (len == 4) {
                        closeReason = b.getShort(p + 2) & 0xffff;
                    }
                    break;
                case UtpHeader.EXT_LARGE_DATAGRAM:
                    if (len >= UtpHeader.LARGE_DATAGRAM_LEN) {
                        peerLargeDatagram = b.getShort(p) & 0xffff;
                    }
                    break;
                default:
                    // unknown extensions are skipped by their length, as both libraries do
                    break;
            }
            p += len;
            extension = next;
        }
        payloadOffset = p;
        payloadLength = end - p;
        return null;
    }

    /** @return whether bit {@code i} of the SACK bitmask is set (seq = ack_nr + 2 + i) */
    boolean sackBit(int i) {
        return (buf.get(sackOffset + (i >>> 3)) & (1 << (i & 7))) != 0;
    }

    @Override
    public String toString() {
        return PacketType.name(type) + " id=" + connectionId + " seq=" + seqNr + " ack=" + ackNr
                + " wnd=" + wndSize + " payload=" + payloadLength
                + (sackOffset >= 0 ? " sack=" + sackLength : "");
    }
}
