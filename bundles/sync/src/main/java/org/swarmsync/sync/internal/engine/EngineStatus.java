package org.swarmsync.sync.internal.engine;

import java.util.Objects;

import org.swarmsync.api.sync.FolderState;

/**
 * A snapshot of one folder's engine.
 *
 * @param state scanning, syncing, idle, or error (see {@code message})
 * @param message what the user should know, e.g. why the folder is in error; empty if nothing
 * @param localFiles live files in the local index
 * @param localBytes their total size
 * @param neededFiles entries the current pull pass set out to apply (files, directories,
 *        links, deletions)
 * @param neededBytes bytes of the files among them
 * @param doneFiles entries of the pass applied so far
 * @param doneBytes bytes of the pass written so far, copied locally or received
 * @param bytesPerSecond bytes received from peers per second, over the last seconds
 * @param peers authenticated sessions
 */
public record EngineStatus(FolderState state, String message, long localFiles, long localBytes, long neededFiles,
        long neededBytes, long doneFiles, long doneBytes, long bytesPerSecond, int peers) {

    /** Checks for nulls. */
    public EngineStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(message, "message");
    }
}
