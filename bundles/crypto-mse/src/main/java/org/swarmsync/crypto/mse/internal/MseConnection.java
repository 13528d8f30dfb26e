package org.swarmsync.crypto.mse.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.time.Duration;

import org.swarmsync.api.transport.Connection;

/**
 * The crypto stage: a {@link Connection} whose read path decrypts and whose write path
 * encrypts, around the transport's connection. It also first yields the bytes the handshake
 * already took off the wire (the initial payload, and payload that arrived with the last
 * handshake message). A {@code null} cipher passes that direction through.
 */
final class MseConnection implements Connection {

    /** Encryption works on a copy, never on the caller's buffer; this is the copy's size. */
    private static final int WRITE_CHUNK = 16 * 1024;

    private final Connection raw;
    private final StreamCipher decrypt;
    private final StreamCipher encrypt;
    private final Object readLock = new Object();
    private final Object writeLock = new Object();
    private final byte[] writeBuffer;
    private ByteBuffer pushback;
    private volatile boolean closed;

    MseConnection(Connection raw, StreamCipher decrypt, StreamCipher encrypt, ByteBuffer pushback) {
        this.raw = raw;
        this.decrypt = decrypt;
        this.encrypt = encrypt;
        this.pushback = pushback.hasRemaining() ? pushback : null;
        this.writeBuffer = encrypt == null ? null : new byte[WRITE_CHUNK];
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!dst.hasRemaining()) {
            return 0;
        }
        synchronized (readLock) {
            if (pushback != null) {
                if (!raw.isOpen()) {
                    // Keep the contract: a closed connection reads nothing, buffered or not.
                    return raw.read(dst);
                }
                int n = Math.min(dst.remaining(), pushback.remaining());
                dst.put(pushback.slice().limit(n));
                pushback.position(pushback.position() + n);
                if (!pushback.hasRemaining()) {
                    pushback = null;
                }
                return n;
            }
            int start = dst.position();
            int n = raw.read(dst);
            if (n > 0 && decrypt != null) {
                decryptInPlace(dst, start, n);
            }
            return n;
        }
    }

    private void decryptInPlace(ByteBuffer dst, int start, int n) throws IOException {
        if (dst.hasArray()) {
            apply(decrypt, dst.array(), dst.arrayOffset() + start, n);
        } else {
            byte[] tmp = new byte[n];
            dst.get(start, tmp);
            apply(decrypt, tmp, 0, n);
            dst.put(start, tmp);
        }
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

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (encrypt == null) {
            return raw.write(src);
        }
        int total = src.remaining();
        synchronized (writeLock) {
            while (src.hasRemaining()) {
                int n = Math.min(writeBuffer.length, src.remaining());
                src.get(writeBuffer, 0, n);
                apply(encrypt, writeBuffer, 0, n);
                ByteBuffer chunk = ByteBuffer.wrap(writeBuffer, 0, n);
                while (chunk.hasRemaining()) {
                    raw.write(chunk);
                }
            }
        }
        return total;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return raw.remoteAddress();
    }

    @Override
    public InetSocketAddress localAddress() {
        return raw.localAddress();
    }

    @Override
    public String scheme() {
        return raw.scheme();
    }

    @Override
    public void shutdownOutput() throws IOException {
        raw.shutdownOutput();
    }

    @Override
    public void setReadTimeout(Duration timeout) {
        raw.setReadTimeout(timeout);
    }

    @Override
    public boolean isOpen() {
        return raw.isOpen();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        try {
            raw.close();
        } finally {
            // Frees native RC4 states now rather than when the collector gets to them.
            if (decrypt != null) {
                decrypt.close();
            }
            if (encrypt != null) {
                encrypt.close();
            }
        }
    }

    @Override
    public String toString() {
        return "mse(" + (encrypt == null ? "plaintext" : "rc4") + ") over " + raw;
    }
}
