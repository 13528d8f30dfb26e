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
 */
record Observation(RelativePath path, EntryType type, long size, long modifiedMillis, int permissions,
        String symlinkTarget) {

    /** @return whether {@code other} shows the same file content unchanged (the fast-path test) */
    boolean sameFileStat(Observation other) {
        return other.type == EntryType.FILE && type == EntryType.FILE && other.size == size
                && other.modifiedMillis == modifiedMillis;
    }
}
