package org.swarmsync.transport.utp.internal.core;

/**
 * Events of one connection. Called synchronously from inside the core, on whatever thread
 * drives it; implementations must only record or signal, never call back into the core.
 */
public interface SocketListener {

    /** A listener that ignores everything. */
    SocketListener NONE = new SocketListener() { };

    /** Our SYN was answered; the connection is established. */
    default void onConnected(UtpSocket socket) {
    }

    /** In-order data, or the end of the stream, is ready for {@link UtpSocket#read}. */
    default void onReadable(UtpSocket socket) {
    }

    /** Acknowledgements freed send-buffer space for {@link UtpSocket#write}. */
    default void onWritable(UtpSocket socket) {
    }

    /** The connection left the endpoint; nothing more will be sent or received. */
    default void onClosed(UtpSocket socket, CloseCause cause) {
    }
}
