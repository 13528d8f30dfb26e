package org.swarmsync.transport.utp.internal.core;

import java.nio.ByteBuffer;

/**
 * Lets the core keep a received datagram's buffer instead of copying a large payload out of
 * it: the application later reads straight from it, and the core hands the buffer back.
 */
public interface DatagramKeeper {

    /** A keeper that never lets go of its buffers: the core always copies. */
    DatagramKeeper NONE = new DatagramKeeper() {
        @Override
        public boolean keep(ByteBuffer datagram) {
            return false;
        }

        @Override
        public void release(ByteBuffer datagram) {
        }
    };

    /**
     * Called while {@link UtpEndpoint#onDatagram} runs on {@code datagram}.
     *
     * @return true if the core may keep the buffer; the driver must then not touch it again
     *         until {@link #release}
     */
    boolean keep(ByteBuffer datagram);

    /** Returns a buffer kept earlier; called under the same serialization as the core. */
    void release(ByteBuffer datagram);
}
