package org.swarmsync.sync.internal.engine;

import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import org.swarmsync.sync.internal.model.EntryType;
import org.swarmsync.sync.internal.model.FileEntry;
import org.swarmsync.sync.internal.model.RelativePath;

/**
 * When a local file's blocks may be used without hashing them again: the rule the scanner's
 * fast path uses for "unchanged". The file's size and time equal its entry's, the scanner has
 * no reason to doubt it (it was not hashed within a time step of its last write, and no read
 * from it failed to match), and it was not written in the last {@link #SETTLE_MILLIS} (a file
 * being written can change again within the same time step). Otherwise callers hash what they
 * read, and a mismatch they find is reported here, so the scanner reads the file again.
 */
final class LocalTrust {

    /** A file written more recently than this is hashed when read. */
    static final long SETTLE_MILLIS = 2000;

    private final Predicate<RelativePath> doubted;
    private final Consumer<Collection<RelativePath>> recheck;
    private final Consumer<Collection<RelativePath>> rescan;
    private final LongSupplier clock;

    /**
     * @param doubted paths the scanner does not trust to be unchanged on size and time alone
     * @param recheck makes the scanner hash these paths again, whatever their stat shows, and scans them
     * @param rescan asks for an ordinary scan of these paths
     * @param clock now, in ms since the epoch
     */
    LocalTrust(Predicate<RelativePath> doubted, Consumer<Collection<RelativePath>> recheck,
            Consumer<Collection<RelativePath>> rescan, LongSupplier clock) {
        this.doubted = doubted;
        this.recheck = recheck;
        this.rescan = rescan;
        this.clock = clock;
    }

    /** A rule that trusts nothing: every block is hashed, as before the rule existed. */
    static LocalTrust never() {
        return new LocalTrust(path -> true, paths -> { }, paths -> { }, System::currentTimeMillis);
    }

    /**
     * @param entry the file's local entry
     * @param stamp a stat of the file taken now
     * @return whether the file still holds the blocks the entry lists
     */
    boolean unchanged(FileEntry entry, FileStamp stamp) {
        if (stamp == null || stamp.fileKey() == null || entry.deleted() || entry.type() != EntryType.FILE
                || !stamp.matches(entry)) {
            return false;
        }
        long age = clock.getAsLong() - entry.modifiedMillis();
        if (age < SETTLE_MILLIS && age > -SETTLE_MILLIS) {
            return false;
        }
        return !doubted.test(entry.path());
    }

    /**
     * Reports that a read from {@code path} did not hash to its entry's block.
     *
     * @param stampMatched whether the file's size and time still equalled the entry's, so the
     *        scanner's fast path would keep the stale entry: it must hash the file again
     */
    void mismatch(RelativePath path, boolean stampMatched) {
        if (stampMatched) {
            recheck.accept(List.of(path));
        } else {
            rescan.accept(List.of(path));
        }
    }

    /** Reports that a peer found data we sent without hashing it wrong: these paths are hashed again. */
    void peerRejected(Collection<RelativePath> paths) {
        if (!paths.isEmpty()) {
            recheck.accept(paths);
        }
    }
}
