package org.swarmsync.transport.utp.internal.core;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * Where the core writes datagrams. The core asks for a buffer, fills it and hands it back, so
 * a driver can give out direct buffers and send them after releasing its lock.
 */
public interface DatagramOutput {

    /** Largest datagram the core may write into a buffer from {@link #acquire()}. */
    int MAX_DATAGRAM = 65535;

    /**
     * @return an empty buffer (position 0, limit = capacity &ge; {@link #MAX_DATAGRAM}), or
     *         null when the output is full; the core then stops sending until asked to flush
     */
    ByteBuffer acquire();

    /** Takes a buffer from {@link #acquire()}, flipped, to be sent to {@code to}. */
    void send(ByteBuffer datagram, InetSocketAddress to);

    /**
     * Sends a view of memory the core keeps (a DATA packet in its send buffer), from position
     * to limit. The output must send or copy it before the core next runs on this endpoint's
     * incoming data or timers: only then may those bytes be freed and reused.
     */
    void sendView(ByteBuffer view, InetSocketAddress to);
}
