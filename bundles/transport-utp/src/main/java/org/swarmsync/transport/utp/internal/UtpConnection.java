package org.swarmsync.transport.utp.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.swarmsync.api.transport.Connection;
import org.swarmsync.transport.utp.internal.core.CloseCause;
import org.swarmsync.transport.utp.internal.core.SocketListener;
import org.swarmsync.transport.utp.internal.core.UtpSocket;

/**
 * A blocking {@link Connection} over one {@link UtpSocket}. Readers and writers wait on
 * conditions of the stack's lock, which the I/O thread signals from the socket's events; they
 * copy bytes under that lock and wake the I/O thread to send.
 */
final class UtpConnection implements Connection, SocketListener {

    private final UtpStack stack;
    private final ReentrantLock lock;
    private final Condition readable;
    private final Condition writable;
    private final Condition connected;
    private final InetSocketAddress remote;
    private UtpSocket socket;
    private CloseCause cause;
    private boolean closedLocally;
    private volatile long readTimeoutNanos;

    UtpConnection(UtpStack stack, InetSocketAddress remote) {
        this.stack = stack;
        this.lock = stack.lock;
        this.readable = lock.newCondition();
        this.writable = lock.newCondition();
        this.connected = lock.newCondition();
        this.remote = remote;
    }

    /** Binds the socket; called under the lock before any of its events can fire. */
    void attach(UtpSocket s) {
        this.socket = s;
    }

    void awaitConnected(Duration timeout) throws IOException {
        long nanos = timeout == null || timeout.isZero() || timeout.isNegative() ? Long.MAX_VALUE : timeout.toNanos();
        lock.lock();
        try {
            while (socket.state() == UtpSocket.State.SYN_SENT) {
                if (nanos <= 0) {
                    socket.close(UtpStack.Clock.micros());
                    throw new SocketTimeoutException("no µTP answer from " + remote + " within " + timeout);
                }
                nanos = nanos == Long.MAX_VALUE ? awaitForever(connected) : connected.awaitNanos(nanos);
            }
            if (socket.state() == UtpSocket.State.CLOSED && cause != CloseCause.NORMAL) {
                throw failure("connect to " + remote);
            }
        } catch (InterruptedException e) {
            socket.close(UtpStack.Clock.micros());
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to " + remote, e);
        } finally {
            lock.unlock();
        }
    }

    private static long awaitForever(Condition c) throws InterruptedException {
        c.await();
        return Long.MAX_VALUE;
    }

    private IOException failure(String what) {
        switch (cause) {
            case REFUSED:
                return new ConnectException(what + ": refused (RESET)");
            case TIMED_OUT:
                return new SocketTimeoutException(what + ": peer stopped answering");
            case RESET:
                return new IOException(what + ": connection reset by peer");
            case SHUTDOWN:
                return new IOException(what + ": µTP transport stopped");
            default:
                return new IOException(what + ": connection " + cause.name().toLowerCase());
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!dst.hasRemaining()) {
            return 0;
        }
        boolean kick = false;
        lock.lock();
        try {
            long timeout = readTimeoutNanos;
            long nanos = timeout > 0 ? timeout : Long.MAX_VALUE;
            while (true) {
                if (closedLocally) {
                    throw new ClosedChannelException();
                }
                if (cause != null && cause != CloseCause.NORMAL) {
                    throw failure("read from " + remote);
                }
                int n = socket.read(dst);
                if (n != 0) {
                    // reading may have opened the window enough to tell the peer
                    kick = n > 0 && stack.hasPendingOutput();
                    return n;
                }
                if (cause == CloseCause.NORMAL) {
                    return -1;
                }
                if (nanos <= 0) {
                    throw new SocketTimeoutException("read from " + remote + " timed out");
                }
                nanos = nanos == Long.MAX_VALUE ? awaitForever(readable) : readable.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading from " + remote);
        } finally {
            lock.unlock();
            if (kick) {
                stack.kick();
            }
        }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int total = src.remaining();
        lock.lock();
        try {
            while (src.hasRemaining()) {
                if (closedLocally) {
                    throw new ClosedChannelException();
                }
                if (cause != null) {
                    throw cause == CloseCause.NORMAL ? new IOException("write to " + remote + ": connection finished")
                            : failure("write to " + remote);
                }
                int n = socket.write(src);
                if (n < 0) {
                    throw new IOException("write to " + remote + ": output was shut down");
                }
                if (n > 0) {
                    stack.kick();
                }
                if (src.hasRemaining()) {
                    writable.await();
                }
            }
            return total;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while writing to " + remote);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void shutdownOutput() throws IOException {
        lock.lock();
        try {
            if (closedLocally) {
                throw new ClosedChannelException();
            }
            if (cause != null && cause != CloseCause.NORMAL) {
                throw failure("shutdown to " + remote);
            }
            socket.shutdownOutput();
        } finally {
            lock.unlock();
        }
        stack.kick();
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closedLocally) {
                return;
            }
            closedLocally = true;
            // graceful: what was written still goes out, then a FIN
            socket.close(UtpStack.Clock.micros());
            readable.signalAll();
            writable.signalAll();
            connected.signalAll();
        } finally {
            lock.unlock();
        }
        stack.kick();
    }

    @Override
    public boolean isOpen() {
        lock.lock();
        try {
            return !closedLocally && (cause == null || cause == CloseCause.NORMAL);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public InetSocketAddress localAddress() {
        return stack.localAddress();
    }

    @Override
    public String scheme() {
        return UtpTransport.SCHEME_UTP;
    }

    @Override
    public void setReadTimeout(Duration timeout) {
        readTimeoutNanos = timeout == null || timeout.isNegative() ? 0 : timeout.toNanos();
    }

    // ------------------------------------------------------------------ events, under the lock

    @Override
    public void onConnected(UtpSocket s) {
        connected.signalAll();
    }

    @Override
    public void onReadable(UtpSocket s) {
        readable.signalAll();
    }

    @Override
    public void onWritable(UtpSocket s) {
        writable.signalAll();
    }

    @Override
    public void onClosed(UtpSocket s, CloseCause why) {
        cause = why;
        readable.signalAll();
        writable.signalAll();
        connected.signalAll();
    }

    @Override
    public String toString() {
        return "utp:" + remote;
    }
}
