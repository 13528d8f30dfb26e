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
     * queue can hold; a window beyond the queue turns a moment of slow reading into drops, and
     * each drop halves the congestion window.
     *
     * @param budget bytes the kernel lets the port's queued datagrams occupy, their whole memory
     *        footprint counted (see {@link #receiveBudget})
     * @param where the port, for the log line
     */
    UtpConfig coreWithin(long budget, InetSocketAddress where) {
        // a datagram's footprint exceeds its payload (kernel bookkeeping, relatively more for
        // small datagrams), so only part of the budget can be payload
        long limit = budget * 5 / 8;
        if (budget <= 0 || core.recvBufferBytes() <= limit) {
            return core;
        }
        int window = (int) Math.max(MIN_WINDOW, Math.min(Integer.MAX_VALUE, limit));
        LOG.info("µTP port {}: the kernel's receive queue holds {} bytes (asked for {}); the receive window"
                + " per connection is {} bytes instead of {} (raise net.core.rmem_max for more)",
                where, budget, socketBufferBytes, window, core.recvBufferBytes());
        return core.toBuilder().recvBufferBytes(window).build();
    }

    /**
     * @param reported SO_RCVBUF as Java reports it after our request
     * @param linux whether the kernel is Linux, which grants at most net.core.rmem_max and then
     *        doubles the grant for bookkeeping; Java reports the grant, not the doubled value
     * @return bytes the kernel lets queued datagrams occupy
     */
    static long receiveBudget(int reported, boolean linux) {
        return linux ? 2L * reported : reported;
    }
}
