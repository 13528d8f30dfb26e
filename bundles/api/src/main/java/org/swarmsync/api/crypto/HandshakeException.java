package org.swarmsync.api.crypto;

import java.io.IOException;
import java.util.Objects;

/**
 * A channel crypto handshake failed. The message says why in words a person can act on; it
 * never contains key material. The connection was closed by the provider before this was
 * thrown.
 */
public class HandshakeException extends IOException {

    private static final long serialVersionUID = 1L;

    private final HandshakeFailure failure;

    /**
     * @param failure the kind of failure
     * @param message what happened, without key material
     */
    public HandshakeException(HandshakeFailure failure, String message) {
        super(message);
        this.failure = Objects.requireNonNull(failure, "failure");
    }

    /**
     * @param failure the kind of failure
     * @param message what happened, without key material
     * @param cause the underlying error, such as a transport's {@link IOException}
     */
    public HandshakeException(HandshakeFailure failure, String message, Throwable cause) {
        super(message, cause);
        this.failure = Objects.requireNonNull(failure, "failure");
    }

    /** @return the kind of failure, for a caller that reacts differently to each */
    public HandshakeFailure failure() {
        return failure;
    }
}
