package org.swarmsync.crypto.mse.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One direction of the AES-128-GCM record format: seals plaintext into records, or opens
 * them, with this direction's key, nonce salt and record counter. A record is
 * {@code len} (2 bytes, big-endian: the ciphertext's length including the 16-byte tag) ‖
 * ciphertext ‖ tag; the AAD is the two length bytes; the 96-bit nonce is salt (4) ‖ counter
 * (8, big-endian), the counter starting at 0 and going up by one per record, so no nonce
 * repeats under one key. Not thread-safe: a connection has one sealer and one opener, each
 * used under its direction's lock.
 *
 * <p>Uses the JDK's {@code AES/GCM/NoPadding} (AES-NI and the GHASH intrinsics), re-initialised
 * per record with the next nonce, always on arrays; no arrays are allocated per record.
 */
public final class GcmRecordCipher {

    /** Bytes of the length field in front of each record. */
    public static final int HEADER = 2;

    /** Bytes of the authentication tag at the end of each record. */
    public static final int TAG = 16;

    /** The most plaintext one record carries; see docs/protocol.md for the measurement behind it. */
    public static final int MAX_PLAINTEXT = 16 * 1024;

    /** The longest record on the wire, header included. */
    public static final int MAX_RECORD = HEADER + MAX_PLAINTEXT + TAG;

    private static final int KEY_BYTES = 16;
    private static final int SALT_BYTES = 4;
    private static final int TAG_BITS = TAG * 8;

    private final Cipher cipher;
    private final SecretKeySpec key;
    private final int mode;
    private final byte[] nonce = new byte[SALT_BYTES + 8];
    /** Where a sealer copies plaintext that is not in an accessible array; empty for an opener. */
    private final byte[] scratch;
    private long counter;

    /**
     * @param material at least 20 bytes: the AES-128 key, then the 4-byte nonce salt (the
     *        output of {@link MseHashes#gcmA} or {@link MseHashes#gcmB}); only read
     * @param seal true to seal records, false to open them
     */
    public GcmRecordCipher(byte[] material, boolean seal) {
        this(material, seal, 0);
    }

    /** @param firstCounter the counter of the first record; tests start near the end */
    GcmRecordCipher(byte[] material, boolean seal, long firstCounter) {
        if (material.length < KEY_BYTES + SALT_BYTES) {
            throw new IllegalArgumentException("need " + (KEY_BYTES + SALT_BYTES) + " bytes of key material");
        }
        this.key = new SecretKeySpec(material, 0, KEY_BYTES, "AES");
        System.arraycopy(material, KEY_BYTES, nonce, 0, SALT_BYTES);
        this.mode = seal ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE;
        this.scratch = new byte[seal ? MAX_PLAINTEXT : 0];
        this.counter = firstCounter;
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform must provide AES/GCM/NoPadding", e);
        }
    }

    /**
     * Seals {@code length} bytes into one record.
     *
     * @param src the plaintext, consumed from its position; heap or direct
     * @param length how many bytes of {@code src} go in this record, at most {@link #MAX_PLAINTEXT}
     * @param out where the record goes, {@code HEADER + length + TAG} bytes from {@code outOffset}
     * @return the record's length on the wire
     * @throws IOException if the record counter is exhausted
     */
    public int seal(ByteBuffer src, int length, byte[] out, int outOffset) throws IOException {
        if (length < 0 || length > MAX_PLAINTEXT || length > src.remaining()) {
            throw new IllegalArgumentException("cannot seal " + length + " bytes into one record");
        }
        int body = length + TAG;
        out[outOffset] = (byte) (body >>> 8);
        out[outOffset + 1] = (byte) body;
        try {
            start(out, outOffset);
            if (src.hasArray()) {
                cipher.doFinal(src.array(), src.arrayOffset() + src.position(), length, out, outOffset + HEADER);
                src.position(src.position() + length);
            } else {
                // Direct and read-only buffers are copied into one reused array: given a
                // read-only buffer, the JDK's doFinal(ByteBuffer, ByteBuffer) allocates a new
                // copy of every record (its overlap check cannot see the array).
                src.get(scratch, 0, length);
                cipher.doFinal(scratch, 0, length, out, outOffset + HEADER);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM refused to seal a record", e);
        }
        return HEADER + body;
    }

    /**
     * @param record a buffer holding a record's header at {@code offset}
     * @return the ciphertext length the header announces, tag included
     * @throws IOException if it is longer than a record may be, or shorter than a tag
     */
    public static int bodyLength(byte[] record, int offset) throws IOException {
        int body = ((record[offset] & 0xff) << 8) | (record[offset + 1] & 0xff);
        if (body > MAX_PLAINTEXT + TAG) {
            throw new IOException("AES-GCM record too long: " + body + " bytes announced, the limit is "
                    + (MAX_PLAINTEXT + TAG));
        }
        if (body < TAG) {
            throw new IOException("AES-GCM record too short: " + body + " bytes announced, a tag alone is " + TAG);
        }
        return body;
    }

    /**
     * Opens one whole record.
     *
     * @param record holds the record, header first, at {@code offset}; its length must have
     *        passed {@link #bodyLength}
     * @param out where the plaintext goes, from {@code outOffset}; room for the body minus the tag
     * @return the plaintext length
     * @throws IOException if the record failed authentication or the counter is exhausted
     */
    public int open(byte[] record, int offset, byte[] out, int outOffset) throws IOException {
        int body = bodyLength(record, offset);
        try {
            start(record, offset);
            return cipher.doFinal(record, offset + HEADER, body, out, outOffset);
        } catch (AEADBadTagException e) {
            throw new IOException("AES-GCM record failed authentication");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM refused to open a record", e);
        }
    }

    /** Initialises the cipher for the next record: a fresh nonce, the header as AAD. */
    private void start(byte[] header, int offset) throws IOException, GeneralSecurityException {
        if (counter == -1L) {
            // The last value is never used, so the counter cannot wrap onto nonce 0 again.
            throw new IOException("AES-GCM record counter exhausted: no nonce is left for a further record");
        }
        long c = counter++;
        for (int i = nonce.length - 1; i >= SALT_BYTES; i--) {
            nonce[i] = (byte) c;
            c >>>= 8;
        }
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(header, offset, HEADER);
    }

    /** @return the counter the next record uses */
    long counter() {
        return counter;
    }

    @Override
    public String toString() {
        // Never the key or salt.
        return "aes-128-gcm " + (mode == Cipher.ENCRYPT_MODE ? "sealer" : "opener") + " at record " + counter;
    }

    /** Overwrites key material a caller no longer needs. */
    static void wipe(byte[] material) {
        Arrays.fill(material, (byte) 0);
    }
}
