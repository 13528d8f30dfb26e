package org.swarmsync.api.transport;

import java.io.Closeable;
import java.net.InetSocketAddress;

import org.osgi.annotation.versioning.ConsumerType;

/** A transport's listening endpoint, returned by {@link Transport#listen}. */
@ConsumerType
public interface Listening extends Closeable {

    /** @return the bound address, with the real port when port 0 was asked for */
    InetSocketAddress localAddress();

    /** Stops accepting new connections. Accepted connections stay open. Idempotent. */
    @Override
    void close();
}
