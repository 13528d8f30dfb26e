package org.swarmsync.api.sync;

import java.nio.file.Path;
import java.util.Objects;

import org.swarmsync.api.secrets.Access;
import org.swarmsync.api.secrets.ShareHash;

/**
 * A snapshot of one synchronised folder.
 *
 * @param id the folder's identifier (its configuration's name)
 * @param path the local directory
 * @param access what our secret grants
 * @param share the folder's public share hash
 * @param state where the folder is in its life
 * @param message a short explanation for the user, empty when there is nothing to say
 * @param filesTotal files the folder should hold
 * @param filesDone files present and up to date
 * @param bytesTotal bytes the folder should hold
 * @param bytesDone bytes present and verified
 * @param peers peers connected now
 */
public record FolderStatus(String id, Path path, Access access, ShareHash share, FolderState state,
        String message, long filesTotal, long filesDone, long bytesTotal, long bytesDone, int peers) {

    /** Checks that every component is present. */
    public FolderStatus {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(share, "share");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(message, "message");
    }
}
