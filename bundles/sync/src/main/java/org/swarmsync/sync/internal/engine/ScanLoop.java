package org.swarmsync.sync.internal.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swarmsync.sync.internal.index.FolderIndex;
import org.swarmsync.sync.internal.model.RelativePath;
import org.swarmsync.sync.internal.scan.ChangeBatch;
import org.swarmsync.sync.internal.scan.FolderWatcher;
import org.swarmsync.sync.internal.scan.MissingFolderMarkerException;
import org.swarmsync.sync.internal.scan.ScanResult;
import org.swarmsync.sync.internal.scan.Scanner;

/**
 * Runs the folder's scans on one thread of its own: the first full scan at start, a full
 * rescan every interval, and partial scans of what the watcher (started just before the first
 * scan) or the puller reports, requests arriving during a scan folded into the next. A
 * missing folder marker puts the folder in error and scans nothing; the periodic rescan checks
 * again and carries on once it is back.
 */
final class ScanLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScanLoop.class);

    /** Told after each scan. */
    interface Listener {
        /**
         * @param result what the scan did
         * @param scope the paths it scanned, or null for the whole folder
         */
        void scanned(ScanResult result, Collection<RelativePath> scope);
    }

    private final Path root;
    private final EngineConfig config;
    private final Scanner scanner;
    private final Listener listener;
    private final UnaryOperator<Set<RelativePath>> ours;
    private final ScheduledThreadPoolExecutor executor;
    private final CompletableFuture<Void> firstScan = new CompletableFuture<>();
    private final Object lock = new Object();
    private Set<RelativePath> pending = new HashSet<>();
    private boolean fullPending;
    private boolean queued;
    private final BooleanSupplier ignoredChanged;
    private volatile FolderWatcher watcher;
    private volatile String error;
    private volatile boolean scanning;
    private volatile boolean closed;

    /**
     * @param ignored paths not to scan (their entries are kept)
     * @param ignoredChanged reads the ignore rules again before each scan; true if they
     *        changed, which makes the scan a full one
     * @param ours drops from a watcher batch the paths that only show the puller's own work
     */
    ScanLoop(Path root, FolderIndex index, EngineConfig config, Predicate<RelativePath> ignored,
            BooleanSupplier ignoredChanged, ThreadFactory threads, Listener listener,
            UnaryOperator<Set<RelativePath>> ours) {
        this.root = root;
        this.config = config;
        this.ignoredChanged = ignoredChanged;
        this.scanner = new Scanner(root, index, ignored, config.hashThreads());
        this.listener = listener;
        this.ours = ours;
        this.executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread t = threads.newThread(runnable);
            t.setName("swarmsync-scan " + root.getFileName());
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    /** Schedules the first scan now and the periodic ones after it. */
    void start() {
        long interval = config.rescanInterval().toMillis();
        executor.scheduleWithFixedDelay(this::requestFullScan, 0, interval, TimeUnit.MILLISECONDS);
    }

    /** @return completes after the first scan that succeeded */
    CompletableFuture<Void> firstScan() {
        return firstScan;
    }

    /** @return why the folder cannot be scanned, or null if it can */
    String error() {
        return error;
    }

    boolean scanning() {
        return scanning;
    }

    /** @return whether the scanner doubts that {@code path} is unchanged even if its size and time say so */
    boolean mayHaveChanged(RelativePath path) {
        return scanner.mayHaveChanged(path);
    }

    /** Scans these paths, hashing them even if their size and time match their entries. */
    void recheck(Collection<RelativePath> paths) {
        scanner.recheck(paths);
        requestScan(paths);
    }

    void requestFullScan() {
        synchronized (lock) {
            fullPending = true;
            queue();
        }
    }

    void requestScan(Collection<RelativePath> paths) {
        synchronized (lock) {
            pending.addAll(paths);
            queue();
        }
    }

    private void queue() {
        if (!queued && !closed) {
            queued = true;
            try {
                executor.execute(this::runPending);
            } catch (RejectedExecutionException e) {
                queued = false;
            }
        }
    }

    private void runPending() {
        Set<RelativePath> paths;
        boolean full;
        synchronized (lock) {
            queued = false;
            full = fullPending || !firstScan.isDone();
            paths = pending;
            pending = new HashSet<>();
            fullPending = false;
        }
        if (closed || !full && paths.isEmpty()) {
            return;
        }
        // A list edited just before the files it ignores must not let them in.
        full |= ignoredChanged.getAsBoolean();
        scanning = true;
        try {
            // Watch before walking: a change made while the walk runs is reported afterwards,
            // not lost until the next rescan.
            startWatcher();
            ScanResult result = full ? scanner.scan() : scanner.scan(paths);
            if (error != null) {
                LOG.info("folder {} can be scanned again", root);
            }
            error = null;
            LOG.debug("scanned {}{}: {}", root, full ? "" : " (" + paths.size() + " paths)", result);
            firstScan.complete(null);
            listener.scanned(result, full ? null : List.copyOf(paths));
        } catch (MissingFolderMarkerException e) {
            reportError(e.getMessage());
        } catch (IOException e) {
            reportError("cannot scan " + root + ": " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("scanning {} failed", root, e);
            reportError("scanning failed: " + e);
        } finally {
            scanning = false;
        }
    }

    private void reportError(String message) {
        if (!message.equals(error)) {
            LOG.warn("{}", message);
        }
        error = message;
    }

    private void startWatcher() {
        if (watcher != null || !config.watch() || closed) {
            return;
        }
        try {
            watcher = FolderWatcher.start(root, config.ignored(), config.watchQuiet(), config.watchMaxDelay(),
                    this::changed);
        } catch (IOException e) {
            LOG.warn("cannot watch {} ({}); changes are found by the rescan every {} s", root, e.toString(),
                    config.rescanInterval().toSeconds());
        }
    }

    private void changed(ChangeBatch batch) {
        if (batch.overflow()) {
            requestFullScan();
        } else {
            Set<RelativePath> paths = ours.apply(batch.paths());
            if (!paths.isEmpty()) {
                requestScan(paths);
            }
        }
    }

    /**
     * Stops the watcher and the periodic scans, and waits up to {@code waitMillis} for a scan
     * that is running (it is not interrupted: an interrupt would close the index's file).
     */
    void close(long waitMillis) {
        closed = true;
        closeWatcher();
        executor.shutdown();
        try {
            if (executor.awaitTermination(waitMillis, TimeUnit.MILLISECONDS)) {
                closeWatcher(); // one started by the scan that was running
                scanner.close();
            } else {
                LOG.warn("a scan of {} is still running; leaving it to finish", root);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeWatcher() {
        FolderWatcher w = watcher;
        if (w != null) {
            w.close();
        }
    }

    @Override
    public void close() {
        close(10_000);
    }
}
