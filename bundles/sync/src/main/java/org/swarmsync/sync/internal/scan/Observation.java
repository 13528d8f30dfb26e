package org.swarmsync.sync.internal.scan;

import org.swarmsync.sync.internal.model.EntryType;
import org.swarmsync.sync.internal.model.RelativePath;

/**
 * What one stat of a path found on the disk, links not followed.
 *
 * @param path where, in the folder
 * @param type file, directory or link
 * @param size the file's length; 0 for directories and links
 * @param modifiedMillis the modification time, ms since the epoch
 * @param permissions POSIX bits masked by 0777; 0 for links and where the file system has none
 * @param symlinkTarget a link's target text; empty otherwise
 * @param wholeSeconds whether the time has no fraction of a second, as on file systems that
 *        keep times to one or two seconds (FAT, some network mounts)
 */
record Observation(RelativePath path, EntryType type, long size, long modifiedMillis, int permissions,
        String symlinkTarget, boolean wholeSeconds) {

    /**
     * @param readStartedMillis when reading the content began
     * @return whether the file could still change without its time changing: its time is
     *         within the file system's time step of the read, so a write just after the
     *         read may keep the same time (and, with the same size, pass the fast path)
     */
    boolean racyAt(long readStartedMillis) {
        return modifiedMillis > readStartedMillis - (wholeSeconds ? 2000 : 2);
    }

    /** @return whether {@code other} shows the same file content unchanged (the fast-path test) */
    boolean sameFileStat(Observation other) {
        return other.type == EntryType.FILE && type == EntryType.FILE && other.size == size
                && other.modifiedMillis == modifiedMillis;
    }
}
