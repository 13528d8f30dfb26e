package org.swarmsync.sync.internal.scan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swarmsync.sync.internal.index.FolderIndex;
import org.swarmsync.sync.internal.model.Block;
import org.swarmsync.sync.internal.model.EntryType;
import org.swarmsync.sync.internal.model.FileEntry;
import org.swarmsync.sync.internal.model.RelativePath;
import org.swarmsync.sync.internal.model.VersionVector;

/**
 * Brings a folder's local entries in line with the disk. Each difference (new, edited,
 * appended, truncated, re-permissioned, retyped or deleted path, new or removed directory)
 * becomes one local change: the version bumped for this device, a new local sequence.
 * A file whose type, size, modification time and permissions match its entry is not read
 * (the fast path); unchanged paths are not rewritten.
 *
 * <p>Safety: without the folder marker nothing is scanned; what cannot be read is kept,
 * not deleted; ignored paths keep their entries; a file that changes while hashed is
 * hashed again or left for the next scan. Deletions are recorded last and deepest first,
 * so a peer applying changes in order can copy a renamed file's blocks from its old name
 * before removing it, and empties a directory before removing it.
 *
 * <p>One scan runs at a time. The index is committed every 1,000 changes or 256 MiB
 * hashed, and at the end (then also forced to the disk).
 */
public final class Scanner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Scanner.class);

    /** Default number of hashing threads. */
    public static final int DEFAULT_THREADS = 2;
    static final int COMMIT_EVERY_CHANGES = 1000;
    static final long COMMIT_EVERY_BYTES = 256L << 20;
    private static final int MAX_HASH_ATTEMPTS = 3;

    private final Path root;
    private final FolderIndex index;
    private final TreeWalker walker;
    private final ParallelHasher hasher;
    private final boolean posix;
    /** Files hashed so soon after their last write that a same-size rewrite could keep their time. */
    private final Set<RelativePath> racy = ConcurrentHashMap.newKeySet();
    /** Files whose content was seen to differ from their entry although size and time match. */
    private final Set<RelativePath> suspect = ConcurrentHashMap.newKeySet();
    private Path base;

    /**
     * @param root the folder
     * @param index its index
     * @param ignored paths not to sync (their entries are kept as they are)
     * @param threads hashing threads
     */
    public Scanner(Path root, FolderIndex index, Predicate<RelativePath> ignored, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads " + threads);
        }
        this.root = root.toAbsolutePath().normalize();
        this.index = index;
        this.walker = new TreeWalker(ignored);
        this.posix = Files.getFileAttributeView(this.root, PosixFileAttributeView.class) != null;
        this.hasher = new ParallelHasher(posix, threads, MAX_HASH_ATTEMPTS);
    }

    /** A scanner with {@link #DEFAULT_THREADS} hashing threads. */
    public Scanner(Path root, FolderIndex index, Predicate<RelativePath> ignored) {
        this(root, index, ignored, DEFAULT_THREADS);
    }

    /** For tests: runs between hashing a file and checking it did not change meanwhile. */
    void afterHashing(Consumer<Path> hook) {
        hasher.afterHashing(hook);
    }

    /**
     * @return whether {@code path}'s entry may not describe the file even though its size and
     *         time still match: it was hashed within the file system's time step of its last
     *         write, or its content was reported different ({@link #recheck}). Whoever uses the
     *         file's blocks without hashing them must not trust such a file.
     */
    public boolean mayHaveChanged(RelativePath path) {
        return racy.contains(path) || suspect.contains(path);
    }

    /**
     * Makes the next scan of these paths hash them even if their size and time match their
     * entries: their content was seen to differ from the index (a block read from them did not
     * hash to the index's hash), so the fast path cannot be trusted for them. Callers also
     * request the scan.
     */
    public void recheck(Collection<RelativePath> paths) {
        suspect.addAll(paths);
    }

    /**
     * Scans the whole folder.
     *
     * @throws MissingFolderMarkerException if the folder marker is missing: nothing scanned
     * @throws IOException if the folder cannot be listed: nothing deleted
     */
    public synchronized ScanResult scan() throws IOException {
        return run(null);
    }

    /**
     * Scans only these paths and what lies beneath them (e.g. what the watcher reported). A
     * path whose directories are not all known to the index, or are no longer directories,
     * is widened to the highest such directory, so a partial scan never walks through a link.
     */
    public synchronized ScanResult scan(Collection<RelativePath> paths) throws IOException {
        return run(paths);
    }

    private ScanResult run(Collection<RelativePath> paths) throws IOException {
        FolderMarker.check(root);
        // Walk the real directory: a folder path that is itself a link must not be walked
        // as one link (it would look empty).
        base = root.toRealPath();
        List<RelativePath> scopes = paths == null ? null : scopes(paths);
        Counters counters = new Counters();
        List<Observation> seen = new ArrayList<>();
        Set<RelativePath> unreadable = new HashSet<>();
        for (RelativePath scope : scopes == null ? java.util.Collections.<RelativePath>singletonList(null) : scopes) {
            TreeWalker.Walk walk = walker.walk(base, scope);
            seen.addAll(walk.seen());
            unreadable.addAll(walk.unreadable());
            counters.failed += walk.unreadable().size();
        }
        long hashedBefore = hasher.bytesHashed();
        int filesBefore = hasher.filesHashed();
        boolean completed = false;
        try {
            List<Observation> toHash = new ArrayList<>();
            // The entry each hashed file was compared with: recording is conditional on it.
            Map<RelativePath, FileEntry> before = new HashMap<>();
            for (Observation observed : seen) {
                compare(observed, toHash, before, counters);
            }
            hasher.hashAll(base, toHash.iterator(), new ParallelHasher.Sink() {
                @Override
                public void hashed(Observation stat, int blockSize, List<Block> blocks, long readStartedMillis) {
                    FileEntry old = before.get(stat.path());
                    suspect.remove(stat.path());
                    if (stat.racyAt(readStartedMillis)) {
                        racy.add(stat.path());
                    } else {
                        racy.remove(stat.path());
                    }
                    FileEntry next = entry(stat, old, blockSize, blocks);
                    if (old != null && !old.deleted() && old.type() == EntryType.FILE && old.sameContent(next)
                            && old.modifiedMillis() == next.modifiedMillis()) {
                        return; // a racy file read again, unchanged
                    }
                    record(old, next, counters);
                    counters.bytesSinceCommit += stat.size();
                }

                @Override
                public void busy(Observation observed) {
                    LOG.debug("{} changed while hashed; left for the next scan", observed.path());
                    counters.busy++;
                }

                @Override
                public void failed(Observation observed, IOException e) {
                    LOG.warn("cannot hash {}, keeping what the index has: {}", observed.path(), e.toString());
                    counters.failed++;
                }
            });
            // Re-check the marker: a disk unmounted during the walk must not become deletions.
            FolderMarker.check(root);
            recordDeletions(scopes, seen, unreadable, counters);
            completed = true;
        } finally {
            // Whatever was recorded is whole entries, so committing it keeps the work done
            // even if the scan stopped part-way.
            try {
                index.commit();
            } catch (RuntimeException e) {
                if (completed) {
                    throw e;
                }
                LOG.warn("could not commit a scan that stopped part-way: {}", e.toString());
            }
        }
        if (counters.added + counters.modified + counters.deleted > 0) {
            index.sync();
        }
        return new ScanResult(seen.size(), hasher.filesHashed() - filesBefore, hasher.bytesHashed() - hashedBefore,
                counters.added, counters.modified, counters.deleted, counters.busy, counters.failed);
    }

    private void compare(Observation observed, List<Observation> toHash, Map<RelativePath, FileEntry> before,
            Counters counters) {
        FileEntry old = index.local(observed.path()).orElse(null);
        boolean live = old != null && !old.deleted() && old.type() == observed.type();
        switch (observed.type()) {
            case FILE -> {
                boolean sameStat = live && old.size() == observed.size()
                        && old.modifiedMillis() == observed.modifiedMillis();
                boolean mayHaveChanged = observed.size() > 0 && mayHaveChanged(observed.path());
                if (sameStat && old.permissions() == observed.permissions() && !mayHaveChanged) {
                    return; // the fast path: not read
                }
                if (sameStat && !mayHaveChanged) {
                    // Only the permissions changed (chmod leaves the time): keep the blocks.
                    record(old, entry(observed, old, old.blockSize(), old.blocks()), counters);
                } else if (observed.size() == 0) {
                    record(old, entry(observed, old, 0, List.of()), counters);
                } else {
                    toHash.add(observed);
                    before.put(observed.path(), old);
                }
            }
            case DIRECTORY -> {
                // A directory's time changes with every entry made in it: not a change of its own.
                if (!live || old.permissions() != observed.permissions()) {
                    record(old, entry(observed, old, 0, List.of()), counters);
                }
            }
            case SYMLINK -> {
                if (!live || !old.symlinkTarget().equals(observed.symlinkTarget())) {
                    record(old, entry(observed, old, 0, List.of()), counters);
                }
            }
        }
    }

    private void recordDeletions(List<RelativePath> scopes, List<Observation> seen, Set<RelativePath> unreadable,
            Counters counters) {
        Set<RelativePath> present = new HashSet<>(seen.size() * 2);
        seen.forEach(observed -> present.add(observed.path()));
        List<FileEntry> gone = new ArrayList<>();
        Stream<FileEntry> candidates = scopes == null ? index.localEntries()
                : scopes.stream().flatMap(index::localEntriesUnder);
        try (candidates) {
            candidates.filter(entry -> !entry.deleted() && !present.contains(entry.path()))
                    .filter(entry -> !TreeWalker.isInternal(entry.path()) && !walker.isIgnored(entry.path()))
                    .filter(entry -> !under(entry.path(), unreadable))
                    .forEach(gone::add);
        }
        gone.sort(Comparator.comparing(FileEntry::path).reversed());
        for (FileEntry old : gone) {
            FileEntry tombstone = new FileEntry(old.path(), old.type(), 0, old.modifiedMillis(), old.permissions(), 0,
                    List.of(), old.version().bump(index.localDevice()), true, "", 0);
            record(old, tombstone, counters);
        }
    }

    private static boolean under(RelativePath path, Set<RelativePath> tops) {
        if (tops.isEmpty()) {
            return false;
        }
        for (RelativePath at = path; at != null; at = at.parent().orElse(null)) {
            if (tops.contains(at)) {
                return true;
            }
        }
        return false;
    }

    private FileEntry entry(Observation observed, FileEntry old, int blockSize, List<Block> blocks) {
        VersionVector version = old == null ? VersionVector.EMPTY : old.version();
        return new FileEntry(observed.path(), observed.type(), observed.size(), observed.modifiedMillis(),
                observed.permissions(), blockSize, blocks, version.bump(index.localDevice()), false,
                observed.symlinkTarget(), 0);
    }

    private void record(FileEntry old, FileEntry next, Counters counters) {
        long expected = old == null ? 0 : old.sequence();
        if (index.replaceLocal(expected, next).isEmpty()) {
            // Someone else (the puller) recorded this path meanwhile; the next scan looks again.
            LOG.debug("{} changed in the index during the scan; left for the next scan", next.path());
            return;
        }
        if (next.deleted()) {
            counters.deleted++;
        } else if (old == null || old.deleted()) {
            counters.added++;
        } else {
            counters.modified++;
        }
        if (++counters.changesSinceCommit >= COMMIT_EVERY_CHANGES || counters.bytesSinceCommit >= COMMIT_EVERY_BYTES) {
            index.commit();
            counters.changesSinceCommit = 0;
            counters.bytesSinceCommit = 0;
        }
    }

    /**
     * The parts of the folder to walk for these paths: internal and ignored paths dropped,
     * each widened to its highest ancestor that is not a known, real directory, nested ones
     * folded into their ancestors.
     */
    private List<RelativePath> scopes(Collection<RelativePath> paths) {
        TreeSet<RelativePath> widened = new TreeSet<>();
        for (RelativePath path : paths) {
            if (!TreeWalker.isInternal(path) && !walker.isIgnored(path)) {
                widened.add(widen(path));
            }
        }
        // Sorted, so an ancestor comes before what lies beneath it.
        Set<RelativePath> scopes = new LinkedHashSet<>();
        for (RelativePath path : widened) {
            if (!under(path, scopes)) {
                scopes.add(path);
            }
        }
        return List.copyOf(scopes);
    }

    private RelativePath widen(RelativePath path) {
        List<RelativePath> ancestors = new ArrayList<>();
        for (Optional<RelativePath> at = path.parent(); at.isPresent(); at = at.get().parent()) {
            ancestors.add(0, at.get());
        }
        for (RelativePath ancestor : ancestors) {
            Optional<FileEntry> known = index.local(ancestor);
            if (!Files.isDirectory(ancestor.resolveIn(base), LinkOption.NOFOLLOW_LINKS) || known.isEmpty()
                    || known.get().deleted() || known.get().type() != EntryType.DIRECTORY) {
                return ancestor;
            }
        }
        return path;
    }

    /** Stops the hashing threads. */
    @Override
    public void close() {
        hasher.close();
    }

    private static final class Counters {
        int added;
        int modified;
        int deleted;
        int busy;
        int failed;
        int changesSinceCommit;
        long bytesSinceCommit;
    }
}
