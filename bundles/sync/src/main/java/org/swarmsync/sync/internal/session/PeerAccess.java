package org.swarmsync.sync.internal.session;

/** What an authenticated peer has proven it may do with the folder. */
public enum PeerAccess {
    /** Proved the read-write secret: we hold it too and checked. */
    READ_WRITE,
    /**
     * Proved the read-only secret and claims read-write, which we cannot check because our
     * own secret is read-only. Whether to accept its changes is the caller's decision.
     */
    READ_WRITE_CLAIMED,
    /** Proved the read-only secret and claims no more. */
    READ_ONLY
}
