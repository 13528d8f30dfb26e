package org.swarmsync.discovery.tracker.internal.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How often the client announces.
 *
 * @param interval between announces to a tracker that answers
 * @param retryInitial first retry after a tracker stayed silent; doubles with each silence
 * @param retryMax the longest wait between retries to a silent tracker
 * @param jitter every wait is multiplied by a random factor in [1 - jitter, 1 + jitter]
 * @param minRefreshGap {@code refresh()} never asks a tracker more often than this
 */
public record ClientOptions(Duration interval, Duration retryInitial, Duration retryMax, double jitter,
        Duration minRefreshGap) {

    /** Announce every 3 minutes (the server keeps entries 10), retry from 15 s up to 30 min, 20 % jitter. */
    public static final ClientOptions DEFAULTS = new ClientOptions(Duration.ofMinutes(3), Duration.ofSeconds(15),
            Duration.ofMinutes(30), 0.2, Duration.ofSeconds(10));

    /** Checks the values. */
    public ClientOptions {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(retryInitial, "retryInitial");
        Objects.requireNonNull(retryMax, "retryMax");
        Objects.requireNonNull(minRefreshGap, "minRefreshGap");
        if (interval.toMillis() < 1 || retryInitial.toMillis() < 1 || retryMax.compareTo(retryInitial) < 0
                || minRefreshGap.isNegative()) {
            throw new IllegalArgumentException("need interval > 0, retry initial > 0, retry max >= retry initial: "
                    + interval + ", " + retryInitial + ", " + retryMax);
        }
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("jitter must be in [0, 1): " + jitter);
        }
    }
}
