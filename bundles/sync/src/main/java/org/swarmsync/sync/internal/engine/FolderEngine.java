package org.swarmsync.sync.internal.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swarmsync.api.discovery.PeerId;
import org.swarmsync.api.secrets.Access;
import org.swarmsync.api.secrets.Secret;
import org.swarmsync.api.sync.FileNotice;
import org.swarmsync.api.sync.FolderState;
import org.swarmsync.api.sync.FolderStatus;
import org.swarmsync.sync.internal.index.FolderIndex;
import org.swarmsync.sync.internal.model.EntryType;
import org.swarmsync.sync.internal.model.FileEntry;
import org.swarmsync.sync.internal.model.RelativePath;
import org.swarmsync.sync.internal.scan.IgnoreFile;
import org.swarmsync.sync.internal.scan.ScanResult;
import org.swarmsync.sync.internal.session.AuthKeys;
import org.swarmsync.sync.internal.session.LocalPeer;
import org.swarmsync.sync.internal.session.PeerInfo;
import org.swarmsync.sync.internal.session.PeerSession;
import org.swarmsync.sync.internal.session.SessionConfig;
import org.swarmsync.sync.internal.session.SessionListener;

/**
 * Everything one folder does once it has sessions: scanning (first scan, watcher, periodic
 * rescans), exchanging indexes with every connected peer, serving blocks, and pulling what
 * writers have that we lack. The node creates sessions with {@link #sessionConfig()} and
 * {@link #sessionListener()}; the engine keeps at most one per peer and forgets each when it
 * ends, so the node need not report anything back.
 *
 * <p>All work runs on the engine's own threads (all daemon threads, named after the folder),
 * which {@link #close()} stops. The index stays the caller's: the engine commits it but never
 * closes it; close it after {@link #close()} returns.
 */
public final class FolderEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FolderEngine.class);
    /** The close reason sessions get when the folder stops. */
    public static final String STOPPED = "folder stopped";
    /** The close reason of the session dropped when a peer has two. */
    public static final String DUPLICATE = "duplicate session";
    private static final long IGNORE_CHECK_SECONDS = 2;
    private static final long ARCHIVE_CLEAN_FIRST_SECONDS = 5;
    /** How long the puller must have been quiet before a new summary reading is taken in. */
    private static final long QUIET_MILLIS = 500;

    private final Path root;
    private final FolderIndex index;
    private final Secret secret;
    private final EngineConfig config;
    private final Progress progress = new Progress();
    private final PeerRegistry registry;
    private final ThreadFactory threads;
    private final ScheduledThreadPoolExecutor scheduler;
    private final ExecutorService senders;
    private final ExecutorService serving;
    private final ExecutorService filePool;
    private final SessionConfig sessionConfig;
    private final IndexAnnouncer announcer;
    private final BlockServer server;
    private final ScanLoop scans;
    private final Puller puller;
    private final SessionHandler handler;
    private final IgnoreFile ignoreFile;
    private final FolderFiles files;
    private final Planner planner;
    private final FolderSummary summary;
    private final FileFetch.Hooks fetchHooks = new FileFetch.Hooks();
    private volatile boolean started;
    private volatile boolean closed;
    /**
     * The summary reading last seen and the puller's totals when it was first seen: the local
     * counts between two readings (two seconds apart) are the reading plus what the puller
     * placed since, so they move with every file instead of in steps.
     */
    private final Object readingLock = new Object();
    private FolderSummary.Reading lastReading;
    private long filesAtReading;
    private long bytesAtReading;

    /**
     * @param root the folder, absolute (its real path is used: no check is fooled by a link in it)
     * @param index the folder's open index; the caller closes it after {@link #close()}
     * @param secret the folder's secret, read-write or read-only
     * @param self our node's peer id
     * @param config the engine's settings
     */
    public FolderEngine(Path root, FolderIndex index, Secret secret, PeerId self, EngineConfig config) {
        Objects.requireNonNull(root, "root");
        if (!root.isAbsolute()) {
            throw new IllegalArgumentException("the folder path must be absolute: " + root);
        }
        this.root = realPath(root);
        this.index = Objects.requireNonNull(index, "index");
        this.secret = Objects.requireNonNull(secret, "secret");
        this.config = Objects.requireNonNull(config, "config");
        boolean readOnly = secret.access() == Access.READ_ONLY;
        String name = String.valueOf(root.getFileName());
        this.threads = Threads.named("swarmsync-" + name);
        this.registry = new PeerRegistry(self, secret.access());
        this.scheduler = new ScheduledThreadPoolExecutor(1, Threads.named("swarmsync-timer " + name));
        scheduler.setRemoveOnCancelPolicy(true);
        this.senders = Executors.newCachedThreadPool(Threads.named("swarmsync-send " + name));
        this.serving = Threads.pool(config.servingThreads(), "swarmsync-serve " + name);
        this.filePool = Threads.pool(config.parallelFiles(), "swarmsync-fetch " + name);
        this.sessionConfig = new SessionConfig(new LocalPeer(self, index.localDevice(), config.clientName()),
                AuthKeys.of(secret), config.timings(), Threads.named("swarmsync-session " + name), scheduler);
        this.files = new FolderFiles(root, Clock.systemUTC());
        this.ignoreFile = new IgnoreFile(this.root);
        Predicate<RelativePath> ignored = config.ignored().or(ignoreFile);
        NameClashes clashes = new NameClashes(this.root);
        this.summary = new FolderSummary(index, readOnly, clashes);
        this.planner = new Planner(index, readOnly, ignored, clashes);
        this.announcer = new IndexAnnouncer(index, readOnly, senders, scheduler, registry);
        RecentPlacements placements = new RecentPlacements(index, files);
        this.scans = new ScanLoop(root, index, config, ignored, this::ignoreListChanged, threads, this::scanned,
                placements::unexplained);
        LocalTrust trust = new LocalTrust(scans::mayHaveChanged, scans::recheck, scans::requestScan,
                System::currentTimeMillis);
        this.server = new BlockServer(index, files, trust, serving, progress);
        this.puller = new Puller(root, index, registry, planner,
                new Applier(index, files, planner, placements, Clock.systemUTC()),
                new FileFetch.Context(root, index, files, registry, progress, config.inFlightBytesPerFile(),
                        config.checkpointBytes(), ConcurrentHashMap.newKeySet(), trust, fetchHooks),
                progress, filePool, config.rescanInterval().toMillis(), scans::requestScan, announcer::localChanged,
                threads);
        this.handler = new SessionHandler(self, index, registry, announcer, server, puller, senders);
    }

    /**
     * Starts scanning (the first scan checks the folder marker), watching, and pulling once
     * the first scan is done. Returns at once; sessions may be started before or after.
     */
    public synchronized void start() {
        if (started || closed) {
            return;
        }
        started = true;
        scans.start();
        puller.start(scans.firstScan());
        scheduler.scheduleWithFixedDelay(this::commitPending, 1, 1, TimeUnit.SECONDS);
        scheduler.scheduleWithFixedDelay(server::closeIdle, OpenFiles.IDLE_MILLIS, OpenFiles.IDLE_MILLIS / 2,
                TimeUnit.MILLISECONDS);
        ArchiveCleaner cleaner = new ArchiveCleaner(root, config.archiveRetention(), Clock.systemUTC());
        scheduler.scheduleWithFixedDelay(cleaner::clean, ARCHIVE_CLEAN_FIRST_SECONDS, TimeUnit.HOURS.toSeconds(1),
                TimeUnit.SECONDS);
        scheduler.scheduleWithFixedDelay(this::checkIgnoreList, IGNORE_CHECK_SECONDS, IGNORE_CHECK_SECONDS,
                TimeUnit.SECONDS);
    }

    /** An edited ignore list takes effect at once: a full scan picks up what it no longer ignores. */
    private void checkIgnoreList() {
        if (ignoreListChanged()) {
            scans.requestFullScan();
        }
    }

    /** Reads the ignore list again; if it changed, every path is looked at again. */
    private boolean ignoreListChanged() {
        if (!ignoreFile.refresh()) {
            return false;
        }
        LOG.info("{}: the ignore list changed; looking at every path again", root);
        puller.wakeAll();
        return true;
    }

    /** @return the settings every session of this folder shares */
    public SessionConfig sessionConfig() {
        return sessionConfig;
    }

    /** @return the listener every session of this folder reports to */
    public SessionListener sessionListener() {
        return handler;
    }

    /** @return the peers connected now, one session each */
    public List<PeerInfo> peers() {
        return registry.links().stream().map(link -> link.info).toList();
    }

    /** Asks for a full rescan now (e.g. from a shell command). */
    public void rescan() {
        scans.requestFullScan();
    }

    /** @return where the engine is and what it has to do */
    public EngineStatus status() {
        return snapshot().status();
    }

    /** A status and the puller's totals it was built from. */
    private record Snapshot(EngineStatus status, PullTotals.Reading totals) {
    }

    private Snapshot snapshot() {
        String error = scans.error();
        // Syncing outranks scanning: the watcher's partial scans come and go during a pull.
        FolderState state = error != null ? FolderState.ERROR
                : !scans.firstScan().isDone() ? FolderState.SCANNING
                : puller.busy() ? FolderState.SYNCING
                : scans.scanning() ? FolderState.SCANNING : FolderState.IDLE;
        boolean pulling = puller.busy();
        FolderSummary.Reading local = summary.current();
        PullTotals.Reading totals = puller.totals();
        long files;
        long bytes;
        synchronized (readingLock) {
            // A reading taken while files were being placed may have missed some of them, and
            // would make the counts step back; so while the puller works, its own counts move
            // the numbers, and a new reading is taken in only once it has been quiet a while.
            if (lastReading == null || (local != lastReading && !pulling && !puller.busy()
                    && local.atMillis() > puller.lastPassEndMillis() + QUIET_MILLIS)) {
                lastReading = local;
                filesAtReading = totals.localFilesDelta();
                bytesAtReading = totals.localBytesDelta();
            }
            files = lastReading.files() + totals.localFilesDelta() - filesAtReading;
            bytes = lastReading.bytes() + totals.localBytesDelta() - bytesAtReading;
        }
        return new Snapshot(new EngineStatus(state, error == null ? "" : error, files, bytes,
                progress.neededFiles.get(), progress.neededBytes.get(), progress.doneFiles.get(),
                progress.doneBytes.get(), progress.bytesPerSecond(), registry.size()), totals);
    }

    /**
     * @param id the folder's identifier
     * @return the status in the service's terms: the totals are what the folder holds plus
     *         what the current pull still has to fetch
     */
    public FolderStatus status(String id) {
        Snapshot snapshot = snapshot();
        EngineStatus s = snapshot.status();
        // Files: each placed file moves from "left" to the local count in one step, so the
        // total stays put while a pass runs and grows as the index brings more.
        long pendingFiles = snapshot.totals().filesLeft();
        // Bytes: what the folder held when this pass began, plus the pass's plan and progress,
        // so a large file in flight moves "done" forward instead of shrinking "total".
        long before = Math.max(0, s.localBytes() - snapshot.totals().placedBytes());
        return new FolderStatus(id, root, secret.access(), secret.shareHash(), s.state(), s.message(),
                s.localFiles() + pendingFiles, s.localFiles(), before + Math.max(s.neededBytes(), s.doneBytes()),
                before + s.doneBytes(), s.peers());
    }

    /** @return conflict copies, local changes of a read-only folder and name clashes, by path */
    public List<FileNotice> notices() {
        return summary.current().notices();
    }

    /**
     * Gives up local changes of a read-only folder: paths the writers have get their version
     * again at the next pull (what is replaced goes to the archive); files only we have go to
     * the archive now.
     *
     * @param path one path (with what is under it), or empty for every local change
     * @return how many paths will be restored
     * @throws IllegalStateException if the folder's secret is read-write
     * @throws IllegalArgumentException if the path is not a valid relative path
     */
    public int restore(String path) {
        if (secret.access() != Access.READ_ONLY) {
            throw new IllegalStateException("only a read-only folder has local changes to give up; "
                    + "this folder's secret is read-write, so its changes are the folder's");
        }
        List<FileEntry> changed;
        if (path.isEmpty()) {
            try (Stream<FileEntry> entries = index.localEntries()) {
                changed = entries.filter(summary::isLocalChange).toList();
            }
        } else {
            RelativePath top = RelativePath.of(path);
            try (Stream<FileEntry> entries = index.localEntriesUnder(top)) {
                changed = entries.filter(summary::isLocalChange).toList();
            }
        }
        List<RelativePath> fromWriters = new ArrayList<>();
        List<RelativePath> added = new ArrayList<>();
        for (FileEntry entry : changed) {
            if (summary.hasRemote(entry.path())) {
                fromWriters.add(entry.path());
            } else if (!entry.deleted() && entry.type() != EntryType.DIRECTORY) {
                archiveAdded(entry.path());
                added.add(entry.path());
            }
        }
        planner.restore(fromWriters);
        LOG.info("{}: restoring {} path(s) from the writers, {} added here moved to the archive", root,
                fromWriters.size(), added.size());
        scans.requestScan(added);
        puller.wake(fromWriters);
        summary.invalidate();
        return fromWriters.size() + added.size();
    }

    private void archiveAdded(RelativePath path) {
        try {
            Path file = files.resolve(path);
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                files.archiveMove(path, file);
            }
        } catch (IOException e) {
            LOG.warn("{}: cannot move {} to the archive: {}", root, path, e.toString());
        }
    }

    private void scanned(ScanResult result, Collection<RelativePath> scope) {
        // Only a scan that recorded something wakes the puller: one that found nothing new
        // (say, a directory still not empty) must not start the same failing pass again.
        if (result.changes() > 0) {
            announcer.localChanged();
            if (scope == null) {
                puller.wakeAll();
            } else {
                puller.wake(scope);
                puller.wakeRetry();
            }
        }
    }

    private void commitPending() {
        try {
            if (index.hasUncommittedChanges()) {
                index.commitIfDue();
            }
        } catch (RuntimeException e) {
            LOG.debug("periodic commit failed: {}", e.toString());
        }
    }

    /**
     * Stops the watcher, the scans and the puller, closes every session ("folder stopped"),
     * stops the engine's threads and commits the index, leaving it open. Waits a few seconds
     * at most for work in progress.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        handler.stop();
        puller.close();
        List<PeerLink> links = registry.links();
        links.forEach(link -> senders.execute(() -> link.session.close(STOPPED)));
        scans.close(10_000);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            for (PeerLink link : links) {
                link.session.awaitClosed(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            }
            puller.await(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            for (ExecutorService pool : List.of(filePool, serving, senders)) {
                pool.shutdown();
            }
            for (ExecutorService pool : List.of(filePool, serving, senders)) {
                if (!pool.awaitTermination(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())),
                        TimeUnit.MILLISECONDS)) {
                    LOG.warn("{}: threads still busy after closing; leaving them to finish", root);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler.shutdownNow();
        server.close();
        try {
            index.commit();
        } catch (RuntimeException e) {
            LOG.warn("{}: final commit failed: {}", root, e.toString());
        }
    }

    // ---- for tests in this package

    Progress progress() {
        return progress;
    }

    Puller puller() {
        return puller;
    }

    BlockServer server() {
        return server;
    }

    FileFetch.Hooks fetchHooks() {
        return fetchHooks;
    }

    PeerRegistry registry() {
        return registry;
    }

    /** @return the highest local sequence sent to {@code peer}, or -1 if not connected */
    long sentUpTo(PeerId peer) {
        return registry.link(peer).map(IndexAnnouncer::sentUpTo).orElse(-1L);
    }

    /**
     * The folder's real path: every check that a path stays inside compares real paths. A
     * folder that is not there (an unmounted disk) keeps its given path; its missing marker
     * puts it in error until it is back.
     */
    private static Path realPath(Path root) {
        try {
            return root.toRealPath();
        } catch (IOException e) {
            return root.normalize();
        }
    }

    @Override
    public String toString() {
        return "FolderEngine[" + root + ", " + secret.access().label() + "]";
    }
}
