package org.swarmsync.crypto.mse.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;

import org.swarmsync.api.transport.Connection;

/**
 * RC4 as MSE uses it: the handshake's key streams go on over the payload, byte for byte, in
 * place on reads and on a copy for writes. A {@code null} cipher passes that direction
 * through (plaintext selected).
 */
final class StreamLayer implements PayloadLayer {

    /** Encryption works on a copy, never on the caller's buffer; this is the copy's size. */
    private static final int WRITE_CHUNK = 16 * 1024;

    private final StreamCipher decrypt;
    private final StreamCipher encrypt;
    private final byte[] writeBuffer;
    private volatile boolean closed;

    StreamLayer(StreamCipher decrypt, StreamCipher encrypt) {
        this.decrypt = decrypt;
        this.encrypt = encrypt;
        this.writeBuffer = encrypt == null ? null : new byte[WRITE_CHUNK];
    }

    @Override
    public int read(Connection raw, ByteBuffer dst) throws IOException {
        int start = dst.position();
        int n = raw.read(dst);
        if (n > 0 && decrypt != null) {
            if (dst.hasArray()) {
                apply(decrypt, dst.array(), dst.arrayOffset() + start, n);
            } else {
                byte[] tmp = new byte[n];
                dst.get(start, tmp);
                apply(decrypt, tmp, 0, n);
                dst.put(start, tmp);
            }
        }
        return n;
    }

    @Override
    public int write(Connection raw, ByteBuffer src) throws IOException {
        if (encrypt == null) {
            return raw.write(src);
        }
        int total = src.remaining();
        while (src.hasRemaining()) {
            int n = Math.min(writeBuffer.length, src.remaining());
            src.get(writeBuffer, 0, n);
            apply(encrypt, writeBuffer, 0, n);
            ByteBuffer chunk = ByteBuffer.wrap(writeBuffer, 0, n);
            while (chunk.hasRemaining()) {
                raw.write(chunk);
            }
        }
        return total;
    }

    /** A cipher closed by {@link #close} in another thread shows as the closed connection it is. */
    private void apply(StreamCipher cipher, byte[] buffer, int offset, int length) throws IOException {
        try {
            cipher.apply(buffer, offset, length);
        } catch (IllegalStateException e) {
            if (closed) {
                throw new AsynchronousCloseException();
            }
            throw e;
        }
    }

    /** Frees native RC4 states now rather than when the collector gets to them. */
    @Override
    public void close() {
        closed = true;
        if (decrypt != null) {
            decrypt.close();
        }
        if (encrypt != null) {
            encrypt.close();
        }
    }

    @Override
    public String name() {
        return encrypt == null ? "plaintext" : "rc4";
    }
}
