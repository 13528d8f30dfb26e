package org.swarmsync.crypto.mse.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;

import org.swarmsync.api.transport.Connection;

/** Passes everything through and keeps a copy of the raw bytes read: what is on the wire. */
final class RecordingConnection implements Connection {

    private final Connection raw;
    private final ByteArrayOutputStream read = new ByteArrayOutputStream();

    RecordingConnection(Connection raw) {
        this.raw = raw;
    }

    synchronized byte[] bytesRead() {
        return read.toByteArray();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int start = dst.position();
        int n = raw.read(dst);
        if (n > 0) {
            byte[] copy = new byte[n];
            dst.get(start, copy);
            synchronized (this) {
                read.writeBytes(copy);
            }
        }
        return n;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return raw.write(src);
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
        raw.close();
    }
}
