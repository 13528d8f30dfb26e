package org.swarmsync.crypto.mse.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

import org.swarmsync.api.transport.Connection;

/** Passes everything through and keeps a copy of the raw bytes read: what is on the wire. */
final class RecordingConnection extends ForwardingConnection {

    private final ByteArrayOutputStream read = new ByteArrayOutputStream();

    RecordingConnection(Connection raw) {
        super(raw);
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
}
