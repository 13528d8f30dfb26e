package org.swarmsync.sync.internal.session;

import java.io.IOException;

/**
 * The peer answered a request with an error: it no longer has that content. The session goes
 * on; ask another peer, or this one again after its next index update.
 */
public class BlockUnavailableException extends IOException {

    private static final long serialVersionUID = 1L;

    /** @param message the request and the peer's reason */
    public BlockUnavailableException(String message) {
        super(message);
    }
}
