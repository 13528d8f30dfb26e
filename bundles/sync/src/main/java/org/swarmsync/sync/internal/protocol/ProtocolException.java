package org.swarmsync.sync.internal.protocol;

import java.io.IOException;

/**
 * A peer broke the session protocol: a frame or message it sent is malformed or exceeds a
 * limit. The message names the problem in words a person can act on ("index entry 17: path
 * has a '..' segment") and is safe to send back to the peer as a close reason: it never holds
 * key material, and echoes nothing the peer did not send itself beyond numbers and key names.
 */
public class ProtocolException extends IOException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong */
    public ProtocolException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong
     * @param cause the codec's error underneath
     */
    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
