package org.swarmsync.transport.tcp.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.function.Consumer;

import org.swarmsync.api.transport.Connection;

/**
 * One TCP connection as a {@link Connection}. It uses a blocking {@link Socket} rather than
 * a {@code SocketChannel} because the socket honours SO_TIMEOUT on reads, which is exactly
 * the read timeout the contract asks for, and its close wakes blocked readers and writers.
 */
final class TcpConnection implements Connection {

    /** Copy size for direct buffers, which have no array to hand to the socket streams. */
    private static final int CHUNK = 64 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final Consumer<TcpConnection> onClose;
    private final Object writeLock = new Object();
    private volatile boolean closed;

    TcpConnection(Socket socket, Consumer<TcpConnection> onClose) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.remote = (InetSocketAddress) socket.getRemoteSocketAddress();
        this.local = (InetSocketAddress) socket.getLocalSocketAddress();
        this.onClose = onClose;
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
        return TcpTransport.SCHEME;
    }

    @Override
    public void setReadTimeout(Duration timeout) {
        try {
            socket.setSoTimeout(toMillis(timeout));
        } catch (SocketException e) {
            // Only thrown once the socket is closed; the next read reports that.
        }
    }

    /** SO_TIMEOUT is whole milliseconds and 0 means none, so round tiny timeouts up to 1 ms. */
    static int toMillis(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("negative read timeout " + timeout);
        }
        if (timeout.isZero()) {
            return 0;
        }
        long millis = timeout.toMillis();
        if (millis == 0) {
            return 1;
        }
        return (int) Math.min(millis, Integer.MAX_VALUE);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        ensureOpen();
        if (!dst.hasRemaining()) {
            return 0;
        }
        try {
            int n;
            if (dst.hasArray()) {
                n = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
                if (n > 0) {
                    dst.position(dst.position() + n);
                }
            } else {
                byte[] tmp = new byte[Math.min(dst.remaining(), CHUNK)];
                n = in.read(tmp);
                if (n > 0) {
                    dst.put(tmp, 0, n);
                }
            }
            return n;
        } catch (IOException e) {
            throw closedOr(e);
        }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        ensureOpen();
        int total = src.remaining();
        synchronized (writeLock) {
            try {
                if (src.hasArray()) {
                    out.write(src.array(), src.arrayOffset() + src.position(), total);
                    src.position(src.limit());
                } else {
                    byte[] tmp = new byte[Math.min(total, CHUNK)];
                    while (src.hasRemaining()) {
                        int n = Math.min(tmp.length, src.remaining());
                        src.get(tmp, 0, n);
                        out.write(tmp, 0, n);
                    }
                }
            } catch (IOException e) {
                throw closedOr(e);
            }
        }
        return total;
    }

    @Override
    public void shutdownOutput() throws IOException {
        ensureOpen();
        synchronized (writeLock) {
            socket.shutdownOutput();
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
            socket.close();
        } catch (IOException e) {
            // Nothing left to release.
        }
        onClose.accept(this);
    }

    private void ensureOpen() throws ClosedChannelException {
        if (closed) {
            throw new ClosedChannelException();
        }
    }

    /** A socket error caused by our own close is reported as the channel exception for it. */
    private IOException closedOr(IOException e) {
        if (closed) {
            AsynchronousCloseException ace = new AsynchronousCloseException();
            ace.initCause(e);
            return ace;
        }
        return e;
    }

    @Override
    public String toString() {
        return "tcp " + local + " -> " + remote + (closed ? " (closed)" : "");
    }
}
