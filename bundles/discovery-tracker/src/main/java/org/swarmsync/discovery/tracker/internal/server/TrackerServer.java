package org.swarmsync.discovery.tracker.internal.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swarmsync.discovery.tracker.internal.wire.TrackerWire;

/**
 * A UDP tracker server: one socket, one thread feeding {@link TrackerServerCore}. Used by the
 * DS component and by the {@code tracker} launcher command alike.
 */
public final class TrackerServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrackerServer.class);
    private static final long JOIN_MILLIS = 2_000;

    private final DatagramChannel channel;
    private final TrackerServerCore core;
    private final InetSocketAddress local;
    private final Thread thread;
    private final AtomicBoolean closed = new AtomicBoolean();

    private TrackerServer(DatagramChannel channel, TrackerServerCore core) throws IOException {
        this.channel = channel;
        this.core = core;
        this.local = (InetSocketAddress) channel.getLocalAddress();
        this.thread = new Thread(this::loop, "swarmsync-tracker-server-" + local.getPort());
        thread.setDaemon(true);
    }

    /**
     * Binds and starts serving.
     *
     * @param bind the IPv4 address and port to listen on (port 0 picks a free one)
     * @param limits bounds and rates
     * @return the running server
     * @throws IOException if the socket cannot be bound
     */
    public static TrackerServer start(InetSocketAddress bind, ServerLimits limits) throws IOException {
        DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            channel.bind(bind);
            TrackerServer server = new TrackerServer(channel, new TrackerServerCore(limits, new SecureRandom()));
            server.thread.start();
            return server;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** @return the address the socket is bound to */
    public InetSocketAddress localAddress() {
        return local;
    }

    /** @return the counters and table sizes now */
    public ServerMetrics metrics() {
        return core.metrics();
    }

    /** @return whether the server has been closed */
    public boolean isClosed() {
        return closed.get();
    }

    private void loop() {
        // One byte more than a request may be: a longer datagram arrives truncated to this and is dropped as oversized.
        ByteBuffer buf = ByteBuffer.allocate(TrackerWire.MAX_REQUEST_BYTES + 1);
        while (channel.isOpen()) {
            SocketAddress source;
            try {
                buf.clear();
                source = channel.receive(buf);
            } catch (ClosedChannelException e) {
                break;
            } catch (IOException e) {
                LOG.debug("tracker receive failed: {}", e.toString());
                continue;
            }
            if (source instanceof InetSocketAddress from) {
                serve(buf, from);
            }
        }
    }

    private void serve(ByteBuffer buf, InetSocketAddress from) {
        try {
            Optional<byte[]> reply = core.handle(buf.array(), buf.position(), from, System.currentTimeMillis());
            if (reply.isPresent()) {
                channel.send(ByteBuffer.wrap(reply.get()), from);
            }
        } catch (ClosedChannelException e) {
            // closing: the loop ends at its next turn
        } catch (IOException | RuntimeException e) {
            // One bad exchange must not stop the server.
            LOG.debug("tracker reply to {} failed: {}", from, e.toString());
        }
    }

    /** Closes the socket and waits briefly for the thread to end. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing tracker socket: {}", e.toString());
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
