package org.swarmsync.transport.utp.internal.core;

import java.nio.ByteBuffer;

/**
 * The 20-byte µTP header and its extension ids (BEP 29, all fields big-endian).
 *
 * <pre>
 * 0       type (high nibble) | version (low nibble, 1)
 * 1       first extension type (0 = none)
 * 2..3    connection_id
 * 4..7    timestamp_microseconds
 * 8..11   timestamp_difference_microseconds
 * 12..15  wnd_size
 * 16..17  seq_nr
 * 18..19  ack_nr
 * </pre>
 */
public final class UtpHeader {

    /** Header length in bytes. */
    public static final int SIZE = 20;
    /** The only protocol version. */
    public static final int VERSION = 1;

    /** Extension 1: selective ACK bitmask. */
    static final int EXT_SACK = 1;
    /** Extension 2: libutp's 8-byte "extension bits"; dropped if its length is not 8. */
    static final int EXT_BITS = 2;
    /** Extension 3: libtorrent's close reason, 2 reserved bytes + u16 reason. */
    static final int EXT_CLOSE_REASON = 3;
    /**
     * Extension 0x53 ('S'): swarmsync's large-datagram offer, 4 bytes = u16 largest datagram
     * the sender accepts + u16 version (0). Only in SYN and in the SYN's STATE answer;
     * libutp and libtorrent skip unknown extensions by their length.
     */
    static final int EXT_LARGE_DATAGRAM = 0x53;
    /** Length of the large-datagram extension's body. */
    static final int LARGE_DATAGRAM_LEN = 4;

    private UtpHeader() {
    }

    /** Writes a header at absolute offset {@code at}, leaving the buffer's position alone. */
    static void putAt(ByteBuffer b, int at, int type, int extension, int connectionId, int timestamp,
            int timestampDiff, int wndSize, int seqNr, int ackNr) {
        b.put(at, (byte) ((type << 4) | VERSION));
        b.put(at + 1, (byte) extension);
        b.putShort(at + 2, (short) connectionId);
        b.putInt(at + 4, timestamp);
        b.putInt(at + 8, timestampDiff);
        b.putInt(at + 12, wndSize);
        b.putShort(at + 16, (short) seqNr);
        b.putShort(at + 18, (short) ackNr);
    }

    /** Writes a header at the buffer's position and advances it by {@link #SIZE}. */
    static void put(ByteBuffer b, int type, int extension, int connectionId, int timestamp,
            int timestampDiff, int wndSize, int seqNr, int ackNr) {
        b.put((byte) ((type << 4) | VERSION));
        b.put((byte) extension);
        b.putShort((short) connectionId);
        b.putInt(timestamp);
        b.putInt(timestampDiff);
        b.putInt(wndSize);
        b.putShort((short) seqNr);
        b.putShort((short) ackNr);
    }
}
