package org.swarmsync.discovery.tracker.internal.client;

import java.util.Objects;

/**
 * A configured tracker: a host name or address and a UDP port, resolved again at every round
 * so that a tracker may move.
 *
 * @param host a name or an IPv4 address
 * @param port the UDP port
 */
public record TrackerAddress(String host, int port) {

    /** The port trackers use when none is given. */
    public static final int DEFAULT_PORT = 3000;

    /** Checks the values. */
    public TrackerAddress {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("tracker host is empty");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("tracker port out of range: " + port);
        }
    }

    /**
     * @param text {@code HOST}, {@code HOST:PORT} or {@code [IPV6]:PORT}
     * @return the address
     * @throws IllegalArgumentException naming what is wrong
     */
    public static TrackerAddress parse(String text) {
        String t = text.strip();
        String host = t;
        int port = DEFAULT_PORT;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("tracker '" + text + "': missing ']'");
            }
            host = t.substring(1, close);
            String rest = t.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("tracker '" + text + "': expected ':PORT' after ']'");
                }
                port = port(text, rest.substring(1));
            }
        } else {
            int colon = t.lastIndexOf(':');
            if (colon >= 0) {
                if (t.indexOf(':') != colon) {
                    throw new IllegalArgumentException("tracker '" + text + "': put an IPv6 address in brackets");
                }
                host = t.substring(0, colon);
                port = port(text, t.substring(colon + 1));
            }
        }
        return new TrackerAddress(host, port);
    }

    private static int port(String text, String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("tracker '" + text + "': port is not a number");
        }
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
