package org.swarmsync.crypto.mse.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;

import org.swarmsync.api.transport.Connection;

/** A connection that passes every call to another; wrappers override what they change (the crypto stage, test taps). */
abstract class ForwardingConnection implements Connection {

    protected final Connection raw;

    ForwardingConnection(Connection raw) {
        this.raw = raw;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return raw.read(dst);
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
