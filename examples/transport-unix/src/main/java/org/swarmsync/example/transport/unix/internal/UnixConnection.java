package org.swarmsync.example.transport.unix.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.function.Consumer;

import org.swarmsync.api.transport.Connection;

/**
 * One Unix-socket connection as a {@link Connection}. A Unix {@link SocketChannel} has no
 * socket adaptor and so no SO_TIMEOUT; to honour the contract's read timeout the channel is
 * non-blocking and each direction waits on its own selector. Closing wakes both waits.
 */
final class UnixConnection implements Connection {

    private final SocketChannel channel;
    private final Selector readable;
    private final Selector writable;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final Consumer<UnixConnection> onClose;
    private final Object readLock = new Object();
    private final Object writeLock = new Object();
    private volatile long readTimeoutNanos;
    private volatile boolean closed;

    UnixConnection(SocketChannel channel, InetSocketAddress remote, InetSocketAddress local,
            Consumer<UnixConnection> onClose) throws IOException {
        this.channel = channel;
        this.remote = remote;
        this.local = local;
        this.onClose = onClose;
        channel.configureBlocking(false);
        this.readable = Selector.open();
        this.writable = Selector.open();
        channel.register(readable, SelectionKey.OP_READ);
        channel.register(writable, SelectionKey.OP_WRITE);
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public String scheme() {
        return UnixTransport.SCHEME;
    }

    @Override
    public void setReadTimeout(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("negative read timeout " + timeout);
        }
        readTimeoutNanos = timeout.toNanos();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        ensureOpen();
        if (!dst.hasRemaining()) {
            return 0;
        }
        synchronized (readLock) {
            long timeout = readTimeoutNanos;
            long deadline = System.nanoTime() + timeout;
            while (true) {
                int n = io(() -> channel.read(dst));
                if (n != 0) {
                    return n;
                }
                long waitMillis = 0; // no limit
                if (timeout > 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new SocketTimeoutException("nothing to read within " + Duration.ofNanos(timeout));
                    }
                    waitMillis = Math.max(1, (left + 999_999) / 1_000_000);
                }
                await(readable, waitMillis);
            }
        }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        ensureOpen();
        int total = src.remaining();
        synchronized (writeLock) {
            while (src.hasRemaining()) {
                if (io(() -> channel.write(src)) == 0) {
                    await(writable, 0);
                }
            }
        }
        return total;
    }

    @Override
    public void shutdownOutput() throws IOException {
        ensureOpen();
        synchronized (writeLock) {
            channel.shutdownOutput();
        }
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing left to release.
        }
        // Closing the selectors wakes blocked readers and writers and deregisters the channel,
        // which is when the socket is really closed and the peer sees the end of the stream.
        closeQuietly(readable);
        closeQuietly(writable);
        onClose.accept(this);
    }

    private static void closeQuietly(Selector selector) {
        try {
            selector.close();
        } catch (IOException e) {
            // Nothing left to release.
        }
    }

    private void await(Selector selector, long millis) throws IOException {
        try {
            selector.select(millis);
            selector.selectedKeys().clear();
        } catch (ClosedSelectorException e) {
            // closed under us: reported just below
        }
        if (closed) {
            throw new AsynchronousCloseException();
        }
    }

    private void ensureOpen() throws ClosedChannelException {
        if (closed) {
            throw new ClosedChannelException();
        }
    }

    /** Runs one channel operation; an error caused by our own close is reported as that. */
    private int io(ChannelCall call) throws IOException {
        try {
            return call.run();
        } catch (IOException e) {
            if (closed) {
                AsynchronousCloseException ace = new AsynchronousCloseException();
                ace.initCause(e);
                throw ace;
            }
            throw e;
        }
    }

    @FunctionalInterface
    private interface ChannelCall {
        int run() throws IOException;
    }

    @Override
    public String toString() {
        return "unix " + local + " -> " + remote + (closed ? " (closed)" : "");
    }
}
