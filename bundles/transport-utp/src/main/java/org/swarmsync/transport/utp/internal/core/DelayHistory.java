package org.swarmsync.transport.utp.internal.core;

/**
 * The base (minimum) one-way delay over a sliding history of one-minute buckets, as
 * libtorrent's {@code timestamp_history} keeps it. Values are 32-bit microsecond differences
 * that wrap, so every comparison is modular.
 */
final class DelayHistory {

    /** One bucket per minute; libtorrent keeps 20, libutp 13, BEP 29 suggests 2. */
    static final int BUCKETS = 20;
    private static final long BUCKET_MICROS = 60_000_000L;

    private final int[] history = new int[BUCKETS];
    private int index;
    private int base;
    private boolean initialized;
    private long bucketStart;

    /**
     * Adds a sample.
     *
     * @return the sample minus the base delay, i.e. the queuing delay estimate (non-negative)
     */
    long add(int sample, long now) {
        if (!initialized) {
            java.util.Arrays.fill(history, sample);
            base = sample;
            initialized = true;
            bucketStart = now;
        } else if (now - bucketStart >= BUCKET_MICROS) {
            bucketStart = now;
            index = (index + 1) % BUCKETS;
            history[index] = sample;
            base = sample;
            for (int h : history) {
                if (SeqNr.before32(h, base)) {
                    base = h;
                }
            }
        } else if (SeqNr.before32(sample, history[index])) {
            history[index] = sample;
        }
        if (SeqNr.before32(sample, base)) {
            base = sample;
        }
        return (sample - base) & 0xffffffffL;
    }

    boolean initialized() {
        return initialized;
    }

    int base() {
        return base;
    }

    /** Moves the base up by {@code change} µs, compensating for clock drift between the peers. */
    void adjustBase(int change) {
        base += change;
        for (int i = 0; i < BUCKETS; i++) {
            history[i] += change;
        }
    }
}
