package org.swarmsync.transport.utp.internal.core;

/** Why the demultiplexer did not act on a datagram. */
public enum DropReason {
    /** Shorter than the 20-byte header: not µTP. */
    SHORT,
    /** Version nibble is not 1: not µTP (for example a {@code BSYNC\0} or DHT datagram). */
    BAD_VERSION,
    /** Type 5..15. */
    BAD_TYPE,
    /** An extension header runs past the end of the datagram, or extension 2 is not 8 bytes long. */
    BAD_EXTENSION,
    /** No connection has this (address, connection id). */
    UNKNOWN_CONNECTION,
    /** A RESET that matches no connection. */
    UNKNOWN_RESET,
    /** A SYN refused because the half-open or total connection bound was reached. */
    SYN_FLOOD,
    /** A SYN arriving while nothing listens on this endpoint. */
    NOT_LISTENING,
    /** A SYN whose ids collide with an unrelated connection. */
    STRAY_SYN,
    /** The ack_nr acknowledges something never sent, or answers our SYN wrongly. */
    INVALID_ACK,
    /** The seq_nr lies beyond the reorder window. */
    OUT_OF_WINDOW,
    /** Data beyond the receive window the peer was told about. */
    WINDOW_OVERFLOW,
    /** A bug in this engine, caught so that the receive loop survives; must stay at 0. */
    INTERNAL_ERROR
}
