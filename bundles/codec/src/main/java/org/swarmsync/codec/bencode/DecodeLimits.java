package org.swarmsync.codec.bencode;

/**
 * Limits a decoder enforces, so that hostile input costs bounded memory and time. Exceeding one
 * is a {@link BencodeException} at the offset where it happened.
 *
 * <p>The defaults follow libtorrent's {@code bdecode}: depth 100, 2,000,000 values, inputs and
 * strings below 512 MiB. Network code should lower {@link #maxInputBytes()} to what its message
 * can sensibly be, e.g. {@code DecodeLimits.DEFAULT.withMaxInputBytes(64 * 1024)} for a UDP
 * datagram.
 *
 * @param maxDepth most lists and dictionaries open at once (at least 1)
 * @param maxInputBytes most bytes the encoded value may take (at least 1)
 * @param maxStringLength longest byte string, in bytes (at least 0)
 * @param maxValues most values in total, counting every string, integer, list and dictionary (at least 1)
 */
public record DecodeLimits(int maxDepth, int maxInputBytes, int maxStringLength, int maxValues) {

    /** The default limits: depth 100, 536,870,911 bytes of input and per string, 2,000,000 values. */
    public static final DecodeLimits DEFAULT = new DecodeLimits(100, (1 << 29) - 1, (1 << 29) - 1, 2_000_000);

    /** Checks that every limit is in range. */
    public DecodeLimits {
        if (maxDepth < 1 || maxInputBytes < 1 || maxStringLength < 0 || maxValues < 1) {
            throw new IllegalArgumentException("limits out of range: " + maxDepth + ", " + maxInputBytes
                    + ", " + maxStringLength + ", " + maxValues);
        }
    }

    /** Returns a copy with {@code maxDepth} replaced. */
    public DecodeLimits withMaxDepth(int maxDepth) {
        return new DecodeLimits(maxDepth, maxInputBytes, maxStringLength, maxValues);
    }

    /** Returns a copy with {@code maxInputBytes} replaced. */
    public DecodeLimits withMaxInputBytes(int maxInputBytes) {
        return new DecodeLimits(maxDepth, maxInputBytes, maxStringLength, maxValues);
    }

    /** Returns a copy with {@code maxStringLength} replaced. */
    public DecodeLimits withMaxStringLength(int maxStringLength) {
        return new DecodeLimits(maxDepth, maxInputBytes, maxStringLength, maxValues);
    }

    /** Returns a copy with {@code maxValues} replaced. */
    public DecodeLimits withMaxValues(int maxValues) {
        return new DecodeLimits(maxDepth, maxInputBytes, maxStringLength, maxValues);
    }
}
