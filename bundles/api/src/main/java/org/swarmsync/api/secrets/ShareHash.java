package org.swarmsync.api.secrets;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The public name of a shared folder: 32 bytes derived from its secret. It travels in the
 * clear (tracker, LAN announces, the channel cipher's key), so knowing it grants nothing.
 */
public final class ShareHash {

    /** Length of a share hash in bytes. */
    public static final int LENGTH = 32;

    private final byte[] bytes;

    private ShareHash(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * @param bytes exactly {@value #LENGTH} bytes; copied
     * @return the share hash
     * @throws IllegalArgumentException if the length is wrong
     */
    public static ShareHash of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException(
                    "share hash must be " + LENGTH + " bytes, got " + bytes.length);
        }
        return new ShareHash(bytes.clone());
    }

    /**
     * @param hex 64 hexadecimal digits
     * @return the share hash
     * @throws IllegalArgumentException if the text is not 64 hex digits
     */
    public static ShareHash ofHex(String hex) {
        if (hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException(
                    "share hash must be " + 2 * LENGTH + " hex digits, got " + hex.length());
        }
        return new ShareHash(HexFormat.of().parseHex(hex));
    }

    /** @return a copy of the 32 bytes */
    public byte[] toBytes() {
        return bytes.clone();
    }

    /** @return the 32 bytes as 64 lower-case hex digits */
    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ShareHash that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The hex form: a share hash is public. */
    @Override
    public String toString() {
        return hex();
    }
}
