package org.swarmsync.discovery.lan.internal;

/** Why a LAN datagram was dropped; each reason has its own counter. */
enum LanDrop {
    /** Shorter than the magic, or does not start with {@code BSYNC\0}. */
    NOT_BSYNC,
    /** Longer than a ping can be. */
    OVERSIZED,
    /** Not valid canonical bencode, or not a dictionary. */
    MALFORMED,
    /** A field is missing or has the wrong type, length or range. */
    BAD_FIELD,
    /** Valid, but not a {@code ping}. */
    WRONG_MESSAGE,
    /** A 20-byte share id (btsync 1.4 and later), which our 32-byte share hashes never match. */
    FOREIGN_SHARE_ID,
    /** From an IPv6 source. */
    WRONG_FAMILY
}
