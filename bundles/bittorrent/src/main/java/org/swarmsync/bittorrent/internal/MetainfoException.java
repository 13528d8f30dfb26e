package org.swarmsync.bittorrent.internal;

/** A .torrent file is malformed; the message names the field and the problem. */
final class MetainfoException extends Exception {

    private static final long serialVersionUID = 1L;

    MetainfoException(String message) {
        super(message);
    }

    MetainfoException(String message, Throwable cause) {
        super(message, cause);
    }
}
