package org.swarmsync.sync.internal.engine;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swarmsync.sync.internal.index.FolderIndex;
import org.swarmsync.sync.internal.model.ContentHash;
import org.swarmsync.sync.internal.model.FileEntry;
import org.swarmsync.sync.internal.model.RelativePath;
import org.swarmsync.sync.internal.scan.FolderMarker;
import org.swarmsync.sync.internal.scan.MissingFolderMarkerException;
import org.swarmsync.sync.internal.scan.TempFiles;

/**
 * Fetches what the folder needs, in passes. A pass plans (see {@link Planner}) the paths that
 * changed since the last one (or all, after a peer came or a full rescan), then applies the
 * plan in order: version merges and permission changes, directories parents first, files and
 * links several at once smallest first, deletions deepest first. Wake-ups during a pass become
 * one next pass. The first pass waits for the first scan; no pass runs without the folder
 * marker (an unmounted disk is never written to).
 *
 * <p>Whatever fails for one path is logged with the path and retried: after a rescan if the
 * disk changed under us, with the next index change (or the periodic retry) if no connected
 * peer has a block. The puller thread never dies of an exception.
 */
final class Puller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Puller.class);

    private final Path root;
    private final FolderIndex index;
    private final PeerRegistry registry;
    private final Planner planner;
    private final Applier applier;
    private final FileFetch.Context fetchContext;
    private final Progress progress;
    private final ExecutorService filePool;
    private final long retryMillis;
    private final Consumer<Collection<RelativePath>> rescan;
    private final Runnable changed;
    private final Thread thread;
    private final Object lock = new Object();
    private final Set<RelativePath> retry = ConcurrentHashMap.newKeySet();
    /** Paths whose failure was logged as a warning: again only at debug level until they succeed. */
    private final Set<RelativePath> warned = ConcurrentHashMap.newKeySet();
    private Set<RelativePath> dirty = new HashSet<>();
    private boolean full;
    /** Written under {@code lock}; volatile for {@link #busy()}. */
    private volatile boolean woken;
    private final PullTotals totals;
    private volatile boolean closed;
    private volatile boolean busy;
    private volatile long lastPassEndMillis;
    /** File tasks submitted and not yet ended, of this pass and earlier ones. */
    private final AtomicInteger running = new AtomicInteger();
    /** The paths those tasks hold: no other need of the same path runs meanwhile. */
    private final Set<RelativePath> inFlight = ConcurrentHashMap.newKeySet();
    /** Paths a pass skipped because a task held them: looked at again when it ends. */
    private final Set<RelativePath> deferred = ConcurrentHashMap.newKeySet();
    private volatile CompletableFuture<?> ready = CompletableFuture.completedFuture(null);

    /**
     * @param rescan asks the scanner to look at paths the disk changed under us
     * @param changed told after the local index changed (deltas to peers)
     */
    Puller(Path root, FolderIndex index, PeerRegistry registry, Planner planner, Applier applier,
            FileFetch.Context fetchContext, Progress progress, ExecutorService filePool, long retryMillis,
            Consumer<Collection<RelativePath>> rescan, Runnable changed, ThreadFactory threads) {
        this.root = root;
        this.index = index;
        this.registry = registry;
        this.planner = planner;
        this.applier = applier;
        this.fetchContext = fetchContext;
        this.progress = progress;
        this.totals = new PullTotals(progress);
        this.filePool = filePool;
        this.retryMillis = retryMillis;
        this.rescan = rescan;
        this.changed = changed;
        this.thread = threads.newThread(this::run);
        thread.setName("swarmsync-pull " + root.getFileName());
    }

    /** Starts the puller thread; its first pass waits for {@code ready} (the first scan). */
    void start(CompletableFuture<?> firstScan) {
        ready = firstScan;
        thread.start();
    }

    /** Looks at every path connected writers announced (a peer came or went, a full rescan). */
    void wakeAll() {
        synchronized (lock) {
            full = true;
            woken = true;
            lock.notifyAll();
        }
    }

    /** Looks at these paths (a peer announced them, or a scan recorded them). */
    void wake(Collection<RelativePath> paths) {
        synchronized (lock) {
            if (!full) {
                dirty.addAll(paths);
            }
            woken = true;
            lock.notifyAll();
        }
    }

    /** Looks again at what failed before (something changed that may help). */
    void wakeRetry() {
        if (!retry.isEmpty()) {
            wake(List.of());
        }
    }

    /**
     * @return whether a pass runs or is due: a wake not yet taken up (the next index frame
     *         arrived while the last pass ended) is work known to be left, not idleness
     */
    boolean busy() {
        return busy || woken || running.get() > 0;
    }

    /** @return when the last pass, or the last file task, ended */
    long lastPassEndMillis() {
        return lastPassEndMillis;
    }

    /** @return one consistent reading of what the pulls did to the totals */
    PullTotals.Reading totals() {
        return totals.read();
    }

    private void run() {
        while (!closed) {
            try {
                ready.get(200, TimeUnit.MILLISECONDS);
                break;
            } catch (java.util.concurrent.TimeoutException | ExecutionException e) {
                // not scanned yet (or the marker is missing): keep waiting
            } catch (InterruptedException e) {
                return;
            }
        }
        removeStaleTemporaryFiles();
        while (!closed) {
            boolean all;
            Set<RelativePath> paths;
            synchronized (lock) {
                long deadline = System.currentTimeMillis() + retryMillis;
                while (!woken && !closed) {
                    long left = deadline - System.currentTimeMillis();
                    if (left <= 0) {
                        full = true; // the periodic look at everything, failures included
                        break;
                    }
                    try {
                        lock.wait(left);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                all = full;
                paths = dirty;
                dirty = new HashSet<>();
                full = false;
                woken = false;
            }
            if (closed) {
                return;
            }
            try {
                pass(all ? null : paths);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("pull pass failed; trying again at the next change", e);
            } finally {
                if (running.get() == 0) {
                    totals.allEnded();
                    lastPassEndMillis = System.currentTimeMillis();
                }
                busy = false;
            }
        }
    }

    private void pass(Set<RelativePath> paths) throws InterruptedException {
        try {
            FolderMarker.check(root);
        } catch (MissingFolderMarkerException e) {
            return; // the scan loop reports it; never write into what may be an empty mount point
        }
        List<Long> writers = registry.writers().stream().map(PeerLink::device).toList();
        if (writers.isEmpty()) {
            return;
        }
        if (paths != null) {
            paths.addAll(retry);
        }
        retry.clear();
        Planner.Plan plan = planner.plan(writers, paths);
        retry.addAll(plan.held()); // a rename here may end the clash: the next scan's pass looks again
        if (plan.size() == 0) {
            return;
        }
        busy = true;
        List<Need> files = new ArrayList<>(plan.files().size());
        List<RelativePath> deferredNow = new ArrayList<>();
        for (Need need : plan.files()) {
            if (inFlight.add(need.path())) {
                files.add(need);
            } else {
                deferredNow.add(need.path());
            }
        }
        totals.passPlanned(running.get() == 0, plan.size(), plan.bytes(),
                files.stream().filter(need -> need.kind() == Need.Kind.FILE).count());
        LOG.debug("pull pass: {} entries, {} bytes", plan.size(), plan.bytes());
        for (Need need : plan.quick()) {
            applyUnlessInFlight(need, deferredNow);
        }
        for (Need need : plan.directories()) {
            applyUnlessInFlight(need, deferredNow);
        }
        // The files are not waited for: the next index frame's pass starts while they arrive
        // (a new device gets the index in frames; waiting for each frame's files made the
        // later frames wait behind the slowest file of the first).
        for (Need need : files) {
            running.incrementAndGet();
            try {
                filePool.execute(() -> runFile(need));
            } catch (RejectedExecutionException e) {
                finished(need, false); // closing
            }
        }
        deferLater(deferredNow);
        if (!plan.deletions().isEmpty()) {
            // A file being fetched may copy blocks from one a deletion would move away.
            awaitFiles();
            for (Need need : plan.deletions()) {
                apply(need);
            }
        }
        if (running.get() == 0) {
            index.commit();
            changed.run();
        }
    }

    private void applyUnlessInFlight(Need need, List<RelativePath> deferredNow) throws InterruptedException {
        if (inFlight.contains(need.path())) {
            deferredNow.add(need.path());
        } else {
            apply(need);
        }
    }

    /** Paths a running file task holds are looked at again once it ends. */
    private void deferLater(List<RelativePath> paths) {
        if (paths.isEmpty()) {
            return;
        }
        deferred.addAll(paths);
        List<RelativePath> freed = new ArrayList<>();
        for (RelativePath path : paths) {
            if (!inFlight.contains(path) && deferred.remove(path)) {
                freed.add(path); // its task ended meanwhile
            }
        }
        if (!freed.isEmpty()) {
            wake(freed);
        }
    }

    private void runFile(Need need) {
        boolean placed = false;
        try {
            placed = apply(need);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("pull task failed", e);
        } finally {
            finished(need, placed);
        }
    }

    private void finished(Need need, boolean placed) {
        inFlight.remove(need.path());
        if (!placed && need.kind() == Need.Kind.FILE) {
            totals.fileDropped();
        }
        if (deferred.remove(need.path())) {
            wake(List.of(need.path()));
        }
        // Before the count drops: a status must not see "nothing running" with an old time.
        lastPassEndMillis = System.currentTimeMillis();
        if (running.decrementAndGet() == 0) {
            try {
                index.commit();
                changed.run();
            } catch (RuntimeException e) {
                LOG.debug("commit after the last file failed: {}", e.toString());
            }
            synchronized (running) {
                running.notifyAll();
            }
        }
    }

    private void awaitFiles() throws InterruptedException {
        synchronized (running) {
            while (running.get() > 0) {
                running.wait(100);
            }
        }
    }

    /**
     * Applies one need; whatever fails is logged with the path and retried later.
     *
     * @return whether it was applied
     */
    private boolean apply(Need need) throws InterruptedException {
        if (closed) {
            return false;
        }
        FileEntry remote = index.remote(need.device(), need.path()).orElse(null);
        if (remote == null || remote.sequence() != need.remoteSequence()) {
            return false; // announced again meanwhile: that announcement woke us for the path
        }
        FileEntry local = index.local(need.path()).orElse(null);
        if ((local == null ? 0 : local.sequence()) != need.localSequence()) {
            retry.add(need.path()); // the scanner recorded it meanwhile: decide again
            return false;
        }
        try {
            boolean done = switch (need.kind()) {
                case ADOPT -> {
                    applier.adopt(remote, local);
                    yield true;
                }
                case METADATA -> {
                    applier.metadata(remote, local);
                    yield true;
                }
                case DIRECTORY -> {
                    applier.directory(need, remote, local);
                    yield true;
                }
                case SYMLINK -> {
                    applier.symlink(need, remote, local);
                    yield true;
                }
                case FILE -> fetchAndPlace(need, remote, local);
                case DELETE -> applier.delete(remote, local);
            };
            if (done) {
                warned.remove(need.path());
                progress.applied.incrementAndGet();
                progress.doneFiles.incrementAndGet();
                if (need.kind() == Need.Kind.FILE || need.kind() == Need.Kind.DELETE) {
                    totals.counted(need.kind() == Need.Kind.FILE, remote, local);
                }
                changed.run();
                index.commitIfDue();
            }
            return done;
        } catch (DiskChangedException e) {
            LOG.info("{}; scanning it before trying again", e.getMessage());
            retry.add(need.path());
            rescan.accept(List.of(need.path()));
        } catch (IOException | RuntimeException e) {
            if (warned.add(need.path())) {
                LOG.warn("cannot apply {} of {} (trying again later): {}", need.kind().name().toLowerCase(),
                        need.path(), e.toString());
            }
            LOG.debug("cannot apply {} of {}", need.kind().name().toLowerCase(), need.path(), e);
            retry.add(need.path());
        }
        return false;
    }

    private boolean fetchAndPlace(Need need, FileEntry remote, FileEntry local)
            throws IOException, InterruptedException {
        FileFetch fetch = new FileFetch(fetchContext, remote);
        if (!fetch.run()) {
            if (warned.add(need.path())) {
                LOG.info("{}: some blocks are available from no connected peer; waiting for one that has them",
                        need.path());
            }
            retry.add(need.path());
            return false;
        }
        try {
            FileEntry now = index.local(need.path()).orElse(null);
            if ((now == null ? 0 : now.sequence()) != need.localSequence()) {
                // Scanned meanwhile (the user changed it while we downloaded): decide again.
                throw new DiskChangedException(need.path() + " changed while it was downloaded");
            }
            applier.file(need, remote, local, fetch.temp(), fetch.createdBits());
        } catch (IOException | RuntimeException e) {
            // Keep the complete temporary file for the next try: every block is in.
            index.putResume(need.path(), ContentHash.of(remote), allBlocks(remote));
            throw e;
        }
        return true;
    }

    private static BitSet allBlocks(FileEntry entry) {
        BitSet all = new BitSet(entry.blocks().size());
        all.set(0, entry.blocks().size());
        return all;
    }

    /** Deletes temporary files no download will resume (their state is gone), e.g. after a crash. */
    private void removeStaleTemporaryFiles() {
        Path directory = TempFiles.directory(root);
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Set<String> resumable = new HashSet<>();
        index.resumePaths().forEach(path -> resumable.add(TempFiles.nameFor(path)));
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(directory)) {
            for (Path temp : temps) {
                if (!resumable.contains(temp.getFileName().toString())) {
                    Files.deleteIfExists(temp);
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            LOG.debug("cleaning {} failed: {}", directory, e.toString());
        }
    }

    /**
     * Stops after the current file operations; does not wait. Never interrupts: an interrupt
     * closes any {@code FileChannel} the thread is using, the index's own file included.
     * Downloads end on their own once the sessions close, which fails their requests.
     */
    @Override
    public void close() {
        closed = true;
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /** Waits for the puller thread to end. */
    boolean await(long millis) throws InterruptedException {
        thread.join(millis);
        return !thread.isAlive();
    }
}
