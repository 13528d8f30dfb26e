package org.swarmsync.sync.internal.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.swarmsync.api.sync.FileNotice;
import org.swarmsync.sync.internal.index.FolderIndex;
import org.swarmsync.sync.internal.model.FileEntry;
import org.swarmsync.sync.internal.model.RelativePath;

/**
 * What the user should know about single paths: conflict copies, local changes of a
 * read-only folder, and peers' names that clash with ours. Read from the index in one pass,
 * kept for two seconds, since status is asked for every second.
 */
final class FolderNotices {

    private static final long KEEP_MILLIS = 2000;

    private final FolderIndex index;
    private final boolean readOnly;
    private final NameClashes clashes;
    private volatile List<FileNotice> cached = List.of();
    private volatile long cachedAt;

    FolderNotices(FolderIndex index, boolean readOnly, NameClashes clashes) {
        this.index = index;
        this.readOnly = readOnly;
        this.clashes = clashes;
    }

    /** @return the notices now, by path */
    List<FileNotice> current() {
        if (System.currentTimeMillis() - cachedAt > KEEP_MILLIS) {
            List<FileNotice> notices = new ArrayList<>();
            try (Stream<FileEntry> entries = index.localEntries()) {
                entries.forEach(entry -> notice(entry).ifPresent(notices::add));
            } catch (RuntimeException e) {
                return cached; // the index is closing
            }
            clashes.current().forEach((path, why) -> notices.add(new FileNotice(path.text(), FileNotice.Kind.NAME_CLASH,
                    why)));
            notices.sort(Comparator.comparing(FileNotice::path).thenComparing(FileNotice::kind));
            cached = List.copyOf(notices);
            cachedAt = System.currentTimeMillis();
        }
        return cached;
    }

    /** Forgets the cached list, so the next call reads the index again. */
    void invalidate() {
        cachedAt = 0;
    }

    private Optional<FileNotice> notice(FileEntry entry) {
        if (!entry.deleted() && entry.path().name().contains(ConflictRule.MARK)) {
            return Optional.of(new FileNotice(entry.path().text(), FileNotice.Kind.CONFLICT_COPY,
                    "the losing version of a concurrent change; keep what you need and delete this copy"));
        }
        if (readOnly && isLocalChange(entry)) {
            return Optional.of(new FileNotice(entry.path().text(), FileNotice.Kind.LOCAL_CHANGE,
                    (entry.deleted() ? "deleted here" : "changed here")
                            + " in a read-only folder: it stays local and differs from the writers' version"
                            + " until restored"));
        }
        return Optional.empty();
    }

    /**
     * A read-only node records the writers' versions as they are, so our counter in an entry
     * means a change made here. A deleted entry no writer has ever had is no difference.
     */
    boolean isLocalChange(FileEntry entry) {
        if (!entry.version().counters().containsKey(index.localDevice())) {
            return false;
        }
        return !entry.deleted() || hasRemote(entry.path());
    }

    boolean hasRemote(RelativePath path) {
        for (long device : index.remoteDevices()) {
            if (index.remote(device, path).filter(e -> !e.deleted()).isPresent()) {
                return true;
            }
        }
        return false;
    }
}
