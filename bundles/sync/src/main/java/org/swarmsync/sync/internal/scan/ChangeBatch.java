package org.swarmsync.sync.internal.scan;

import java.util.Set;

import org.swarmsync.sync.internal.model.RelativePath;

/**
 * What the watcher saw during one burst of changes.
 *
 * @param paths paths created, modified or deleted (a new directory stands for all it holds)
 * @param overflow whether events were lost or the folder itself changed: rescan everything
 */
public record ChangeBatch(Set<RelativePath> paths, boolean overflow) {

    public ChangeBatch {
        paths = Set.copyOf(paths);
    }
}
