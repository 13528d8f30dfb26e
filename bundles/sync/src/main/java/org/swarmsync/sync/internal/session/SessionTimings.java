package org.swarmsync.sync.internal.session;

import java.time.Duration;
import java.util.Objects;

/**
 * The clocks of a session.
 *
 * @param handshakeTimeout how long hello and auth may take, from the session's start
 * @param pingInterval send a ping when we sent nothing for this long
 * @param idleTimeout close when nothing arrived for this long, or a write has been blocked
 *        this long (the peer stopped reading)
 * @param closeGrace how long closing may wait for our {@code close} frame to leave and the
 *        peer to hang up, before the connection is cut
 */
public record SessionTimings(Duration handshakeTimeout, Duration pingInterval, Duration idleTimeout,
        Duration closeGrace) {

    /** The protocol's defaults: 30 s handshake, ping after 60 s, idle after 180 s, 5 s grace. */
    public static final SessionTimings DEFAULTS = new SessionTimings(Duration.ofSeconds(30), Duration.ofSeconds(60),
            Duration.ofSeconds(180), Duration.ofSeconds(5));

    /** Checks that each is positive and that pings come well within the idle timeout. */
    public SessionTimings {
        for (Duration d : new Duration[] {handshakeTimeout, pingInterval, idleTimeout, closeGrace}) {
            if (Objects.requireNonNull(d, "timing").isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timings must be positive: " + d);
            }
        }
        if (pingInterval.compareTo(idleTimeout.dividedBy(2)) > 0) {
            throw new IllegalArgumentException("ping interval " + pingInterval + " above half the idle timeout " + idleTimeout);
        }
    }

    /**
     * @return how long both sides may stay silent while we await answers before we ping, to
     *         learn whether the peer is still there: a twelfth of the ping interval (5 s by default)
     */
    Duration probeInterval() {
        return pingInterval.dividedBy(12);
    }

    /** @return how often the session checks its clocks: a quarter of the shortest */
    Duration tick() {
        Duration shortest = handshakeTimeout;
        for (Duration d : new Duration[] {pingInterval, idleTimeout, probeInterval()}) {
            shortest = d.compareTo(shortest) < 0 ? d : shortest;
        }
        Duration tick = shortest.dividedBy(4);
        return tick.toMillis() < 5 ? Duration.ofMillis(5) : tick;
    }
}
