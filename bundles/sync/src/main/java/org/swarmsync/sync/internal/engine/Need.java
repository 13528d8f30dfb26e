package org.swarmsync.sync.internal.engine;

import java.util.Objects;

import org.swarmsync.sync.internal.model.RelativePath;

/**
 * One thing the puller has to do for a path: light, so a plan for many paths stays small; the
 * entries are read again when it runs, and it is skipped if either changed meanwhile.
 *
 * @param kind what to do
 * @param path where
 * @param device the remote device whose entry is the target
 * @param remoteSequence that entry's sequence when planned
 * @param localSequence our entry's sequence when planned, 0 if we had none
 * @param size the target's size, for ordering and progress
 * @param conflict whether the target won a conflict against our version, so our differing
 *        content is kept as a conflict copy rather than archived
 */
record Need(Kind kind, RelativePath path, long device, long remoteSequence, long localSequence, long size,
        boolean conflict) {

    /** What the puller does for a path. */
    enum Kind {
        /** Record a merged or adopted version vector: the content is already the same. */
        ADOPT,
        /** Create a directory, or set its permissions. */
        DIRECTORY,
        /** Only permissions or time differ: change them in place. */
        METADATA,
        /** Create or replace a symlink. */
        SYMLINK,
        /** Download a file and put it in place. */
        FILE,
        /** Apply a remote deletion. */
        DELETE
    }

    Need {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
    }
}
