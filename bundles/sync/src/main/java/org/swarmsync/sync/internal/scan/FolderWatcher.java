package org.swarmsync.sync.internal.scan;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swarmsync.sync.internal.model.RelativePath;

/**
 * Watches a folder for changes and reports them in batches: a batch goes out once the
 * folder has been quiet for the quiet period, or when changes have kept coming for the
 * longest delay. Every directory is registered, new ones as they appear; {@code .sync/}
 * and ignored directories are not. Links are not followed.
 *
 * <p>The listener runs on the watcher's own daemon thread and should hand work off (e.g.
 * to a partial {@link Scanner#scan(java.util.Collection) scan}). The watcher is a hint, not
 * a guarantee (events can overflow; some file systems report nothing): run a periodic full
 * scan beside it.
 */
public final class FolderWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FolderWatcher.class);

    /** Default quiet period before a batch is reported. */
    public static final Duration DEFAULT_QUIET = Duration.ofMillis(200);
    /** Default longest delay of a batch while changes keep coming. */
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(2);

    /** How long a batch in progress gathers events before looking at them. */
    private static final long GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Path base;
    private final TreeWalker filter;
    private final WatchService service;
    private final Map<WatchKey, Path> directories = new ConcurrentHashMap<>();
    private final long quietNanos;
    private final long maxDelayNanos;
    private final Consumer<ChangeBatch> listener;
    private final Thread thread;
    private volatile boolean closed;

    private FolderWatcher(Path base, Predicate<RelativePath> ignored, Duration quiet, Duration maxDelay,
            Consumer<ChangeBatch> listener) throws IOException {
        this.base = base;
        this.filter = new TreeWalker(ignored);
        this.quietNanos = quiet.toNanos();
        this.maxDelayNanos = Math.max(maxDelay.toNanos(), quietNanos);
        this.listener = listener;
        this.service = base.getFileSystem().newWatchService();
        try {
            registerTree(base, null);
        } catch (IOException | RuntimeException e) {
            service.close();
            throw e;
        }
        thread = new Thread(this::run, "swarmsync-watch-" + base.getFileName());
        thread.setDaemon(true);
    }

    /**
     * Starts watching.
     *
     * @param root the folder
     * @param ignored paths not to watch or report
     * @param quiet how long the folder must be quiet before a batch is reported
     * @param maxDelay the longest a change waits while others keep coming
     * @param listener gets each batch, on the watcher's thread
     * @throws IOException if the folder cannot be watched
     */
    public static FolderWatcher start(Path root, Predicate<RelativePath> ignored, Duration quiet, Duration maxDelay,
            Consumer<ChangeBatch> listener) throws IOException {
        FolderWatcher watcher = new FolderWatcher(root.toRealPath(), ignored, quiet, maxDelay, listener);
        watcher.thread.start();
        return watcher;
    }

    /** Starts watching with the default quiet period and delay. */
    public static FolderWatcher start(Path root, Predicate<RelativePath> ignored, Consumer<ChangeBatch> listener)
            throws IOException {
        return start(root, ignored, DEFAULT_QUIET, DEFAULT_MAX_DELAY, listener);
    }

    /** Registers {@code top} and every directory beneath it; adds what it finds to {@code found}. */
    private void registerTree(Path top, Set<RelativePath> found) throws IOException {
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                RelativePath path = dir.equals(base) ? null : relative(dir);
                if (!dir.equals(base) && (path == null || TreeWalker.isInternal(path) || filter.isIgnored(path))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                try {
                    directories.put(dir.register(service, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY), dir);
                } catch (IOException e) {
                    // Most likely the inotify watch limit: the periodic scan covers what we miss.
                    LOG.warn("cannot watch {} ({}); its changes wait for the periodic scan", dir, e.toString());
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                RelativePath path = found == null ? null : relative(file);
                if (path != null) {
                    found.add(path);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // gone again, or unreadable: the scan will say
            }
        });
    }

    private RelativePath relative(Path file) {
        try {
            return RelativePath.between(base, file);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void run() {
        Set<RelativePath> pending = new HashSet<>();
        boolean overflow = false;
        long first = 0;
        long last = 0;
        while (!closed) {
            try {
                if (pending.isEmpty() && !overflow) {
                    WatchKey key = service.take();
                    first = System.nanoTime();
                    last = first;
                    overflow |= drain(key, pending);
                    continue;
                }
                long now = System.nanoTime();
                long due = Math.min(last + quietNanos, first + maxDelayNanos);
                if (due <= now) {
                    deliver(new ChangeBatch(pending, overflow));
                    pending = new HashSet<>();
                    overflow = false;
                    continue;
                }
                // Gather events for a moment rather than waking for each: a pull that places
                // thousands of files raises as many events; waking per event, the watcher of a
                // receiver of 10,000 files used 0.6 CPU s, gathering 0.3-0.45 (bench/README.md).
                TimeUnit.NANOSECONDS.sleep(Math.min(due - now, GATHER_NANOS));
                boolean more = false;
                for (WatchKey key = service.poll(); key != null; key = service.poll()) {
                    overflow |= drain(key, pending);
                    more = true;
                }
                if (more) {
                    last = System.nanoTime();
                }
            } catch (ClosedWatchServiceException | InterruptedException e) {
                break;
            }
        }
    }

    /** @return whether the batch must become a full rescan */
    private boolean drain(WatchKey key, Set<RelativePath> pending) {
        Path dir = directories.get(key);
        boolean overflow = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == OVERFLOW || dir == null) {
                overflow = true;
                continue;
            }
            Path child = dir.resolve((Path) event.context());
            RelativePath path = relative(child);
            if (path == null || TreeWalker.isInternal(path) || filter.isIgnored(path)) {
                continue;
            }
            pending.add(path);
            if (event.kind() == ENTRY_CREATE && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    // Files may have landed in it before it was registered: report them too.
                    registerTree(child, pending);
                } catch (IOException e) {
                    LOG.debug("new directory {} vanished or cannot be read: {}", path, e.toString());
                }
            }
        }
        if (!key.reset()) {
            directories.remove(key);
            if (dir != null && dir.equals(base)) {
                overflow = true; // the folder itself went away: let the scan find out why
            }
        }
        return overflow;
    }

    private void deliver(ChangeBatch batch) {
        try {
            listener.accept(batch);
        } catch (RuntimeException e) {
            LOG.warn("change listener failed", e);
        }
    }

    /** @return how many directories are watched */
    public int watchedDirectories() {
        return directories.size();
    }

    /** Stops watching and waits briefly for the thread to end. */
    @Override
    public void close() {
        closed = true;
        try {
            service.close();
        } catch (IOException e) {
            LOG.debug("closing the watch service: {}", e.toString());
        }
        thread.interrupt(); // ends a batch's gathering pause at once
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
