package org.swarmsync.bench.transport;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

import org.swarmsync.api.transport.Connection;

/**
 * Reads a µTP connection's sending state (congestion window, peer window, bytes in flight,
 * slow start, timeouts, smoothed RTT) by reflection, for {@link UtpTrace} only: a profiling aid that looks
 * inside the bundle without changing it. Reads are racy snapshots taken without the stack's
 * lock, good enough for sampling; nothing here is used by the measured benchmark.
 */
final class UtpProbe {

    /** One sample of a sender. */
    record Sample(long cwnd, long peerWindow, long inFlight, boolean slowStart, int timeouts, int payloadSize,
            long srttMicros) {

        /** @return the window that limits sending now */
        long window() {
            return Math.min(cwnd, peerWindow);
        }

        /** @return whether the next full packet would not fit the window (the sender must wait) */
        boolean windowLimited() {
            return inFlight > 0 && inFlight + payloadSize > window();
        }
    }

    private final Object outbound;
    private final Object ledbat;
    private final Object socket;
    private final Field inFlight;
    private final Field peerWnd;
    private final Field timeouts;
    private final Field payloadSize;
    private final Field cwnd;
    private final Field slowStart;
    private final Method available;
    private final Object rtt;
    private final Field srtt;

    private UtpProbe(Connection connection) throws ReflectiveOperationException {
        socket = read(connection, "socket");
        outbound = read(socket, "out");
        ledbat = read(outbound, "cc");
        inFlight = field(outbound, "bytesInFlight");
        peerWnd = field(outbound, "peerWnd");
        timeouts = field(outbound, "timeouts");
        payloadSize = field(outbound, "payloadSize");
        cwnd = field(ledbat, "cwnd");
        slowStart = field(ledbat, "slowStart");
        available = socket.getClass().getMethod("available");
        rtt = read(outbound, "rtt");
        srtt = field(rtt, "srtt");
    }

    /** @param connection a µTP connection as the transport returned it (not wrapped by MSE) */
    static UtpProbe of(Connection connection) {
        try {
            return new UtpProbe(connection);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("not a µTP connection of the expected shape: " + connection, e);
        }
    }

    Sample sample() {
        try {
            return new Sample(cwnd.getLong(ledbat), peerWnd.getLong(outbound), inFlight.getLong(outbound),
                    slowStart.getBoolean(ledbat), timeouts.getInt(outbound), payloadSize.getInt(outbound),
                    srtt.getLong(rtt));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return bytes received in order and not yet read by the application (receiver side) */
    int available() {
        try {
            return (int) available.invoke(socket);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object read(Object owner, String name) throws ReflectiveOperationException {
        return field(owner, name).get(owner);
    }

    private static Field field(Object owner, String name) throws NoSuchFieldException {
        Field f = owner.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }
}
