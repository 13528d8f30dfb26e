package org.swarmsync.crypto.mse.internal;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.swarmsync.api.transport.Connection;

/**
 * The crypto stage: a {@link Connection} whose read path decrypts and whose write path
 * encrypts, around the transport's connection, through a {@link PayloadLayer} (RC4 as a
 * stream, or AES-128-GCM records). It first yields the plaintext the handshake already took
 * off the wire (the initial payload, and for RC4 payload that arrived with the last handshake
 * message). Half-close, timeouts and close are the transport's, passed through unchanged.
 */
final class MseConnection extends ForwardingConnection {

    private final PayloadLayer layer;
    private final Object readLock = new Object();
    private final Object writeLock = new Object();
    private ByteBuffer pushback;

    /** RC4, or plaintext where a cipher is {@code null}. */
    MseConnection(Connection raw, StreamCipher decrypt, StreamCipher encrypt, ByteBuffer pushback) {
        this(raw, new StreamLayer(decrypt, encrypt), pushback);
    }

    MseConnection(Connection raw, PayloadLayer layer, ByteBuffer pushback) {
        super(raw);
        this.layer = layer;
        this.pushback = pushback.hasRemaining() ? pushback : null;
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
            return layer.read(raw, dst);
        }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        synchronized (writeLock) {
            return layer.write(raw, src);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            raw.close();
        } finally {
            layer.close();
        }
    }

    @Override
    public String toString() {
        return "mse(" + layer.name() + ") over " + raw;
    }
}
