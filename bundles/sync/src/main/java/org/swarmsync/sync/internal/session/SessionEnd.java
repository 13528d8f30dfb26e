package org.swarmsync.sync.internal.session;

import java.util.Objects;

/**
 * Why a session ended.
 *
 * @param cause who or what ended it, for a caller that reacts differently (no quick redial
 *        after {@link Cause#AUTHENTICATION})
 * @param reason what happened, for a log line; never key material
 */
public record SessionEnd(Cause cause, String reason) {

    /** Who or what ended a session. */
    public enum Cause {
        /** We closed it ({@link PeerSession#close(String)}). */
        LOCAL,
        /** The peer sent {@code close} or ended the stream. */
        PEER,
        /** The peer broke the protocol; the reason names how. */
        PROTOCOL,
        /** A proof did not verify. */
        AUTHENTICATION,
        /** No authentication in time, nothing received for too long, or the peer stopped reading. */
        TIMEOUT,
        /** The connection failed underneath. */
        TRANSPORT,
        /** Our own code failed (a listener threw); the log has the stack trace. */
        INTERNAL
    }

    /** Checks for nulls. */
    public SessionEnd {
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return cause.name().toLowerCase() + ": " + reason;
    }
}
