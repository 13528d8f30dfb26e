package org.swarmsync.sync.internal.scan;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.swarmsync.sync.internal.model.RelativePath;

public class FolderWatcherTest {

    /** Bounds every wait; events normally arrive within the 100 ms quiet period plus a little. */
    private static final long WAIT_SECONDS = 10;

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    private final BlockingQueue<ChangeBatch> batches = new LinkedBlockingQueue<>();
    private Path root;
    private FolderWatcher watcher;

    @Before
    public void setUp() throws IOException {
        root = temp.newFolder("folder").toPath();
        FolderMarker.create(root);
        Files.createDirectories(root.resolve("existing/nested"));
        Files.createDirectories(root.resolve("ignored"));
        watcher = FolderWatcher.start(root, path -> path.text().equals("ignored"), Duration.ofMillis(100),
                Duration.ofSeconds(1), batches::add);
    }

    @After
    public void tearDown() {
        watcher.close();
    }

    /** Waits until the batches seen include every one of {@code expected}. */
    private Set<RelativePath> awaitPaths(String... expected) throws InterruptedException {
        Set<RelativePath> wanted = new HashSet<>();
        for (String text : expected) {
            wanted.add(RelativePath.of(text));
        }
        Set<RelativePath> seen = new HashSet<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!seen.containsAll(wanted)) {
            ChangeBatch batch = batches.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (batch == null) {
                fail("saw " + seen + ", still waiting for " + wanted);
            }
            seen.addAll(batch.paths());
        }
        return seen;
    }

    @Test
    public void createModifyAndDeleteAreReported() throws Exception {
        Path file = root.resolve("existing/nested/file.txt");
        Files.writeString(file, "one");
        awaitPaths("existing/nested/file.txt");
        Files.writeString(file, "two", StandardOpenOption.APPEND);
        awaitPaths("existing/nested/file.txt");
        Files.delete(file);
        awaitPaths("existing/nested/file.txt");
        Files.writeString(root.resolve("top.txt"), "x");
        awaitPaths("top.txt");
    }

    @Test
    public void newDirectoriesAreWatchedAndWhatLandedInThemEarlyIsReported() throws Exception {
        int before = watcher.watchedDirectories();
        Files.createDirectories(root.resolve("fresh/deep"));
        Files.writeString(root.resolve("fresh/deep/early.txt"), "e");
        awaitPaths("fresh");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (watcher.watchedDirectories() < before + 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(before + 2, watcher.watchedDirectories());
        batches.clear();
        Files.writeString(root.resolve("fresh/deep/late.txt"), "l");
        awaitPaths("fresh/deep/late.txt");
    }

    @Test
    public void aBurstIsReportedAsFewBatches() throws Exception {
        for (int i = 0; i < 50; i++) {
            Files.writeString(root.resolve("burst-" + i), "b");
        }
        String[] all = new String[50];
        for (int i = 0; i < 50; i++) {
            all[i] = "burst-" + i;
        }
        awaitPaths(all);
        Thread.sleep(300);
        assertTrue("50 writes within the quiet period came as few batches, got " + batches.size() + " more",
                batches.size() <= 2);
    }

    @Test
    public void theSyncDirectoryAndIgnoredPathsAreNotReported() throws Exception {
        Files.writeString(root.resolve(".sync/tmp-write"), "internal");
        Files.writeString(root.resolve("ignored/file"), "ignored");
        Files.writeString(root.resolve("marker.txt"), "m");
        Set<RelativePath> seen = awaitPaths("marker.txt");
        Thread.sleep(300);
        batches.forEach(batch -> seen.addAll(batch.paths()));
        assertEquals(Set.of(RelativePath.of("marker.txt")), seen);
    }

    @Test
    public void closeStopsTheWatcher() throws Exception {
        watcher.close();
        Files.writeString(root.resolve("after-close.txt"), "x");
        assertNull(batches.poll(400, TimeUnit.MILLISECONDS));
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals("swarmsync-watch-folder") && thread.isAlive()));
    }
}
