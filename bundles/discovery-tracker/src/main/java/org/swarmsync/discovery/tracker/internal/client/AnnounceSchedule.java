package org.swarmsync.discovery.tracker.internal.client;

import java.util.random.RandomGenerator;

/**
 * When to ask one tracker about one share next, without I/O: fed the time, it says whether a
 * request is due. A tracker that answers is asked again after the interval; one that stays
 * silent is retried after a delay that starts at {@code retryInitial} and doubles with each
 * silence up to {@code retryMax}. Every delay is jittered so that many clients started together
 * drift apart. Times are monotonic milliseconds. Not thread-safe.
 */
final class AnnounceSchedule {

    private final ClientOptions options;
    private final RandomGenerator random;
    private long nextAt;
    private long lastSentAt;
    private boolean everSent;
    private boolean awaiting;
    private int silences;

    /** Due at once. */
    AnnounceSchedule(ClientOptions options, RandomGenerator random, long now) {
        this.options = options;
        this.random = random;
        this.nextAt = now;
    }

    boolean isDue(long now) {
        return now >= nextAt;
    }

    long nextAt() {
        return nextAt;
    }

    /** @return whether a request is out and unanswered */
    boolean awaiting() {
        return awaiting;
    }

    /** @return silences in a row */
    int silences() {
        return silences;
    }

    /** A request went out now. If the previous one is still unanswered, that was a silence. */
    void sent(long now) {
        if (awaiting && silences < 30) {
            silences++;
        }
        awaiting = true;
        everSent = true;
        lastSentAt = now;
        nextAt = now + jittered(retryDelay());
    }

    /**
     * A reply came in now.
     *
     * @return false if none was awaited, in which case the reply must be ignored
     */
    boolean replied(long now) {
        if (!awaiting) {
            return false;
        }
        awaiting = false;
        silences = 0;
        nextAt = now + jittered(options.interval().toMillis());
        return true;
    }

    /** Asks again now, unless the last request went out less than the minimum refresh gap ago. */
    void refresh(long now) {
        long earliest = everSent ? Math.max(now, lastSentAt + options.minRefreshGap().toMillis()) : now;
        nextAt = Math.min(nextAt, earliest);
    }

    /** The delay before the next retry if this request meets silence too. */
    long retryDelay() {
        long initial = options.retryInitial().toMillis();
        long max = options.retryMax().toMillis();
        long delay = initial;
        for (int i = 0; i < silences && delay < max; i++) {
            delay = delay > max / 2 ? max : delay * 2;
        }
        return Math.min(delay, max);
    }

    private long jittered(long millis) {
        double j = options.jitter();
        double factor = j == 0 ? 1.0 : 1.0 + random.nextDouble(-j, j);
        return Math.max(1, Math.round(millis * factor));
    }
}
