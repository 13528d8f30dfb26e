package org.swarmsync.bittorrent.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

import org.swarmsync.api.transport.Connection;

/**
 * Length-prefixed BEP 3 messages over a {@link Connection}, buffered both ways. Reading
 * enforces a maximum message length, so a hostile length never makes us allocate.
 */
final class PeerWire {

    /** A piece message carries at most one 16 KiB block, plus its 9-byte header. */
    static final int BLOCK = 16 * 1024;

    private final Connection connection;
    private final ByteBuffer in;
    private final ByteBuffer out;
    private final int maxMessage;

    private int messageId;
    private ByteBuffer payload;

    PeerWire(Connection connection, int maxMessage) {
        this.connection = connection;
        this.maxMessage = maxMessage;
        this.in = ByteBuffer.allocate(Math.max(256 * 1024, maxMessage + 4)).flip();
        this.out = ByteBuffer.allocate(256 * 1024);
    }

    Connection connection() {
        return connection;
    }

    /** Reads exactly {@code n} raw bytes (the handshake), through the buffer. */
    ByteBuffer readRaw(int n) throws IOException {
        fill(n);
        ByteBuffer raw = in.slice(in.position(), n);
        in.position(in.position() + n);
        return raw;
    }

    /**
     * Reads the next message. Afterwards {@link #id()} names it and {@link #payload()} is a
     * view of its body, valid until the next call.
     */
    void next() throws IOException {
        fill(4);
        int length = in.getInt();
        if (length < 0 || length > maxMessage) {
            throw new WireException("message length " + Integer.toUnsignedString(length) + " exceeds the limit of "
                    + maxMessage + " bytes");
        }
        if (length == 0) {
            messageId = MessageId.KEEP_ALIVE;
            payload = ByteBuffer.allocate(0);
            return;
        }
        fill(length);
        messageId = in.get() & 0xff;
        payload = in.slice(in.position(), length - 1);
        in.position(in.position() + length - 1);
    }

    /** @return whether a whole message is already buffered, so {@link #next()} will not block */
    boolean hasBufferedMessage() {
        return in.remaining() >= 4 && in.remaining() >= 4 + in.getInt(in.position());
    }

    /** Flushes unless more input is already waiting: answers to a burst go out together. */
    void flushIfIdle() throws IOException {
        if (!hasBufferedMessage()) {
            flush();
        }
    }

    int id() {
        return messageId;
    }

    ByteBuffer payload() {
        return payload;
    }

    private void fill(int n) throws IOException {
        if (in.remaining() >= n) {
            return;
        }
        in.compact();
        while (in.position() < n) {
            if (connection.read(in) < 0) {
                throw new EOFException("the peer closed the connection");
            }
        }
        in.flip();
    }

    /** Queues raw bytes. */
    void sendRaw(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            if (!out.hasRemaining()) {
                flush();
            }
            int n = Math.min(out.remaining(), bytes.remaining());
            out.put(bytes.slice(bytes.position(), n));
            bytes.position(bytes.position() + n);
        }
    }

    /** Queues a message with no payload. */
    void send(int id) throws IOException {
        header(1, id, 0);
    }

    /** Queues a message whose payload is a number of 32-bit integers. */
    void send(int id, int... fields) throws IOException {
        header(1 + 4 * fields.length, id, 4 * fields.length);
        for (int field : fields) {
            out.putInt(field);
        }
    }

    /** Queues a message with a byte payload. */
    void send(int id, ByteBuffer body) throws IOException {
        header(1 + body.remaining(), id, 0);
        sendRaw(body);
    }

    /** Queues a message with a byte payload after a 1-byte prefix (BEP 10 extended messages). */
    void sendExtended(int extendedId, byte[] body) throws IOException {
        header(2 + body.length, MessageId.EXTENDED, 1);
        out.put((byte) extendedId);
        sendRaw(ByteBuffer.wrap(body));
    }

    /** Queues a piece message: index, begin, then the block. */
    void sendPiece(int index, int begin, ByteBuffer block) throws IOException {
        header(9 + block.remaining(), MessageId.PIECE, 8);
        out.putInt(index).putInt(begin);
        sendRaw(block);
    }

    /** Queues a message header, with room for {@code fixed} more bytes written directly. */
    private void header(int length, int id, int fixed) throws IOException {
        if (out.remaining() < 5 + fixed) {
            flush();
        }
        out.putInt(length).put((byte) id);
    }

    /** Writes everything queued. */
    void flush() throws IOException {
        out.flip();
        while (out.hasRemaining()) {
            connection.write(out);
        }
        out.clear();
    }
}
