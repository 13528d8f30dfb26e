package org.swarmsync.sync.internal.engine;

import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.swarmsync.sync.internal.index.FolderIndex;
import org.swarmsync.sync.internal.model.FileEntry;
import org.swarmsync.sync.internal.model.RelativePath;

/**
 * The paths the puller just changed on the disk, so the watcher's reports of our own work
 * need not become scans: a reported path we placed in the last seconds, whose disk state is
 * exactly what the index recorded, is dropped. Anything else (someone changed it again since)
 * is scanned as usual.
 */
final class RecentPlacements {

    private static final long KEEP_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final int PRUNE_ABOVE = 10_000;
    private static final long PRUNE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Map<RelativePath, Long> placed = new ConcurrentHashMap<>();
    /** When the map was last pruned; pruning walks it all, so at most once per second. */
    private final AtomicLong prunedAt = new AtomicLong(System.nanoTime());
    private final FolderIndex index;
    private final FolderFiles files;

    RecentPlacements(FolderIndex index, FolderFiles files) {
        this.index = index;
        this.files = files;
    }

    void add(RelativePath path) {
        long now = System.nanoTime();
        placed.put(path, now);
        long last = prunedAt.get();
        if (placed.size() > PRUNE_ABOVE && now - last > PRUNE_EVERY_NANOS && prunedAt.compareAndSet(last, now)) {
            placed.values().removeIf(at -> now - at > KEEP_NANOS);
        }
    }

    /** @return the reported paths that are not explained by our own recent placements */
    Set<RelativePath> unexplained(Set<RelativePath> reported) {
        if (placed.isEmpty()) {
            return reported;
        }
        long now = System.nanoTime();
        Set<RelativePath> left = new HashSet<>();
        for (RelativePath path : reported) {
            Long at = placed.get(path);
            if (at == null || now - at > KEEP_NANOS || !asRecorded(path)) {
                left.add(path);
            }
        }
        return left;
    }

    private boolean asRecorded(RelativePath path) {
        FileEntry local = index.local(path).orElse(null);
        if (local == null) {
            return false;
        }
        try {
            // Only compared with what we recorded, never written: no need to check the way there
            // for links (FolderFiles.resolve's realpath, a system call per directory on the way).
            Optional<FolderFiles.Stat> disk = files.stat(path.resolveIn(files.root()));
            if (local.deleted()) {
                return disk.isEmpty();
            }
            if (disk.isEmpty() || !FolderFiles.matches(disk.get(), local)) {
                return false;
            }
            return !files.posix() || local.type() == org.swarmsync.sync.internal.model.EntryType.SYMLINK
                    || disk.get().permissions() == local.permissions();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
