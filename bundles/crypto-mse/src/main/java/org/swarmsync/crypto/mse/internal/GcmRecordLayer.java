package org.swarmsync.crypto.mse.internal;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.swarmsync.api.transport.Connection;

/**
 * AES-128-GCM records over a connection (the format is in {@link GcmRecordCipher}). Writes
 * split the caller's buffer into records of at most {@link GcmRecordCipher#MAX_PLAINTEXT}
 * bytes, sealed straight from it into one reusable wire buffer. Reads buffer wire bytes until
 * a whole record is there, then open it straight into the caller's buffer when it has room,
 * else into a reusable plaintext buffer that later reads drain.
 *
 * <p>A record that fails authentication, announces a bad length, or is cut off by the end
 * of the stream ends the connection: the reader gets one {@code IOException} naming the cause,
 * the raw connection is closed (so the peer and our writer see it end), and every later read
 * repeats that cause. No byte of a bad record ever reaches the caller.
 */
final class GcmRecordLayer implements PayloadLayer {

    /** Room for several records per raw read, so a fast sender costs fewer calls. */
    private static final int WIRE_BUFFER = 4 * GcmRecordCipher.MAX_RECORD;

    private final GcmRecordCipher opener;
    private final GcmRecordCipher sealer;
    private final byte[] in = new byte[WIRE_BUFFER];
    private final ByteBuffer inView = ByteBuffer.wrap(in);
    private int inStart;
    private int inEnd;
    private final byte[] plain = new byte[GcmRecordCipher.MAX_PLAINTEXT];
    private int plainStart;
    private int plainEnd;
    private final byte[] out = new byte[WIRE_BUFFER];
    private volatile String failure;

    /**
     * @param opener opens the records we read
     * @param sealer seals the records we write
     * @param received wire bytes the handshake already read past its end: the first records
     */
    GcmRecordLayer(GcmRecordCipher opener, GcmRecordCipher sealer, ByteBuffer received) {
        this.opener = opener;
        this.sealer = sealer;
        if (received.remaining() > in.length) {
            throw new IllegalArgumentException("more handshake leftover than a wire buffer holds");
        }
        inEnd = received.remaining();
        received.get(in, 0, inEnd);
    }

    @Override
    public int read(Connection raw, ByteBuffer dst) throws IOException {
        while (true) {
            if (plainStart < plainEnd) {
                int n = Math.min(dst.remaining(), plainEnd - plainStart);
                dst.put(plain, plainStart, n);
                plainStart += n;
                return n;
            }
            checkFailure();
            int available = inEnd - inStart;
            if (available >= GcmRecordCipher.HEADER) {
                int body = bodyLength(raw);
                int record = GcmRecordCipher.HEADER + body;
                if (available >= record) {
                    int n = openRecord(raw, dst, body - GcmRecordCipher.TAG);
                    inStart += record;
                    if (n > 0) {
                        return n;
                    }
                    continue; // an empty record: nothing to hand out yet
                }
            }
            if (fill(raw) < 0) {
                if (inEnd == inStart) {
                    return -1;
                }
                throw fail(raw, "the stream ended inside an AES-GCM record (" + (inEnd - inStart)
                        + " bytes of it arrived)");
            }
        }
    }

    private int bodyLength(Connection raw) throws IOException {
        try {
            return GcmRecordCipher.bodyLength(in, inStart);
        } catch (IOException e) {
            throw fail(raw, e.getMessage());
        }
    }

    /** Opens the record at {@code inStart}: into {@code dst} if it fits there, else into {@code plain}. */
    private int openRecord(Connection raw, ByteBuffer dst, int length) throws IOException {
        try {
            if (dst.hasArray() && dst.remaining() >= length) {
                int n = opener.open(in, inStart, dst.array(), dst.arrayOffset() + dst.position());
                dst.position(dst.position() + n);
                return n;
            }
            plainStart = 0;
            plainEnd = opener.open(in, inStart, plain, 0);
        } catch (IOException e) {
            throw fail(raw, e.getMessage());
        }
        int n = Math.min(dst.remaining(), plainEnd);
        dst.put(plain, 0, n);
        plainStart = n;
        return n;
    }

    /** Reads more wire bytes, first moving a partial record to the front if the end is near. */
    private int fill(Connection raw) throws IOException {
        if (inStart == inEnd) {
            inStart = 0;
            inEnd = 0;
        } else if (in.length - inStart < GcmRecordCipher.MAX_RECORD || inEnd == in.length) {
            System.arraycopy(in, inStart, in, 0, inEnd - inStart);
            inEnd -= inStart;
            inStart = 0;
        }
        inView.limit(in.length).position(inEnd);
        int n = raw.read(inView);
        if (n > 0) {
            inEnd += n;
        }
        return n;
    }

    @Override
    public int write(Connection raw, ByteBuffer src) throws IOException {
        int total = src.remaining();
        while (src.hasRemaining()) {
            int used = 0;
            while (src.hasRemaining() && used + GcmRecordCipher.MAX_RECORD <= out.length) {
                int n = Math.min(GcmRecordCipher.MAX_PLAINTEXT, src.remaining());
                try {
                    used += sealer.seal(src, n, out, used);
                } catch (IOException e) {
                    throw fail(raw, e.getMessage());
                }
            }
            ByteBuffer chunk = ByteBuffer.wrap(out, 0, used);
            while (chunk.hasRemaining()) {
                raw.write(chunk);
            }
        }
        return total;
    }

    private void checkFailure() throws IOException {
        String why = failure;
        if (why != null) {
            throw new IOException(why);
        }
    }

    /** Records the first cause, closes the raw connection, and returns the exception to throw. */
    private IOException fail(Connection raw, String why) {
        if (failure == null) {
            failure = why;
        }
        try {
            raw.close();
        } catch (IOException e) {
            // The record layer failed first; that is the cause to report.
        }
        return new IOException(failure);
    }

    @Override
    public void close() {
        // The JDK's AES holds nothing outside the heap.
    }

    @Override
    public String name() {
        return "aes-128-gcm";
    }
}
