package org.swarmsync.crypto.mse.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.swarmsync.api.transport.Connection;

/**
 * Two in-memory {@link Connection}s joined back to back, with the contract's blocking,
 * half-close, read timeout and close semantics, and a bounded buffer per direction so a
 * writer blocks when its peer does not read (as flow control would).
 */
final class MemoryPipe {

    private MemoryPipe() {
    }

    /** @return a connected pair: bytes written to [0] are read from [1] and vice versa */
    static Connection[] pair(int capacity) {
        Direction ab = new Direction(capacity);
        Direction ba = new Direction(capacity);
        End a = new End(ba, ab, 1);
        End b = new End(ab, ba, 2);
        a.peer = b;
        b.peer = a;
        return new Connection[] {a, b};
    }

    /** One direction's bytes. */
    private static final class Direction {
        final ReentrantLock lock = new ReentrantLock();
        final Condition changed = lock.newCondition();
        final ByteBuffer bytes;
        boolean eof;
        boolean broken;

        Direction(int capacity) {
            bytes = ByteBuffer.allocate(capacity);
        }
    }

    private static final class End implements Connection {
        private final Direction in;
        private final Direction out;
        private final InetSocketAddress address;
        private End peer;
        private volatile boolean closed;
        private volatile long readTimeoutNanos;

        End(Direction in, Direction out, int port) {
            this.in = in;
            this.out = out;
            this.address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (closed) {
                throw new ClosedChannelException();
            }
            if (!dst.hasRemaining()) {
                return 0;
            }
            long timeout = readTimeoutNanos;
            long deadline = System.nanoTime() + timeout;
            in.lock.lock();
            try {
                while (in.bytes.position() == 0) {
                    if (closed) {
                        throw new AsynchronousCloseException();
                    }
                    if (in.eof || in.broken) {
                        return -1;
                    }
                    if (timeout == 0) {
                        in.changed.await();
                    } else {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            throw new SocketTimeoutException("memory pipe read timed out");
                        }
                        in.changed.awaitNanos(left);
                    }
                }
                in.bytes.flip();
                int n = Math.min(dst.remaining(), in.bytes.remaining());
                dst.put(in.bytes.slice().limit(n));
                in.bytes.position(in.bytes.position() + n);
                in.bytes.compact();
                in.changed.signalAll();
                return n;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } finally {
                in.lock.unlock();
            }
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            int total = src.remaining();
            out.lock.lock();
            try {
                while (src.hasRemaining()) {
                    if (closed) {
                        throw new ClosedChannelException();
                    }
                    if (out.eof) {
                        throw new IOException("output was shut down");
                    }
                    if (out.broken) {
                        throw new IOException("connection reset by peer");
                    }
                    int n = Math.min(src.remaining(), out.bytes.remaining());
                    if (n == 0) {
                        out.changed.await(10, TimeUnit.MILLISECONDS);
                        continue;
                    }
                    out.bytes.put(src.slice().limit(n));
                    src.position(src.position() + n);
                    out.changed.signalAll();
                }
                return total;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } finally {
                out.lock.unlock();
            }
        }

        @Override
        public void shutdownOutput() throws IOException {
            if (closed) {
                throw new ClosedChannelException();
            }
            signal(out, false);
        }

        @Override
        public void setReadTimeout(Duration timeout) {
            readTimeoutNanos = timeout.toNanos();
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
            // Our reader and writer wake up; the peer sees end of stream and a reset on write.
            signal(in, true);
            signal(out, false);
            out.lock.lock();
            try {
                out.broken = true;
                out.changed.signalAll();
            } finally {
                out.lock.unlock();
            }
            in.lock.lock();
            try {
                in.broken = true;
                in.changed.signalAll();
            } finally {
                in.lock.unlock();
            }
        }

        private static void signal(Direction d, boolean wakeOnly) {
            d.lock.lock();
            try {
                if (!wakeOnly) {
                    d.eof = true;
                }
                d.changed.signalAll();
            } finally {
                d.lock.unlock();
            }
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return peer.address;
        }

        @Override
        public InetSocketAddress localAddress() {
            return address;
        }

        @Override
        public String scheme() {
            return "memory";
        }

        @Override
        public String toString() {
            return "memory pipe end " + address.getPort();
        }
    }
}
