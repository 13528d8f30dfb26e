package org.swarmsync.codec.bencode;

/**
 * A bencode integer. Bencode itself has no size limit; this codec supports the 64-bit range and
 * rejects anything larger when decoding.
 *
 * @param value the integer value
 */
public record BInteger(long value) implements BValue {

    private static final int CACHE_LOW = -128;
    private static final int CACHE_HIGH = 1023;
    // Small values (flags, counts, permission bits such as 0644 = 420) are shared, as Long.valueOf does.
    private static final BInteger[] CACHE = new BInteger[CACHE_HIGH - CACHE_LOW + 1];

    static {
        for (int i = 0; i < CACHE.length; i++) {
            CACHE[i] = new BInteger(i + CACHE_LOW);
        }
    }

    /** Returns a {@code BInteger} for {@code value}, shared for small values. */
    public static BInteger of(long value) {
        if (value >= CACHE_LOW && value <= CACHE_HIGH) {
            return CACHE[(int) value - CACHE_LOW];
        }
        return new BInteger(value);
    }

    @Override
    public BType type() {
        return BType.INTEGER;
    }

    @Override
    public long asLong() {
        return value;
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
