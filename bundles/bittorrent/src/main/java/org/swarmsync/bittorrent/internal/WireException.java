package org.swarmsync.bittorrent.internal;

import java.io.IOException;

/** The peer broke the wire protocol; the message says how. The connection is dropped. */
final class WireException extends IOException {

    private static final long serialVersionUID = 1L;

    WireException(String message) {
        super(message);
    }
}
