package org.swarmsync.discovery.lan.internal;

import java.util.Map;

/**
 * A snapshot of the LAN source's counters.
 *
 * @param pingsSent pings multicast (one per interface)
 * @param received datagrams received on either socket
 * @param reported peers reported to listeners
 * @param repliesSent unicast answers sent
 * @param repliesSuppressed answers not sent because the same source asked for the same share too recently
 * @param ignoredOwn our own pings heard back
 * @param ignoredNotHeld valid pings for shares we do not announce
 * @param dropped invalid datagrams, per reason
 */
record LanMetrics(long pingsSent, long received, long reported, long repliesSent, long repliesSuppressed,
        long ignoredOwn, long ignoredNotHeld, Map<LanDrop, Long> dropped) {

    LanMetrics {
        dropped = Map.copyOf(dropped);
    }

    long dropped(LanDrop reason) {
        return dropped.getOrDefault(reason, 0L);
    }
}
