package org.swarmsync.discovery.lan.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how often to ping.
 *
 * @param networkInterface the interface to use by name (e.g. {@code lo}, {@code eth0}); empty
 *        for every interface that is up, multicast-capable, not loopback and has IPv4
 * @param group the IPv4 multicast group
 * @param port the group's UDP port
 * @param ttl IP_MULTICAST_TTL: 1 stays on the link, 0 never leaves the host
 * @param loopback IP_MULTICAST_LOOP: whether other nodes on this host hear our pings
 * @param interval between pings of one share
 * @param replyGap at most one answer per source (address and port) and share in this time
 */
record LanOptions(String networkInterface, InetAddress group, int port, int ttl, boolean loopback,
        Duration interval, Duration replyGap) {

    /** Checks the values. */
    LanOptions {
        Objects.requireNonNull(networkInterface, "networkInterface");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(replyGap, "replyGap");
        if (!(group instanceof Inet4Address) || !group.isMulticastAddress()) {
            throw new IllegalArgumentException("group must be an IPv4 multicast address: " + group);
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (ttl < 0 || ttl > 255) {
            throw new IllegalArgumentException("ttl must be in [0, 255]: " + ttl);
        }
        if (interval.toMillis() < 1 || replyGap.isNegative()) {
            throw new IllegalArgumentException("interval must be positive and reply gap not negative");
        }
    }
}
