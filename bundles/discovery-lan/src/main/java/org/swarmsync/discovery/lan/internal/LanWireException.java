package org.swarmsync.discovery.lan.internal;

/** A datagram that is not a valid ping; carries the counter to bump. */
final class LanWireException extends Exception {

    private static final long serialVersionUID = 1L;

    private final LanDrop reason;

    LanWireException(LanDrop reason, String message) {
        super(message);
        this.reason = reason;
    }

    LanDrop reason() {
        return reason;
    }
}
