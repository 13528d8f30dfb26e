package org.swarmsync.sync.internal.model;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** A SHA-256 digest: the identity of a block's content. */
public final class Hash256 implements Comparable<Hash256> {

    public static final int LENGTH = 32;

    /** One digest per thread: looking the algorithm up for every block showed in profiles of small files. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    });

    private final byte[] bytes;

    private Hash256(byte[] bytes) {
        this.bytes = bytes;
    }

    /** @throws IllegalArgumentException unless exactly 32 bytes */
    public static Hash256 of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a SHA-256 hash is 32 bytes, got " + bytes.length);
        }
        return new Hash256(bytes.clone());
    }

    /** Takes ownership of the array: for digests just computed. */
    public static Hash256 wrap(byte[] digest) {
        if (digest.length != LENGTH) {
            throw new IllegalArgumentException("a SHA-256 hash is 32 bytes, got " + digest.length);
        }
        return new Hash256(digest);
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    /** Compares with a digest without copying. */
    public boolean matches(byte[] digest) {
        return Arrays.equals(bytes, digest);
    }

    /** @return whether the remaining bytes of {@code data} hash to this; leaves its position */
    public boolean isHashOf(ByteBuffer data) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        digest.update(data.duplicate());
        return Arrays.equals(bytes, digest.digest());
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Hash256 that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        // The bytes are a cryptographic hash: the first four are as good as any.
        return (bytes[0] & 0xff) << 24 | (bytes[1] & 0xff) << 16 | (bytes[2] & 0xff) << 8 | (bytes[3] & 0xff);
    }

    @Override
    public int compareTo(Hash256 other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
