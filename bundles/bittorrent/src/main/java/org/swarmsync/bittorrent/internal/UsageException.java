package org.swarmsync.bittorrent.internal;

/** The user typed something the command cannot take; the message says what, in one line. */
final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
