package org.swarmsync.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The directory one running launcher gives Felix as its bundle cache. Normally one of a few
 * numbered slots under a per-user cache directory, kept between runs so that a start need
 * not copy and parse every bundle jar again; each slot is held with a file lock for the
 * launcher's lifetime, so two launchers at once (a sender and a receiver on one machine)
 * never share one. When every slot is taken, or the cache directory cannot be written, a
 * temporary directory is used and deleted on {@link #close()}, as before slots existed.
 */
final class CacheSlot implements AutoCloseable {

    /** Enough for the usual two or three launchers of one user at once; more get a temporary cache. */
    static final int SLOTS = 4;
    /** Names the cache directory; default: {@code $XDG_CACHE_HOME/swarmsync/felix} or {@code ~/.cache/...}. */
    static final String PROPERTY = "swarmsync.felix.cache";

    private final Path dir;
    private final FileChannel lockFile;
    private final FileLock lock;

    private CacheSlot(Path dir, FileChannel lockFile, FileLock lock) {
        this.dir = dir;
        this.lockFile = lockFile;
        this.lock = lock;
    }

    /** The first free slot under the configured cache directory, or a temporary directory. */
    static CacheSlot acquire() throws IOException {
        Path base = baseDir();
        if (base != null) {
            for (int i = 0; i < SLOTS; i++) {
                CacheSlot slot = tryLock(base, i);
                if (slot != null) {
                    return slot;
                }
            }
        }
        return new CacheSlot(Files.createTempDirectory("swarmsync-felix-"), null, null);
    }

    /**
     * The per-user cache rather than a directory in the synced folder: the launcher also runs
     * commands that have no folder ({@code secret new}), and one cache serves every folder.
     */
    static Path baseDir() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null) {
            return configured.isBlank() ? null : Path.of(configured);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "swarmsync", "felix");
        }
        String home = System.getProperty("user.home");
        return home == null || home.isBlank() ? null : Path.of(home, ".cache", "swarmsync", "felix");
    }

    private static CacheSlot tryLock(Path base, int index) {
        FileChannel channel = null;
        try {
            Files.createDirectories(base);
            channel = FileChannel.open(base.resolve(index + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                Path dir = base.resolve(String.valueOf(index));
                Files.createDirectories(dir);
                return new CacheSlot(dir, channel, lock);
            }
        } catch (IOException | OverlappingFileLockException e) {
            // taken by this JVM, or the directory is not writable: try the next, or a temporary one
        }
        closeQuietly(channel);
        return null;
    }

    Path dir() {
        return dir;
    }

    /** @return whether the cache outlives this run (false: a temporary directory) */
    boolean persistent() {
        return lock != null;
    }

    /** Empties the slot, for a cache a crashed run left unusable. */
    void wipe() {
        deleteTree(dir, false);
    }

    /** Releases the slot; a temporary cache is deleted. */
    @Override
    public void close() {
        if (lock == null) {
            deleteTree(dir, true);
            return;
        }
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel below releases it too
        }
        closeQuietly(lockFile);
    }

    private static void deleteTree(Path root, boolean withRoot) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).filter(p -> withRoot || !p.equals(root))
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary cache is harmless; a slot left half-full is wiped on failure.
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing held
            }
        }
    }
}
