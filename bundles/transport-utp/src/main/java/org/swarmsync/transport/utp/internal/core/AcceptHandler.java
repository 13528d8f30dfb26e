package org.swarmsync.transport.utp.internal.core;

/** Receives connections accepted by an endpoint that listens. */
@FunctionalInterface
public interface AcceptHandler {

    /**
     * A SYN was accepted; the connection is already established.
     *
     * @return the listener for its events, or null to refuse it (it is then reset)
     */
    SocketListener onAccept(UtpSocket socket);
}
