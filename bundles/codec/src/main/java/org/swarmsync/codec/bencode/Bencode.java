package org.swarmsync.codec.bencode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

/**
 * Entry point: strict decoding with default limits, and canonical encoding.
 *
 * <p>Encoding is always canonical: dictionary keys in unsigned byte order (kept so by
 * {@link BDict}), integers without leading zeros. Decoding is {@link BencodeDecoder#strict()};
 * see {@link BencodeDecoder} for the rules, for other limits, and for the rule that decoded
 * byte strings are views of the input, which must not change while they are in use.
 */
public final class Bencode {

    private Bencode() {
    }

    /** Strictly decodes {@code input}; see {@link BencodeDecoder#decode(byte[])}. */
    public static BValue decode(byte[] input) {
        return BencodeDecoder.strict().decode(input);
    }

    /** Strictly decodes part of {@code input}; see {@link BencodeDecoder#decode(byte[], int, int)}. */
    public static BValue decode(byte[] input, int offset, int length) {
        return BencodeDecoder.strict().decode(input, offset, length);
    }

    /** Strictly decodes a buffer's remaining bytes; see {@link BencodeDecoder#decode(ByteBuffer)}. */
    public static BValue decode(ByteBuffer input) {
        return BencodeDecoder.strict().decode(input);
    }

    /** Strictly reads one value from a stream; see {@link BencodeDecoder#read(InputStream)}. */
    public static BValue read(InputStream in) throws IOException {
        return BencodeDecoder.strict().read(in);
    }

    /** Returns the canonical encoding of {@code value}. */
    public static byte[] encode(BValue value) {
        return Encoder.toArray(value);
    }

    /** Writes the canonical encoding of {@code value} to {@code out} (buffered in chunks; not flushed). */
    public static void encode(BValue value, OutputStream out) throws IOException {
        Encoder.toStream(value, out);
    }

    /**
     * Writes the canonical encoding of {@code value} at {@code out}'s position and advances it.
     *
     * @throws BufferOverflowException if it does not fit in the remaining space; nothing is written then
     */
    public static void encode(BValue value, ByteBuffer out) {
        Encoder.toBuffer(value, out);
    }

    /** Returns the length in bytes of the canonical encoding of {@code value}. */
    public static long encodedLength(BValue value) {
        return Encoder.length(value);
    }
}
