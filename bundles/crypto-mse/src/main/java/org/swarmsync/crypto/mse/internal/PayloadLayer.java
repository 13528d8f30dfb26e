package org.swarmsync.crypto.mse.internal;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.swarmsync.api.transport.Connection;

/**
 * How {@link MseConnection} turns payload into wire bytes and back: RC4 as a stream
 * ({@link StreamLayer}) or AES-128-GCM records ({@link GcmRecordLayer}). The connection
 * serialises reads with reads and writes with writes; the two directions run concurrently.
 */
interface PayloadLayer {

    /**
     * Reads at least one byte of payload into {@code dst} (which has room), blocking on
     * {@code raw} as its contract says.
     *
     * @return bytes read, or -1 at the end of the peer's stream
     */
    int read(Connection raw, ByteBuffer dst) throws IOException;

    /** Writes all of {@code src}; returns how many bytes that was. */
    int write(Connection raw, ByteBuffer src) throws IOException;

    /** Releases what the layer holds; the raw connection is already closed. Idempotent. */
    void close();

    /** @return the layer's name for {@code toString}, such as {@code rc4} */
    String name();
}
