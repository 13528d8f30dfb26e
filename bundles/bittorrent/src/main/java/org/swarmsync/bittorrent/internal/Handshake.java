package org.swarmsync.bittorrent.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The 68-byte BEP 3 handshake: protocol string, reserved bits, info-hash, peer id.
 *
 * @param reserved the 8 reserved bytes
 * @param infoHash the torrent's 20-byte info-hash
 * @param peerId the sender's 20-byte peer id
 */
record Handshake(byte[] reserved, byte[] infoHash, byte[] peerId) {

    static final int LENGTH = 68;
    static final byte[] PROTOCOL = "\u0013BitTorrent protocol".getBytes(StandardCharsets.US_ASCII);

    /** Our reserved bits: only the BEP 10 extension protocol, not the Fast extension or DHT. */
    static byte[] ourReserved() {
        byte[] reserved = new byte[8];
        reserved[5] = 0x10;
        return reserved;
    }

    boolean supportsExtensions() {
        return (reserved[5] & 0x10) != 0;
    }

    ByteBuffer encode() {
        ByteBuffer out = ByteBuffer.allocate(LENGTH);
        out.put(PROTOCOL).put(reserved).put(infoHash).put(peerId);
        return out.flip();
    }

    /**
     * @param in exactly 68 bytes
     * @throws WireException if the protocol string is not BitTorrent's
     */
    static Handshake decode(ByteBuffer in) throws WireException {
        byte[] protocol = new byte[PROTOCOL.length];
        in.get(protocol);
        if (!Arrays.equals(protocol, PROTOCOL)) {
            throw new WireException("the peer's handshake is not a BitTorrent handshake");
        }
        byte[] reserved = new byte[8];
        byte[] infoHash = new byte[20];
        byte[] peerId = new byte[20];
        in.get(reserved).get(infoHash).get(peerId);
        return new Handshake(reserved, infoHash, peerId);
    }
}
