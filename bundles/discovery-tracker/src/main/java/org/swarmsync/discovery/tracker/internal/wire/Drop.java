package org.swarmsync.discovery.tracker.internal.wire;

/** Why a datagram was dropped; each reason has its own counter. */
public enum Drop {
    /** Shorter than the magic, or does not start with {@code BSYNC\0}. */
    NOT_BSYNC,
    /** Longer than the configured maximum for its kind. */
    OVERSIZED,
    /** Not valid bencode (truncated, non-canonical, trailing bytes, over a decode limit) or not a dictionary. */
    MALFORMED,
    /** A required key is missing, or a value has the wrong type, length or range. */
    BAD_FIELD,
    /** Valid, but not the message kind expected here ({@code m}). */
    WRONG_MESSAGE,
    /** The source is not IPv4, which the 6-byte address format cannot carry. */
    WRONG_FAMILY,
    /** The source has sent more than its rate allows. */
    RATE_LIMITED,
    /** A reply nobody asked for: unknown tracker, share not announced, or no request outstanding. */
    UNSOLICITED
}
