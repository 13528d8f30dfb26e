package org.swarmsync.discovery.tracker.internal.wire;

import java.util.Objects;

/** A datagram that is not a valid message of the expected kind; carries the counter to bump. */
public final class WireException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Drop reason;

    /**
     * @param reason why the datagram is dropped
     * @param message what was wrong; never the content of a byte string
     */
    public WireException(Drop reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** @return why the datagram is dropped */
    public Drop reason() {
        return reason;
    }
}
