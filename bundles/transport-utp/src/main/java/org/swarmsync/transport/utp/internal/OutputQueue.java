package org.swarmsync.transport.utp.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayDeque;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swarmsync.transport.utp.internal.core.DatagramOutput;

/**
 * The core's output: a bounded pool of direct buffers the core fills under the stack's lock,
 * and a queue the I/O thread sends after releasing it. Direct buffers spare the JDK a copy
 * per send. DATA packets come as views of the core's (direct) send memory and are sent
 * without a copy; the I/O thread drains the queue completely before it lets the core process
 * anything that could free that memory. The core may run on an application thread (a local
 * abort sends RESET), so the short queue operations synchronize; the send itself happens
 * outside any lock, and only the I/O thread drains.
 */
final class OutputQueue implements DatagramOutput {

    private static final Logger LOG = LoggerFactory.getLogger(OutputQueue.class);

    private final int maxBuffers;
    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();
    private final ArrayDeque<ByteBuffer> queued = new ArrayDeque<>();
    private final ArrayDeque<InetSocketAddress> targets = new ArrayDeque<>();
    /** Views of the core's send memory are queued too but never pooled. */
    private final ArrayDeque<Boolean> pooled = new ArrayDeque<>();
    private int allocated;
    private long sendErrors;

    OutputQueue(int maxBuffers) {
        this.maxBuffers = maxBuffers;
    }

    @Override
    public synchronized ByteBuffer acquire() {
        ByteBuffer b = free.poll();
        if (b == null) {
            if (allocated >= maxBuffers) {
                return null;
            }
            allocated++;
            b = ByteBuffer.allocateDirect(MAX_DATAGRAM + 1);
        }
        b.clear();
        return b;
    }

    @Override
    public synchronized void send(ByteBuffer datagram, InetSocketAddress to) {
        queued.add(datagram);
        targets.add(to);
        pooled.add(Boolean.TRUE);
    }

    @Override
    public synchronized void sendView(ByteBuffer view, InetSocketAddress to) {
        queued.add(view);
        targets.add(to);
        pooled.add(Boolean.FALSE);
    }

    synchronized boolean isEmpty() {
        return queued.isEmpty();
    }

    long sendErrors() {
        return sendErrors;
    }

    /**
     * Sends what is queued.
     *
     * @return false if the socket's send buffer is full: the rest stays queued
     */
    boolean drainTo(DatagramChannel channel) {
        while (true) {
            ByteBuffer b;
            InetSocketAddress to;
            synchronized (this) {
                b = queued.peek();
                if (b == null) {
                    return true;
                }
                to = targets.peek();
            }
            try {
                if (channel.send(b, to) == 0) {
                    return false;
                }
            } catch (IOException | RuntimeException e) {
                // one bad destination (unreachable, too large) loses one datagram, like the network
                sendErrors++;
                LOG.debug("µTP datagram to {} not sent: {}", to, e.toString());
            }
            synchronized (this) {
                queued.poll();
                targets.poll();
                if (pooled.poll()) {
                    free.add(b);
                }
            }
        }
    }
}
