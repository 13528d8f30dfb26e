package org.swarmsync.transport.utp.internal.core;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** Counts of dropped datagrams by reason; single-threaded like the rest of the core. */
public final class DropCounters {

    private final long[] counts = new long[DropReason.values().length];

    void increment(DropReason reason) {
        counts[reason.ordinal()]++;
    }

    /** @return the count for one reason */
    public long get(DropReason reason) {
        return counts[reason.ordinal()];
    }

    /** @return every non-zero count */
    public Map<DropReason, Long> snapshot() {
        Map<DropReason, Long> m = new EnumMap<>(DropReason.class);
        for (DropReason r : DropReason.values()) {
            if (counts[r.ordinal()] != 0) {
                m.put(r, counts[r.ordinal()]);
            }
        }
        return Collections.unmodifiableMap(m);
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
