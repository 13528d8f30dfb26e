package org.swarmsync.api.sync;

/** Where a folder is in its life. */
public enum FolderState {
    /** Reading the folder and hashing what changed. */
    SCANNING,
    /** Fetching what peers have and we lack. */
    SYNCING,
    /** Identical with every connected peer, as far as we know. */
    IDLE,
    /** Stopped by a problem that needs the user (see the status message). */
    ERROR
}
