package org.swarmsync.transport.utp.internal;

import java.net.InetSocketAddress;

import org.swarmsync.api.transport.Listening;

/** A listening µTP port; closing it stops accepting, and the port closes once its connections are gone. */
final class UtpListening implements Listening {

    private final UtpStack stack;

    UtpListening(UtpStack stack) {
        this.stack = stack;
    }

    UtpStack stack() {
        return stack;
    }

    @Override
    public InetSocketAddress localAddress() {
        return stack.localAddress();
    }

    @Override
    public void close() {
        stack.setAcceptCallback(null);
    }

    @Override
    public String toString() {
        return "utp listening on " + stack.localAddress();
    }
}
