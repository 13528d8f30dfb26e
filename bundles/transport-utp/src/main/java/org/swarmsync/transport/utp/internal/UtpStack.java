package org.swarmsync.transport.utp.internal;

import java.io.Closeable;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swarmsync.api.transport.Connection;
import org.swarmsync.transport.utp.internal.core.DropReason;
import org.swarmsync.transport.utp.internal.core.UtpConfig;
import org.swarmsync.transport.utp.internal.core.UtpEndpoint;

/**
 * One UDP port running µTP: a non-blocking {@link DatagramChannel} serving every connection on
 * it (dialled and accepted), one I/O thread driving the sans-I/O {@link UtpEndpoint}, and the
 * lock that serializes the endpoint between that thread and application threads.
 *
 * <p>The I/O thread receives a batch of datagrams without the lock, feeds them to the endpoint
 * under it, runs due timers and flushes (deferred ACKs, data), then sends the queued datagrams
 * after releasing it. Application threads only copy bytes in and out under the lock and wake
 * the I/O thread. Nothing a peer sends can end the receive loop.
 */
public final class UtpStack implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(UtpStack.class);
    private static final int RX_BATCH = 32;
    private static final int MAX_OUTPUT_BUFFERS = 64;
    private static final long MAX_SLEEP_MILLIS = 500;
    private static final int RX_BUFFER = 65_536;
    private static final int MAX_SPARE_RX = 128;
    /**
     * A receive batch ends once this many bytes arrived, so that the deferred ACK goes out
     * after every ~256 KiB: with 64 KiB loopback datagrams a full batch of 32 would be 2 MiB,
     * half the window, and the sender would wait on a stale window.
     */
    private static final int RX_BATCH_BYTES = 256 * 1024;

    final ReentrantLock lock = new ReentrantLock();
    private final DatagramChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    private final UtpEndpoint endpoint;
    private final OutputQueue output = new OutputQueue(MAX_OUTPUT_BUFFERS);
    private final InetSocketAddress localAddress;
    private final boolean closeWhenIdle;
    private final Runnable onStop;
    private final Thread thread;
    private final ByteBuffer[] rx = new ByteBuffer[RX_BATCH];
    private final InetSocketAddress[] rxFrom = new InetSocketAddress[RX_BATCH];
    private final boolean[] rxForeign = new boolean[RX_BATCH];
    /** The receive buffer the endpoint is working on, which it may keep. */
    private int rxCurrent = -1;
    private boolean rxKept;
    /** Whether the last receive batch stopped at its bound, so more may be waiting. */
    private boolean rxBatchFull;
    /** Receive buffers handed back by connections, ready for reuse. */
    private final java.util.ArrayDeque<ByteBuffer> rxSpare = new java.util.ArrayDeque<>();
    private final List<UtpConnection> accepted = new ArrayList<>();
    private Consumer<Connection> acceptCallback;
    private boolean stoppedAccepting;
    private boolean closed;
    private volatile boolean running = true;
    private volatile boolean kicked;
    private volatile boolean sleeping;
    private volatile ForeignDatagramHandler foreign;

    private UtpStack(DatagramChannel channel, StackOptions options, boolean closeWhenIdle,
            Runnable onStop) throws IOException {
        this.channel = channel;
        this.closeWhenIdle = closeWhenIdle;
        this.onStop = onStop;
        this.localAddress = (InetSocketAddress) channel.getLocalAddress();
        this.selector = Selector.open();
        this.key = channel.register(selector, SelectionKey.OP_READ);
        int loopbackMtu = options.largeDatagrams() ? loopbackMtu() : 0;
        boolean linux = System.getProperty("os.name", "").startsWith("Linux");
        UtpConfig core = options.coreWithin(
                StackOptions.receiveBudget(channel.getOption(StandardSocketOptions.SO_RCVBUF), linux), localAddress);
        this.endpoint = new UtpEndpoint(core, output, new SplittableRandom(seed()),
                remote -> largeDatagramLimit(remote, loopbackMtu), ByteBuffer::allocateDirect);
        endpoint.setDatagramKeeper(new Keeper());
        for (int i = 0; i < RX_BATCH; i++) {
            rx[i] = ByteBuffer.allocateDirect(RX_BUFFER);
        }
        this.thread = new Thread(this::run, "utp-io-" + localAddress.getPort());
        thread.setDaemon(true);
    }

    /**
     * Binds a UDP port and starts its I/O thread.
     *
     * @param closeWhenIdle close by itself once accepting was stopped and no connection is left
     * @param onStop run once the stack has stopped, on whichever thread stopped it
     */
    public static UtpStack open(InetSocketAddress bind, StackOptions options, boolean closeWhenIdle,
            Runnable onStop) throws IOException {
        InetAddress a = bind.getAddress();
        DatagramChannel ch = a instanceof Inet4Address && !a.isAnyLocalAddress()
                ? DatagramChannel.open(StandardProtocolFamily.INET)
                : a instanceof Inet6Address && !a.isAnyLocalAddress()
                        ? DatagramChannel.open(StandardProtocolFamily.INET6)
                        : DatagramChannel.open();
        try {
            ch.configureBlocking(false);
            // large buffers: a loopback burst must not overflow the kernel queue
            ch.setOption(StandardSocketOptions.SO_RCVBUF, options.socketBufferBytes());
            ch.setOption(StandardSocketOptions.SO_SNDBUF, options.socketBufferBytes());
            ch.bind(bind);
            UtpStack s = new UtpStack(ch, options, closeWhenIdle, onStop);
            s.thread.start();
            return s;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static long seed() {
        return new java.security.SecureRandom().nextLong();
    }

    private static int loopbackMtu() {
        try {
            NetworkInterface lo = NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress());
            return lo == null ? 0 : lo.getMTU();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Large datagrams only towards loopback, sized to its MTU less the IP and UDP headers. */
    private static int largeDatagramLimit(InetSocketAddress remote, int loopbackMtu) {
        InetAddress a = remote.getAddress();
        if (loopbackMtu <= 0 || a == null || !a.isLoopbackAddress()) {
            return 0;
        }
        return Math.min(65_507, loopbackMtu - (a instanceof Inet6Address ? 48 : 28));
    }

    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** Installs (or, with null, removes) the handler of non-µTP datagrams on this port. */
    public void setForeignHandler(ForeignDatagramHandler handler) {
        this.foreign = handler;
    }

    /** Sends a non-µTP datagram from this port, best effort (dropped if the socket is full). */
    public void sendForeign(ByteBuffer datagram, InetSocketAddress to) throws IOException {
        channel.send(datagram, to);
    }

    /** Starts (non-null) or stops (null) handing accepted connections to {@code callback}. */
    public void setAcceptCallback(Consumer<Connection> callback) {
        lock.lock();
        try {
            acceptCallback = callback;
            stoppedAccepting = callback == null;
            endpoint.setAcceptHandler(callback == null || closed ? null : socket -> {
                UtpConnection c = new UtpConnection(this, socket.remote());
                c.attach(socket);
                accepted.add(c);
                return c;
            });
        } finally {
            lock.unlock();
        }
        kick();
    }

    /** @return counts of dropped datagrams by reason */
    public Map<DropReason, Long> dropCounts() {
        lock.lock();
        try {
            return endpoint.drops().snapshot();
        } finally {
            lock.unlock();
        }
    }

    /** @return open connections on this port */
    public int connectionCount() {
        lock.lock();
        try {
            return endpoint.connectionCount();
        } finally {
            lock.unlock();
        }
    }

    public boolean isOpen() {
        return running;
    }

    /**
     * Dials a peer from this port and waits until it answers.
     *
     * @param timeout how long to wait; zero or negative waits as long as the SYN retries last
     */
    public Connection connect(InetSocketAddress remote, Duration timeout) throws IOException {
        if (remote.isUnresolved()) {
            throw new IOException("unresolved address " + remote);
        }
        UtpConnection c = new UtpConnection(this, remote);
        lock.lock();
        try {
            if (closed) {
                throw new IOException("µTP port " + localAddress + " is closed");
            }
            c.attach(endpoint.connect(remote, c, Clock.micros()));
        } catch (IllegalStateException e) {
            throw new IOException(e.getMessage(), e);
        } finally {
            lock.unlock();
        }
        kick();
        c.awaitConnected(timeout);
        return c;
    }

    /** @return whether a connection has something to send; call under the lock */
    boolean hasPendingOutput() {
        return endpoint.hasPendingOutput();
    }

    /** Wakes the I/O thread: a connection has something to send. */
    void kick() {
        kicked = true;
        if (sleeping) {
            selector.wakeup();
        }
    }

    /** Closes every connection (FIN if idle, else RESET), wakes their callers, stops the thread. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            endpoint.closeAll(Clock.micros());
            running = false;
        } finally {
            lock.unlock();
        }
        selector.wakeup();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        try {
            loop();
        } catch (Throwable t) {
            LOG.error("µTP I/O thread on {} failed", localAddress, t);
        } finally {
            lock.lock();
            try {
                if (!closed) {
                    closed = true;
                    endpoint.closeAll(Clock.micros());
                }
            } finally {
                lock.unlock();
            }
            // the FINs and RESETs of closeAll
            output.drainTo(channel);
            try {
                selector.close();
                channel.close();
            } catch (IOException e) {
                LOG.debug("closing µTP port {}: {}", localAddress, e.toString());
            }
            running = false;
            if (onStop != null) {
                onStop.run();
            }
        }
    }

    private void loop() throws IOException {
        while (running) {
            // queued DATA views point into send memory that processing acks may free: the
            // queue must be empty before the endpoint runs again
            if (!output.isEmpty() && !output.drainTo(channel)) {
                key.interestOps(SelectionKey.OP_WRITE);
                selector.select(MAX_SLEEP_MILLIS);
                selector.selectedKeys().clear();
                continue;
            }
            int n = receiveBatch();
            boolean batchFull = rxBatchFull;
            List<UtpConnection> newcomers = null;
            long deadline;
            long now;
            boolean pending;
            boolean idle;
            lock.lock();
            try {
                if (closed) {
                    break;
                }
                now = Clock.micros();
                kicked = false;
                for (int i = 0; i < n; i++) {
                    rxCurrent = i;
                    rxKept = false;
                    rxForeign[i] = !endpoint.onDatagram(rx[i], rxFrom[i], now);
                    if (rxKept) {
                        // a connection holds on to this buffer until its application read it
                        // last in, first out: the most recently read buffer is still in cache
                        ByteBuffer fresh = rxSpare.pollLast();
                        rx[i] = fresh != null ? fresh : ByteBuffer.allocateDirect(RX_BUFFER);
                    }
                }
                rxCurrent = -1;
                if (now >= endpoint.nextDeadline()) {
                    endpoint.onTimer(now);
                }
                // the socket is drained (or a batch is full): now send deferred ACKs and data
                endpoint.flush(now);
                if (!accepted.isEmpty()) {
                    newcomers = new ArrayList<>(accepted);
                    accepted.clear();
                }
                deadline = endpoint.nextDeadline();
                pending = endpoint.hasPendingOutput();
                idle = closeWhenIdle && stoppedAccepting && endpoint.connectionCount() == 0;
            } finally {
                lock.unlock();
            }
            boolean sentAll = output.drainTo(channel);
            dispatchForeign(n);
            if (newcomers != null) {
                announce(newcomers);
            }
            if (idle) {
                lock.lock();
                try {
                    closed = true;
                } finally {
                    lock.unlock();
                }
                break;
            }
            if (batchFull || (pending && sentAll)) {
                continue;
            }
            if (!sentAll) {
                continue;
            }
            key.interestOps(SelectionKey.OP_READ);
            long waitMicros = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - now;
            sleeping = true;
            if (!kicked && waitMicros > 0) {
                selector.select(Math.max(1, Math.min(MAX_SLEEP_MILLIS, (waitMicros + 999) / 1000)));
            }
            sleeping = false;
            selector.selectedKeys().clear();
        }
    }

    private int receiveBatch() {
        int n = 0;
        int bytes = 0;
        while (n < RX_BATCH && bytes < RX_BATCH_BYTES) {
            ByteBuffer b = rx[n];
            b.clear();
            SocketAddress from;
            try {
                from = channel.receive(b);
            } catch (IOException e) {
                // e.g. an ICMP error surfacing on the socket: not fatal for the port
                LOG.debug("µTP receive on {}: {}", localAddress, e.toString());
                break;
            }
            if (from == null) {
                break;
            }
            b.flip();
            bytes += b.remaining();
            rxFrom[n] = (InetSocketAddress) from;
            n++;
        }
        rxBatchFull = n == RX_BATCH || bytes >= RX_BATCH_BYTES;
        return n;
    }

    private void dispatchForeign(int n) {
        ForeignDatagramHandler h = foreign;
        for (int i = 0; i < n; i++) {
            if (rxForeign[i] && h != null) {
                try {
                    h.onDatagram(rx[i], rxFrom[i]);
                } catch (RuntimeException e) {
                    LOG.warn("handler of non-µTP datagrams on {} failed", localAddress, e);
                }
            }
        }
    }

    private void announce(List<UtpConnection> newcomers) {
        Consumer<Connection> cb;
        lock.lock();
        try {
            cb = acceptCallback;
        } finally {
            lock.unlock();
        }
        for (UtpConnection c : newcomers) {
            if (cb == null) {
                c.close();
                continue;
            }
            try {
                cb.accept(c);
            } catch (RuntimeException e) {
                LOG.warn("µTP accept callback on {} failed", localAddress, e);
                c.close();
            }
        }
    }

    /**
     * Lets connections keep the receive buffer of a large in-order payload (so the reader copies
     * it once); called under the lock, by the I/O thread (keep) or by readers (release).
     */
    private final class Keeper implements org.swarmsync.transport.utp.internal.core.DatagramKeeper {
        @Override
        public boolean keep(ByteBuffer datagram) {
            if (rxCurrent < 0 || rx[rxCurrent] != datagram || rxKept) {
                return false;
            }
            rxKept = true;
            return true;
        }

        @Override
        public void release(ByteBuffer datagram) {
            if (rxSpare.size() < MAX_SPARE_RX && datagram.isDirect() && datagram.capacity() == RX_BUFFER) {
                rxSpare.add(datagram);
            }
        }
    }

    /** The driver's clock: monotonic microseconds. */
    static final class Clock {
        private Clock() {
        }

        static long micros() {
            return System.nanoTime() / 1000;
        }
    }
}
