package org.swarmsync.transport.utp.internal;

import java.net.InetSocketAddress;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swarmsync.transport.utp.internal.core.UtpConfig;

/**
 * Settings of one UDP port running µTP.
 *
 * @param core the engine's settings
 * @param socketBufferBytes SO_RCVBUF and SO_SNDBUF to request; the kernel may grant less
 *        (Linux caps them at net.core.rmem_max / wmem_max)
 * @param largeDatagrams whether to offer large datagrams (extension 0x53) to loopback peers
 */
public record StackOptions(UtpConfig core, int socketBufferBytes, boolean largeDatagrams) {

    private static final Logger LOG = LoggerFactory.getLogger(StackOptions.class);
    /** Smallest receive window the socket-size cap may leave (UtpConfig's own bound is 4 KiB). */
    static final int MIN_WINDOW = 64 * 1024;

    /** @return the defaults: 8 MiB socket buffers, large datagrams on loopback */
    public static StackOptions defaults() {
        return new StackOptions(UtpConfig.defaults(), 8 << 20, true);
    }

    /**
     * The engine's settings with the advertised window kept within what the kernel's receive
     * queue can hold. Linux grants at most net.core.rmem_max and reports twice the grant, its
     * budget for the datagrams' whole memory footprint; a window beyond the queue turns a
     * moment of slow reading into drops, and each drop halves the congestion window.
     *
     * @param granted SO_RCVBUF as the kernel reports it after our request
     * @param where the port, for the log line
     */
    UtpConfig coreWithin(int granted, InetSocketAddress where) {
        // a datagram's footprint exceeds its payload (kernel bookkeeping, relatively more for
        // small datagrams), so only part of the budget can be payload
        long limit = granted * 5L / 8;
        if (granted <= 0 || core.recvBufferBytes() <= limit) {
            return core;
        }
        int window = (int) Math.max(MIN_WINDOW, limit);
        LOG.info("µTP port {}: the kernel granted a receive buffer of {} bytes (asked {}); the receive window"
                + " per connection is {} bytes instead of {} (raise net.core.rmem_max for more)",
                where, granted, socketBufferBytes, window, core.recvBufferBytes());
        return core.toBuilder().recvBufferBytes(window).build();
    }
}
