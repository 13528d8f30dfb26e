package org.swarmsync.sync.internal.session;

import java.io.IOException;

/**
 * The peer's proof did not verify: it does not hold the secret it claims (or a relay or
 * replay spoiled the transcript). The message is the same, "authentication failed", whatever
 * the cause, so that neither a log line nor the close reason sent back tells an attacker more.
 */
public class AuthenticationException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The one message and close reason. */
    public static final String MESSAGE = "authentication failed";

    /** Creates the exception. */
    public AuthenticationException() {
        super(MESSAGE);
    }
}
