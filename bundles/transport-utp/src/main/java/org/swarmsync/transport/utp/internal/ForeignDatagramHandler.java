package org.swarmsync.transport.utp.internal;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * Takes the datagrams on a µTP port that are not µTP (for example {@code BSYNC\0} discovery or
 * bencoded DHT), so that several protocols can share one UDP port as libtorrent and BitTorrent
 * Sync do.
 */
@FunctionalInterface
public interface ForeignDatagramHandler {

    /**
     * Called on the port's I/O thread; must return quickly and must not keep {@code datagram},
     * which is reused afterwards.
     */
    void onDatagram(ByteBuffer datagram, InetSocketAddress from);
}
