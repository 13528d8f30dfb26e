package org.swarmsync.sync.internal.protocol;

/**
 * Every limit of session protocol v1 (docs/protocol.md). A peer that exceeds one is closed; we
 * never send what we would refuse.
 */
public final class Limits {

    /** The protocol version this code speaks (hello {@code v}). */
    public static final int VERSION = 1;

    /** Largest frame body: a block of up to 16 MiB plus its envelope. */
    public static final int MAX_FRAME = 16 * 1024 * 1024 + 64 * 1024;

    /**
     * Largest frame body before the peer has proven the secret. Hello and auth need a few
     * hundred bytes; anyone who knows the public share hash can get this far, so they must not
     * make us buffer 16 MiB per connection. The room above that is for keys a later version adds.
     */
    public static final int MAX_HANDSHAKE_FRAME = 64 * 1024;

    /** Largest encoded index frame. */
    public static final int MAX_INDEX_FRAME = 4 * 1024 * 1024;

    /** Most entries in one index frame. */
    public static final int MAX_INDEX_ENTRIES = 1000;

    /** Largest block a request may ask for, and a block reply may carry. */
    public static final int MAX_BLOCK_LENGTH = 16 * 1024 * 1024;

    /** Most requests one side may have outstanding at the other. */
    public static final int MAX_OUTSTANDING_REQUESTS = 256;

    /** Most bytes one side may have requested and not yet received. */
    public static final long MAX_OUTSTANDING_BYTES = 64L * 1024 * 1024;

    /** Largest file size an entry may announce, 2^50 bytes. */
    public static final long MAX_FILE_SIZE = 1L << 50;

    /** Smallest non-zero block size of an entry, 128 KiB. */
    public static final int MIN_BLOCK_SIZE = 1 << 17;

    /** Largest block size of an entry, 16 MiB. */
    public static final int MAX_BLOCK_SIZE = 1 << 24;

    /** Longest path or link target, in UTF-8 bytes. */
    public static final int MAX_PATH_BYTES = 4096;

    /** Most devices in one version vector. */
    public static final int MAX_VERSION_DEVICES = 1000;

    /** Longest client name in a hello, in UTF-8 bytes. */
    public static final int MAX_CLIENT_NAME_BYTES = 64;

    /** Longest close or block-error reason, in UTF-8 bytes. */
    public static final int MAX_REASON_BYTES = 256;

    /** Length of a hello nonce. */
    public static final int NONCE_LENGTH = 32;

    /** Length of an auth proof (HMAC-SHA256). */
    public static final int PROOF_LENGTH = 32;

    /** Length of a device id on the wire (a big-endian 64-bit integer). */
    public static final int DEVICE_LENGTH = 8;

    private Limits() {
    }
}
