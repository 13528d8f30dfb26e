package org.swarmsync.discovery.tracker.internal.server;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per source IPv4 address, in a table of bounded size.
 *
 * <p>When the table is full, a new source may take the place of the least recently seen one
 * only if that one's bucket has filled up again, since then forgetting it changes nothing. If
 * not, the new source is refused. Evicting a busy entry instead would hand a fresh burst to
 * whoever cycles through enough spoofed addresses, victim included. Not thread-safe.
 */
final class SourceRateLimiter {

    private final double tokensPerMilli;
    private final int burst;
    private final int maxSources;
    private final LinkedHashMap<Integer, Bucket> buckets = new LinkedHashMap<>(16, 0.75f, true);

    SourceRateLimiter(double ratePerSecond, int burst, int maxSources) {
        this.tokensPerMilli = ratePerSecond / 1000.0;
        this.burst = burst;
        this.maxSources = maxSources;
    }

    /** @return whether {@code ip} may send one more request now; takes its token if so */
    boolean tryAcquire(int ip, long nowMillis) {
        Bucket bucket = buckets.get(ip);
        if (bucket == null) {
            if (buckets.size() >= maxSources) {
                Iterator<Map.Entry<Integer, Bucket>> it = buckets.entrySet().iterator();
                if (it.next().getValue().level(nowMillis) < burst) {
                    return false;
                }
                it.remove();
            }
            bucket = new Bucket(burst, nowMillis);
            buckets.put(ip, bucket);
        }
        return bucket.take(nowMillis);
    }

    int trackedSources() {
        return buckets.size();
    }

    private final class Bucket {
        private double tokens;
        private long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }

        double level(long now) {
            // A clock that steps back must not mint tokens, hence max.
            return Math.min(burst, tokens + Math.max(0, now - at) * tokensPerMilli);
        }

        boolean take(long now) {
            tokens = level(now);
            at = Math.max(at, now);
            if (tokens < 1.0) {
                return false;
            }
            tokens -= 1.0;
            return true;
        }
    }
}
