package org.swarmsync.sync.internal.model;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A version vector: for each device that changed an entry, how many changes it made.
 * Devices are named by a 64-bit short id. Immutable.
 */
public final class VersionVector {

    public static final VersionVector EMPTY = new VersionVector(new TreeMap<>());

    private final SortedMap<Long, Long> counters;

    private VersionVector(SortedMap<Long, Long> counters) {
        this.counters = counters;
    }

    /**
     * @param counters device to counter; counters must be positive
     * @throws IllegalArgumentException for a counter below 1
     */
    public static VersionVector of(Map<Long, Long> counters) {
        TreeMap<Long, Long> copy = new TreeMap<>(counters);
        copy.forEach((device, counter) -> {
            if (counter < 1) {
                throw new IllegalArgumentException("counter of device " + Long.toHexString(device) + " is " + counter);
            }
        });
        return new VersionVector(copy);
    }

    /** @return device to counter, sorted by device */
    public SortedMap<Long, Long> counters() {
        return Collections.unmodifiableSortedMap(counters);
    }

    /** @return this vector with {@code device}'s counter raised by one: a change made there */
    public VersionVector bump(long device) {
        TreeMap<Long, Long> next = new TreeMap<>(counters);
        next.merge(device, 1L, Long::sum);
        return new VersionVector(next);
    }

    /** @return the element-wise maximum: a history that includes both */
    public VersionVector merge(VersionVector other) {
        TreeMap<Long, Long> next = new TreeMap<>(counters);
        other.counters.forEach((device, counter) -> next.merge(device, counter, Math::max));
        return new VersionVector(next);
    }

    /** @return how this vector relates to {@code other} */
    public Ordering compare(VersionVector other) {
        boolean ahead = false;
        boolean behind = false;
        TreeMap<Long, Long> devices = new TreeMap<>(counters);
        other.counters.keySet().forEach(device -> devices.putIfAbsent(device, 0L));
        for (Long device : devices.keySet()) {
            long mine = counters.getOrDefault(device, 0L);
            long theirs = other.counters.getOrDefault(device, 0L);
            ahead |= mine > theirs;
            behind |= mine < theirs;
        }
        if (ahead && behind) {
            return Ordering.CONCURRENT;
        }
        return ahead ? Ordering.NEWER : behind ? Ordering.OLDER : Ordering.EQUAL;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VersionVector that && counters.equals(that.counters);
    }

    @Override
    public int hashCode() {
        return counters.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("{");
        counters.forEach((device, counter) -> text.append(text.length() > 1 ? "," : "")
                .append(Long.toHexString(device)).append(':').append(counter));
        return text.append('}').toString();
    }
}
