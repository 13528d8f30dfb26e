package org.swarmsync.transport.tcp.internal;

/**
 * Socket settings for every connection of one {@link TcpTransport}.
 *
 * @param noDelay disable Nagle's algorithm: peers exchange small request and reply messages,
 *        and a delayed ack would cost each of them up to 40 ms
 * @param bufferBytes SO_SNDBUF and SO_RCVBUF for each socket, or 0 to leave them to the
 *        operating system. Zero is the default on purpose: Linux grows buffers with the
 *        connection's bandwidth-delay product (up to several MiB) unless a size is set, and
 *        an explicit size is capped by {@code net.core.rmem_max}, often 208 KiB
 * @param backlog pending accepts the kernel queues per listener
 */
public record TcpOptions(boolean noDelay, int bufferBytes, int backlog) {

    /** Nagle off, OS-tuned buffers, a backlog of 128. */
    public static final TcpOptions DEFAULTS = new TcpOptions(true, 0, 128);

    /** Checks ranges. */
    public TcpOptions {
        if (bufferBytes < 0) {
            throw new IllegalArgumentException("bufferBytes must be >= 0, got " + bufferBytes);
        }
        if (backlog < 1) {
            throw new IllegalArgumentException("backlog must be >= 1, got " + backlog);
        }
    }
}
