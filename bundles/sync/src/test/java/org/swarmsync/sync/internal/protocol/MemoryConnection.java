package org.swarmsync.sync.internal.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

import org.swarmsync.api.transport.Connection;

/**
 * A connection in memory for frame tests: reads come from scripted chunks (bytes, or a read
 * timeout), then end of stream; writes go byte by byte, yielding between bytes, into one sink,
 * so that unsynchronised writers would interleave.
 */
final class MemoryConnection implements Connection {

    private static final byte[] TIMEOUT = new byte[0];

    private final Deque<byte[]> input = new ArrayDeque<>();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private volatile boolean open = true;
    int readCalls;

    /** Adds bytes the next reads return, at most {@code chunk} per read. */
    MemoryConnection feed(byte[] bytes, int chunk) {
        for (int i = 0; i < bytes.length; i += chunk) {
            input.add(java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + chunk)));
        }
        return this;
    }

    /** The next read times out. */
    MemoryConnection timeout() {
        input.add(TIMEOUT);
        return this;
    }

    byte[] written() {
        synchronized (output) {
            return output.toByteArray();
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        readCalls++;
        if (!open) {
            throw new ClosedChannelException();
        }
        byte[] next = input.poll();
        if (next == null) {
            return -1;
        }
        if (next == TIMEOUT) {
            throw new SocketTimeoutException("scripted timeout");
        }
        int n = Math.min(dst.remaining(), next.length);
        dst.put(next, 0, n);
        if (n < next.length) {
            input.addFirst(java.util.Arrays.copyOfRange(next, n, next.length));
        }
        return n;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int n = src.remaining();
        while (src.hasRemaining()) {
            synchronized (output) {
                output.write(src.get());
            }
            Thread.yield();
        }
        return n;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return new InetSocketAddress("127.0.0.1", 1);
    }

    @Override
    public InetSocketAddress localAddress() {
        return new InetSocketAddress("127.0.0.1", 2);
    }

    @Override
    public String scheme() {
        return "memory";
    }

    @Override
    public void shutdownOutput() {
    }

    @Override
    public void setReadTimeout(Duration timeout) {
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }
}
