package org.swarmsync.discovery.knownhosts.internal;

import java.util.Objects;

/**
 * A configured peer: a host name or address and a port, resolved again at every report.
 *
 * @param host a name, an IPv4 address or an IPv6 address (without brackets)
 * @param port the port the peer listens on
 */
record HostPort(String host, int port) {

    /** Checks the values. */
    HostPort {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host is empty");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /**
     * @param text {@code HOST:PORT} or {@code [IPV6]:PORT}
     * @return the parsed value
     * @throws IllegalArgumentException naming what is wrong
     */
    static HostPort parse(String text) {
        String t = text.strip();
        String host;
        String port;
        if (t.startsWith("[")) {
            int close = t.indexOf("]:");
            if (close < 0) {
                throw new IllegalArgumentException("'" + text + "': expected [IPV6]:PORT");
            }
            host = t.substring(1, close);
            port = t.substring(close + 2);
        } else {
            int colon = t.lastIndexOf(':');
            if (colon < 0 || t.indexOf(':') != colon) {
                throw new IllegalArgumentException("'" + text + "': expected HOST:PORT (IPv6 in brackets)");
            }
            host = t.substring(0, colon);
            port = t.substring(colon + 1);
        }
        try {
            return new HostPort(host, Integer.parseInt(port));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "': port is not a number");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "': " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
