package org.swarmsync.discovery.tracker.internal.wire;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/** One counter per {@link Drop} reason, safe to bump from one thread and read from any. */
public final class DropCounters {

    private final AtomicLongArray counts = new AtomicLongArray(Drop.values().length);

    /** @param reason the counter to bump */
    public void increment(Drop reason) {
        counts.incrementAndGet(reason.ordinal());
    }

    /** @return a snapshot with every reason, zeros included */
    public Map<Drop, Long> snapshot() {
        Map<Drop, Long> map = new EnumMap<>(Drop.class);
        for (Drop d : Drop.values()) {
            map.put(d, counts.get(d.ordinal()));
        }
        return Collections.unmodifiableMap(map);
    }
}
