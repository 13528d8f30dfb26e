package org.swarmsync.sync.internal.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.swarmsync.api.sync.FileNotice;
import org.swarmsync.sync.internal.index.FolderIndex;
import org.swarmsync.sync.internal.model.EntryType;
import org.swarmsync.sync.internal.model.FileEntry;
import org.swarmsync.sync.internal.model.RelativePath;

/**
 * What the local index says as a whole: the live files and their bytes, and what the user
 * should know about single paths (conflict copies, local changes of a read-only folder, and
 * peers' names that clash with ours). Read in one pass over the index and kept for two
 * seconds, since status is asked for every second.
 */
final class FolderSummary {

    private static final long KEEP_MILLIS = 2000;

    /** One reading: live files, their bytes, and the notices by path. */
    record Reading(long files, long bytes, List<FileNotice> notices, long atMillis) {
    }

    private final FolderIndex index;
    private final boolean readOnly;
    private final NameClashes clashes;
    private volatile Reading cached = new Reading(0, 0, List.of(), 0);

    FolderSummary(FolderIndex index, boolean readOnly, NameClashes clashes) {
        this.index = index;
        this.readOnly = readOnly;
        this.clashes = clashes;
    }

    /** @return the reading now, at most two seconds old */
    Reading current() {
        Reading reading = cached;
        if (System.currentTimeMillis() - reading.atMillis() <= KEEP_MILLIS) {
            return reading;
        }
        long files = 0;
        long bytes = 0;
        List<FileNotice> notices = new ArrayList<>();
        try (Stream<FileEntry> entries = index.localEntries()) {
            for (FileEntry entry : (Iterable<FileEntry>) entries::iterator) {
                if (!entry.deleted() && entry.type() == EntryType.FILE) {
                    files++;
                    bytes += entry.size();
                }
                notice(entry).ifPresent(notices::add);
            }
        } catch (RuntimeException e) {
            return reading; // the index is closing
        }
        clashes.current().forEach((path, why) -> notices.add(new FileNotice(path.text(), FileNotice.Kind.NAME_CLASH,
                why)));
        notices.sort(Comparator.comparing(FileNotice::path).thenComparing(FileNotice::kind));
        reading = new Reading(files, bytes, List.copyOf(notices), System.currentTimeMillis());
        cached = reading;
        return reading;
    }

    /** Forgets the cached reading, so the next call reads the index again. */
    void invalidate() {
        cached = new Reading(cached.files(), cached.bytes(), cached.notices(), 0);
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
