package org.swarmsync.api.crypto;

/** Why a handshake failed; carried by {@link HandshakeException}. */
public enum HandshakeFailure {

    /** The handshake did not complete within its time limit. */
    TIMEOUT,

    /** The peer closed the connection (or half-closed it) before the handshake completed. */
    PEER_CLOSED,

    /** The transport failed underneath (reset, local close); the cause says how. */
    TRANSPORT_ERROR,

    /** The peer's Diffie-Hellman public value is outside the allowed range. */
    INVALID_PUBLIC_KEY,

    /** The peer sent more padding, or more bytes before a synchronisation point, than allowed. */
    TOO_MUCH_PADDING,

    /** The responder serves no key that matches the initiator's key hash. */
    UNKNOWN_KEY,

    /** The verification constant did not decrypt: the sides derived different keys. */
    BAD_VERIFICATION,

    /** The two policies have no payload cipher in common. */
    NO_COMMON_METHOD,

    /** The peer skipped the handshake (plaintext) and our policy refuses plaintext. */
    PLAINTEXT_REFUSED,

    /** The peer broke the protocol otherwise (a bad selection, an oversized field). */
    PROTOCOL_VIOLATION
}
