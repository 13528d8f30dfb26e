package org.swarmsync.bench.transport;

import org.swarmsync.api.transport.Connection;

/**
 * The two ends of one connection as the application sees them (after the crypto handshake,
 * when there is one).
 *
 * @param sender the end that writes the payload
 * @param receiver the end that reads it
 */
record Ends(Connection sender, Connection receiver) implements AutoCloseable {

    /** Closes both ends; a failure to close one does not keep the other open. */
    @Override
    public void close() {
        quietly(sender);
        quietly(receiver);
    }

    private static void quietly(Connection c) {
        try {
            c.close();
        } catch (java.io.IOException | RuntimeException e) {
            // closing after a finished or failed run: nothing left to save
        }
    }
}
