package org.swarmsync.sync.internal.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;

import org.swarmsync.api.transport.Connection;

/**
 * Reads frames, a big-endian u32 length N then N bytes, from a connection. The length is
 * checked against the caller's limit before anything is allocated, and then exactly N bytes
 * are. The body's array belongs to that frame alone, so decoded views of it (block data) stay
 * valid for as long as they are referenced; a large one comes from {@link FrameBuffers}, and
 * its owner may give it back there once nothing uses it any more.
 *
 * <p>A read that times out ({@link java.net.SocketTimeoutException} from a connection with a
 * read timeout) loses nothing: the next call goes on where it stopped. One thread reads.
 */
public final class FrameReader {

    private final Connection connection;
    private final ByteBuffer header = ByteBuffer.allocate(4);
    private ByteBuffer body;
    private volatile long lastProgressNanos = System.nanoTime();

    /** @param connection the connection to read from; large bodies come from the shared {@link FrameBuffers} */
    public FrameReader(Connection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    /**
     * @param maxFrame the largest body accepted now
     * @return the next frame's body (position 0, limit N, backed by an array of its own), or empty if
     *         the peer ended the stream cleanly between two frames
     * @throws ProtocolException if the announced length is 0 or above {@code maxFrame}
     * @throws EOFException if the stream ends inside a frame
     * @throws IOException if the connection fails or the read times out
     */
    public Optional<ByteBuffer> read(int maxFrame) throws IOException {
        if (body == null) {
            while (header.hasRemaining()) {
                if (connection.read(header) < 0) {
                    if (header.position() == 0) {
                        return Optional.empty();
                    }
                    throw new EOFException("connection closed inside a frame header");
                }
                lastProgressNanos = System.nanoTime();
            }
            long length = Integer.toUnsignedLong(header.getInt(0));
            if (length == 0) {
                throw new ProtocolException("frame of 0 bytes");
            }
            if (length > maxFrame) {
                throw new ProtocolException("frame of " + length + " bytes exceeds " + maxFrame);
            }
            body = FrameBuffers.shared().take((int) length);
        }
        while (body.hasRemaining()) {
            if (connection.read(body) < 0) {
                throw new EOFException("connection closed inside a frame, after " + body.position() + " of "
                        + body.capacity() + " bytes");
            }
            lastProgressNanos = System.nanoTime();
        }
        ByteBuffer frame = body.flip();
        body = null;
        header.clear();
        return Optional.of(frame);
    }

    /** @return {@link System#nanoTime()} when the last bytes arrived (or this reader was made) */
    public long lastProgressNanos() {
        return lastProgressNanos;
    }
}
