package org.swarmsync.sync.internal.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

import org.swarmsync.api.transport.Connection;

/**
 * Writes whole frames to a connection. Thread-safe: any number of threads may send (the index
 * sender, the block server, the session's own pings), and each frame goes out whole, never
 * interleaved with another. It also tells how long a write has been blocked, so a watchdog can
 * drop a peer that stopped reading.
 */
public final class FrameWriter {

    // Small parts are gathered with the length prefix into one write; big ones go as they are.
    private static final int GATHER = 16 * 1024;

    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private final ByteBuffer scratch = ByteBuffer.allocate(GATHER);
    private volatile long lastWriteNanos = System.nanoTime();
    private volatile long writeStartedNanos;
    private volatile boolean writing;

    /** @param connection the connection to write to */
    public FrameWriter(Connection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    /**
     * Encodes and sends one message, waiting while another frame is being written.
     *
     * @throws IOException if the connection fails
     */
    public void send(Message message) throws IOException {
        write(MessageCodec.encode(message));
    }

    /**
     * Sends one message unless another frame is being written right now, in which case it
     * returns at once: for keep-alives, which are pointless while other bytes flow.
     *
     * @return whether the message was sent
     * @throws IOException if the connection fails
     */
    public boolean trySend(Message message) throws IOException {
        if (!lock.tryLock()) {
            return false;
        }
        try {
            writeLocked(MessageCodec.encode(message));
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes one frame whose body is the given parts, in order; their positions are not moved.
     *
     * @throws IllegalArgumentException if the body is empty or longer than {@link Limits#MAX_FRAME}
     * @throws IOException if the connection fails
     */
    public void write(ByteBuffer... parts) throws IOException {
        lock.lock();
        try {
            writeLocked(parts);
        } finally {
            lock.unlock();
        }
    }

    private void writeLocked(ByteBuffer[] parts) throws IOException {
        long length = 0;
        for (ByteBuffer part : parts) {
            length += part.remaining();
        }
        if (length < 1 || length > Limits.MAX_FRAME) {
            throw new IllegalArgumentException("frame body of " + length + " bytes");
        }
        writeStartedNanos = System.nanoTime();
        writing = true;
        try {
            scratch.clear().putInt((int) length);
            for (ByteBuffer part : parts) {
                ByteBuffer view = part.duplicate();
                if (view.remaining() <= scratch.remaining()) {
                    scratch.put(view);
                    continue;
                }
                flush();
                if (view.remaining() <= scratch.remaining()) {
                    scratch.put(view);
                } else {
                    writeFully(view);
                }
            }
            flush();
            lastWriteNanos = System.nanoTime();
        } finally {
            writing = false;
        }
    }

    private void flush() throws IOException {
        scratch.flip();
        writeFully(scratch);
        scratch.clear();
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            connection.write(buffer);
        }
    }

    /** @return {@link System#nanoTime()} when the last frame was fully written (or this writer was made) */
    public long lastWriteNanos() {
        return lastWriteNanos;
    }

    /**
     * @param now a {@link System#nanoTime()} reading
     * @return how long the frame being written has been at it, or 0 if none is
     */
    public long blockedNanos(long now) {
        return writing ? now - writeStartedNanos : 0;
    }
}
