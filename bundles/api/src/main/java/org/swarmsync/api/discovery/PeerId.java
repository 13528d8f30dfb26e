package org.swarmsync.api.discovery;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/** A node's 20-byte identity, random per node, as carried by trackers and LAN announces. */
public final class PeerId {

    /** Length of a peer id in bytes. */
    public static final int LENGTH = 20;

    private final byte[] bytes;

    private PeerId(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * @param bytes exactly {@value #LENGTH} bytes; copied
     * @return the peer id
     * @throws IllegalArgumentException if the length is wrong
     */
    public static PeerId of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("peer id must be " + LENGTH + " bytes, got " + bytes.length);
        }
        return new PeerId(bytes.clone());
    }

    /**
     * @param random the source of randomness
     * @return a new random peer id
     */
    public static PeerId random(SecureRandom random) {
        byte[] bytes = new byte[LENGTH];
        random.nextBytes(bytes);
        return new PeerId(bytes);
    }

    /** @return a copy of the 20 bytes */
    public byte[] toBytes() {
        return bytes.clone();
    }

    /** @return the 20 bytes as 40 lower-case hex digits */
    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PeerId that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
