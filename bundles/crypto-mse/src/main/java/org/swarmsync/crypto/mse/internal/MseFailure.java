package org.swarmsync.crypto.mse.internal;

import org.swarmsync.api.crypto.HandshakeException;
import org.swarmsync.api.crypto.HandshakeFailure;

/** A handshake failure raised inside this bundle; its message names the MSE step. */
final class MseFailure extends HandshakeException {

    private static final long serialVersionUID = 1L;

    MseFailure(HandshakeFailure failure, String message) {
        super(failure, "mse: " + message);
    }

    MseFailure(HandshakeFailure failure, String message, Throwable cause) {
        super(failure, "mse: " + message, cause);
    }
}
