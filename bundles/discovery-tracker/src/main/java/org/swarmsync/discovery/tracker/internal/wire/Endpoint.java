package org.swarmsync.discovery.tracker.internal.wire;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;

import org.swarmsync.codec.bencode.BBytes;

/**
 * An IPv4 address and port in the tracker's compact 6-byte form: the address in network
 * order, then the port big-endian (PROTOCOLS.md §1.3).
 *
 * @param ip the IPv4 address as a big-endian int
 * @param port the port, 0 to 65535
 */
public record Endpoint(int ip, int port) {

    /** Length of the compact form in bytes. */
    public static final int LENGTH = 6;

    /** Checks the port range. */
    public Endpoint {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /**
     * @param compact exactly six bytes
     * @return the endpoint they encode
     */
    public static Endpoint of(BBytes compact) {
        if (compact.length() != LENGTH) {
            throw new IllegalArgumentException("compact address must be 6 bytes, got " + compact.length());
        }
        int ip = (compact.byteAt(0) & 0xFF) << 24 | (compact.byteAt(1) & 0xFF) << 16
                | (compact.byteAt(2) & 0xFF) << 8 | compact.byteAt(3) & 0xFF;
        int port = (compact.byteAt(4) & 0xFF) << 8 | compact.byteAt(5) & 0xFF;
        return new Endpoint(ip, port);
    }

    /**
     * @param address a resolved socket address
     * @return its endpoint, or empty if it is not IPv4 (the wire format carries only IPv4)
     */
    public static Optional<Endpoint> of(InetSocketAddress address) {
        if (address.getAddress() instanceof Inet4Address v4) {
            return Optional.of(new Endpoint(ip(v4), address.getPort()));
        }
        return Optional.empty();
    }

    /**
     * @param address an IPv4 address
     * @param port the port
     * @return the endpoint
     */
    public static Endpoint of(Inet4Address address, int port) {
        return new Endpoint(ip(address), port);
    }

    private static int ip(Inet4Address address) {
        byte[] b = address.getAddress();
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | b[3] & 0xFF;
    }

    /** @return the six bytes of the compact form */
    public byte[] toBytes() {
        return new byte[] {(byte) (ip >>> 24), (byte) (ip >>> 16), (byte) (ip >>> 8), (byte) ip,
            (byte) (port >>> 8), (byte) port};
    }

    /** @return the address bytes, without the port */
    public byte[] ipBytes() {
        return new byte[] {(byte) (ip >>> 24), (byte) (ip >>> 16), (byte) (ip >>> 8), (byte) ip};
    }

    /** @return whether a peer could be dialled here: neither 0.0.0.0 nor port 0 */
    public boolean isDialable() {
        return ip != 0 && port != 0;
    }

    /** @return the socket address */
    public InetSocketAddress toSocketAddress() {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ipBytes()), port);
        } catch (UnknownHostException e) {
            throw new AssertionError("four bytes are always an address", e);
        }
    }

    /** @return with another port */
    public Endpoint withPort(int newPort) {
        return new Endpoint(ip, newPort);
    }

    @Override
    public String toString() {
        return (ip >>> 24) + "." + (ip >>> 16 & 0xFF) + "." + (ip >>> 8 & 0xFF) + "." + (ip & 0xFF) + ":" + port;
    }
}
