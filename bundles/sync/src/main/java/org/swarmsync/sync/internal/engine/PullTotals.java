package org.swarmsync.sync.internal.engine;

import org.swarmsync.sync.internal.model.EntryType;
import org.swarmsync.sync.internal.model.FileEntry;

/**
 * What the puller's work did to the folder's totals, kept together under one lock with the
 * pass counters of {@link Progress}, so a status built from one {@link #read} never counts a
 * file both as placed and as left.
 */
final class PullTotals {

    /**
     * How the local totals changed by our placements and deletions since the puller started,
     * the files the running passes have still to place, and the bytes they placed.
     */
    record Reading(long localFilesDelta, long localBytesDelta, long filesLeft, long placedBytes) {
    }

    private final Progress progress;
    private long localFilesDelta;
    private long localBytesDelta;
    private long filesLeft;

    PullTotals(Progress progress) {
        this.progress = progress;
    }

    synchronized Reading read() {
        return new Reading(localFilesDelta, localBytesDelta, filesLeft, progress.placedBytes.get());
    }

    /**
     * A pass planned {@code entries} ({@code bytes}) of which {@code files} are files to place;
     * {@code alone} when no file task of an earlier pass is still running.
     */
    synchronized void passPlanned(boolean alone, long entries, long bytes, long files) {
        if (alone) {
            progress.startPass(entries, bytes);
        } else {
            // Files of an earlier pass are still arriving: this pass adds to its counts.
            progress.passes.incrementAndGet();
            progress.neededFiles.addAndGet(entries);
            progress.neededBytes.addAndGet(bytes);
        }
        filesLeft += files;
    }

    /** A file task ended without placing its file; a later pass counts it again. */
    synchronized void fileDropped() {
        filesLeft = Math.max(0, filesLeft - 1);
    }

    /** Nothing is in flight: nothing can be left of any pass. */
    synchronized void allEnded() {
        filesLeft = 0;
    }

    /** A file was placed ({@code placedFile}), or else a deletion applied over {@code local}. */
    synchronized void counted(boolean placedFile, FileEntry remote, FileEntry local) {
        boolean wasFile = local != null && !local.deleted() && local.type() == EntryType.FILE;
        if (placedFile) {
            filesLeft = Math.max(0, filesLeft - 1);
            progress.placedBytes.addAndGet(remote.size());
            localFilesDelta += wasFile ? 0 : 1;
            localBytesDelta += remote.size() - (wasFile ? local.size() : 0);
        } else if (wasFile) {
            localFilesDelta--;
            localBytesDelta -= local.size();
        }
    }
}
