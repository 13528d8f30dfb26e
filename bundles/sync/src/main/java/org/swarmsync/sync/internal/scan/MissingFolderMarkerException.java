package org.swarmsync.sync.internal.scan;

import java.io.IOException;

/**
 * The folder's marker is missing or unreadable, so the folder is not scanned: an unmounted
 * disk looks like an empty folder, and scanning it would record every file as deleted and
 * send those deletions to every peer.
 */
public final class MissingFolderMarkerException extends IOException {

    private static final long serialVersionUID = 1L;

    public MissingFolderMarkerException(String message) {
        super(message);
    }
}
