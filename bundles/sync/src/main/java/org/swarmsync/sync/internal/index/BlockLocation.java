package org.swarmsync.sync.internal.index;

import java.util.Objects;

import org.swarmsync.sync.internal.model.RelativePath;

/**
 * Where a local file held a block when it was last scanned. The file may have changed
 * since: whoever copies from here must hash what it reads and check it against the block's
 * hash before using it, unless a stat shows the file unchanged since its entry was recorded
 * (the scanner's fast-path rule) before and after the read.
 *
 * @param path the local file
 * @param offset where the block starts in it
 * @param length the block's length
 */
public record BlockLocation(RelativePath path, long offset, int length) {

    public BlockLocation {
        Objects.requireNonNull(path, "path");
    }
}
