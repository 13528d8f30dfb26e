package org.swarmsync.sync.internal.node;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.swarmsync.api.transport.Transport;

/**
 * The transports bound now, with their priorities. Bindings come and go at any time (a
 * bundle stopping is the hot swap); callers take a snapshot before each dial.
 */
final class Transports {

    private final Map<Transport, Integer> priorities = new ConcurrentHashMap<>();

    void add(Transport transport, Map<String, ?> properties) {
        Object priority = properties.get(Transport.PRIORITY);
        priorities.put(transport, priority instanceof Number n ? n.intValue() : 0);
    }

    void remove(Transport transport) {
        priorities.remove(transport);
    }

    /** @return the transports, most preferred first (ties broken by scheme, for stable order) */
    List<Transport> byPreference() {
        List<Transport> list = new ArrayList<>(priorities.keySet());
        list.sort(Comparator.comparing((Transport t) -> priorities.getOrDefault(t, 0)).reversed()
                .thenComparing(Transport::scheme));
        return list;
    }
}
