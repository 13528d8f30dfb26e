package org.swarmsync.codec.bencode;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Decodes bencode, strictly by default. Immutable and thread-safe; keep one per configuration.
 *
 * <p><b>Strict rules.</b> The input must be exactly one value. Rejected, each with a
 * {@link BencodeException} naming the byte offset: empty or truncated input, trailing bytes,
 * leading zeros in integers and string lengths, {@code i-0e}, {@code ie}, {@code i-e}, a
 * {@code +} sign, whitespace or any other stray byte, integers outside the 64-bit range,
 * dictionary keys that are not byte strings, out of order (unsigned bytes, shorter prefix first)
 * or repeated, and anything beyond the {@link DecodeLimits}. {@link #allowingUnsortedKeys()}
 * relaxes only the key order (the dictionary is sorted after decoding); duplicate keys stay an
 * error, so two parsers can never read different values from one message.
 *
 * <p><b>Zero copy.</b> Decoding an array or a buffer copies no bytes: every {@link BBytes} is a
 * view of the input. <em>The caller must not change the input while any decoded value is in
 * use</em> (beware of reused receive buffers); {@link BBytes#copy()} and
 * {@link BBytes#toByteArray()} give private copies. A view also keeps its whole input reachable. Values read from a stream view a
 * private buffer and are safe.
 *
 * <p>Strict decoding accepts only canonical input, so re-encoding a decoded value gives back the
 * exact input bytes (what a hash over them, such as an info-hash, needs).
 */
public final class BencodeDecoder {

    private static final BencodeDecoder STRICT = new BencodeDecoder(DecodeLimits.DEFAULT, false);

    private final DecodeLimits limits;
    private final boolean allowUnsortedKeys;

    private BencodeDecoder(DecodeLimits limits, boolean allowUnsortedKeys) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.allowUnsortedKeys = allowUnsortedKeys;
    }

    /** Returns the strict decoder with {@link DecodeLimits#DEFAULT default limits}. */
    public static BencodeDecoder strict() {
        return STRICT;
    }

    /** Returns a strict decoder with the given limits. */
    public static BencodeDecoder strict(DecodeLimits limits) {
        return new BencodeDecoder(limits, false);
    }

    /** Returns a copy of this decoder with the given limits. */
    public BencodeDecoder withLimits(DecodeLimits limits) {
        return new BencodeDecoder(limits, allowUnsortedKeys);
    }

    /**
     * Returns a copy of this decoder that accepts dictionary keys out of order (seen in some
     * published .torrent files) and sorts them. Duplicate keys are still rejected. Re-encoding
     * such a value does not give back the input bytes.
     */
    public BencodeDecoder allowingUnsortedKeys() {
        return new BencodeDecoder(limits, true);
    }

    /** Returns the limits this decoder enforces. */
    public DecodeLimits limits() {
        return limits;
    }

    /** Returns whether this decoder accepts unsorted dictionary keys. */
    public boolean allowsUnsortedKeys() {
        return allowUnsortedKeys;
    }

    /**
     * Decodes {@code input}, which must hold exactly one value.
     *
     * @throws BencodeException if the input is malformed or exceeds a limit
     */
    public BValue decode(byte[] input) {
        return new Parser(input, 0, input.length, limits, allowUnsortedKeys).parse();
    }

    /**
     * Decodes the {@code length} bytes of {@code input} from {@code offset}, which must hold
     * exactly one value, e.g. {@code decode(datagram, 6, n - 6)} after a {@code BSYNC\0} prefix.
     * Error offsets count from {@code offset}.
     *
     * @throws BencodeException if the input is malformed or exceeds a limit
     */
    public BValue decode(byte[] input, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, input.length);
        return new Parser(input, offset, length, limits, allowUnsortedKeys).parse();
    }

    /**
     * Decodes the bytes between {@code input}'s position and limit, which must hold exactly one
     * value. The buffer's position and limit are not changed. Heap, direct and read-only buffers
     * are all read without copying. Error offsets count from the position.
     *
     * @throws BencodeException if the input is malformed or exceeds a limit
     */
    public BValue decode(ByteBuffer input) {
        if (input.hasArray()) {
            return new Parser(input.array(), input.arrayOffset() + input.position(), input.remaining(),
                    limits, allowUnsortedKeys).parse();
        }
        // Views keep their own duplicate, so later changes to the caller's position or limit do not matter.
        ByteBuffer absolute = input.duplicate();
        absolute.clear();
        return new Parser(absolute, input.position(), input.limit(), limits, allowUnsortedKeys).parse();
    }

    /**
     * Reads exactly one value from {@code in} and leaves the stream just after it, so that
     * consecutive values (framed messages) can be read one call at a time. The same rules and
     * limits apply; the memory used is bounded by what the stream actually sent and by
     * {@link DecodeLimits#maxInputBytes()}. The stream should be buffered: the structure is read
     * a byte at a time, to never consume a byte past the value. Error offsets count from the
     * value's first byte; after an error the stream's position is unspecified.
     *
     * @throws EOFException if the stream ends before the value's first byte
     * @throws BencodeException if the value is malformed, truncated or exceeds a limit
     * @throws IOException if reading fails
     */
    public BValue read(InputStream in) throws IOException {
        return new StreamReader(Objects.requireNonNull(in, "in"), limits, allowUnsortedKeys).read();
    }
}
