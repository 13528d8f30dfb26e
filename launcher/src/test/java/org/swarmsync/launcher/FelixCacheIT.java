package org.swarmsync.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The launcher keeps its Felix cache between runs: a second start uses the bundles the first
 * installed, a changed jar is updated and a removed one uninstalled, two launchers at once
 * hold two cache slots, and with every slot taken a temporary cache is used.
 */
public class FelixCacheIT {

    private static final String SECRETS_JAR = "swarmsync-secrets-";

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void aSecondStartReusesTheCacheAndAChangedJarIsUpdated() throws Exception {
        Path bundles = copyOfBundles();
        Path cache = tmp.getRoot().toPath().resolve("cache");
        List<String> options = options(bundles, cache);

        assertOk(LauncherRun.withOptions(options, "", "secret", "new"));
        Map<String, FileTime> first = cachedJars(cache.resolve("0"));
        assertEquals(first.toString(), jarCount(bundles), first.size());
        // A run's Config Admin store must not reach the next run: the sync command's folder would come back.
        Path marker = cache.resolve("0").resolve(first.keySet().iterator().next()).getParent().getParent()
                .resolve("data/left-by-a-run");
        Files.createDirectories(marker.getParent());
        Files.writeString(marker, "x");

        assertOk(LauncherRun.withOptions(options, "", "secret", "new"));
        assertEquals("no bundle copied into the cache again", first, cachedJars(cache.resolve("0")));
        assertFalse("the data areas are emptied at each start", Files.exists(marker));

        Path secrets = findJar(bundles, SECRETS_JAR);
        rename(secrets, "swarmsync secrets EDITED");
        LauncherRun listed = LauncherRun.withOptions(options, "lb swarmsync\n", "shell");
        assertOk(listed);
        assertTrue(listed.stdout(), listed.stdout().contains("swarmsync secrets EDITED"));
        assertTrue(listed.stdout(), listed.stdout().contains("|Active"));

        Files.delete(findJar(bundles, "swarmsync-cli-"));
        LauncherRun help = LauncherRun.withOptions(options, "", "--help");
        assertOk(help);
        assertFalse("the removed bundle's commands are gone: " + help.stdout(), help.stdout().contains("\n  secret "));
    }

    @Test
    public void twoLaunchersAtOnceUseTwoSlots() throws Exception {
        Path cache = tmp.getRoot().toPath().resolve("cache");
        List<String> options = List.of("-D" + CacheSlot.PROPERTY + "=" + cache);
        Process shell = LauncherRun.start(options, "shell");
        try {
            CompletableFuture<String> err = LauncherRun.drain(shell.getErrorStream());
            OutputStream console = shell.getOutputStream();
            console.write("lb swarmsync\n".getBytes(StandardCharsets.UTF_8));
            console.flush();
            awaitLine(shell.getInputStream(), "swarmsync secrets", err);

            assertOk(LauncherRun.withOptions(options, "", "secret", "new"));
            assertTrue("the second launcher took the second slot", Files.isDirectory(cache.resolve("1/bundle1")));

            console.close();
            assertTrue(shell.waitFor(60, TimeUnit.SECONDS));
            assertEquals(err.join(), 0, shell.exitValue());
        } finally {
            shell.destroyForcibly();
        }
    }

    @Test
    public void withEverySlotTakenATemporaryCacheIsUsed() throws Exception {
        Path cache = tmp.getRoot().toPath().resolve("cache");
        Files.createDirectories(cache);
        List<FileChannel> held = new ArrayList<>();
        try {
            for (int i = 0; i < CacheSlot.SLOTS; i++) {
                FileChannel channel = FileChannel.open(cache.resolve(i + ".lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                held.add(channel);
                FileLock lock = channel.tryLock();
                assertTrue(lock != null);
            }
            assertOk(LauncherRun.withOptions(List.of("-D" + CacheSlot.PROPERTY + "=" + cache), "", "secret", "new"));
            for (int i = 0; i < CacheSlot.SLOTS; i++) {
                assertFalse("slot " + i + " is held by the test", Files.exists(cache.resolve(String.valueOf(i))));
            }
        } finally {
            for (FileChannel channel : held) {
                channel.close();
            }
        }
    }

    private Path copyOfBundles() throws IOException {
        Path copy = tmp.newFolder("bundles").toPath();
        Path source = LauncherRun.jar().resolveSibling("bundles");
        try (Stream<Path> jars = Files.list(source)) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, copy.resolve(jar.getFileName()));
            }
        }
        return copy;
    }

    private static List<String> options(Path bundles, Path cache) {
        return List.of("-Dswarmsync.bundles=" + bundles, "-D" + CacheSlot.PROPERTY + "=" + cache);
    }

    /** @return each bundle jar copy in the cache slot, by path, with its modification time */
    private static Map<String, FileTime> cachedJars(Path slot) throws IOException {
        Map<String, FileTime> jars = new TreeMap<>();
        try (Stream<Path> files = Files.walk(slot)) {
            for (Path file : files.filter(f -> f.getFileName().toString().equals("bundle.jar")).toList()) {
                jars.put(slot.relativize(file).toString(), Files.getLastModifiedTime(file));
            }
        }
        return jars;
    }

    private static long jarCount(Path bundles) throws IOException {
        try (Stream<Path> files = Files.list(bundles)) {
            return files.filter(f -> f.toString().endsWith(".jar")).count();
        }
    }

    private static Path findJar(Path bundles, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(bundles)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
        }
    }

    /** Rewrites a bundle jar with another Bundle-Name (a new size and time, as a rebuild gives). */
    private static void rename(Path jar, String name) throws IOException {
        Path edited = jar.resolveSibling("edited.tmp");
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().put(new Attributes.Name("Bundle-Name"), name);
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(edited), manifest)) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        Files.move(edited, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static void awaitLine(InputStream stdout, String text, CompletableFuture<String> err) throws Exception {
        CompletableFuture<Boolean> seen = CompletableFuture.supplyAsync(() -> {
            StringBuilder out = new StringBuilder();
            try {
                int c;
                while ((c = stdout.read()) >= 0) {
                    out.append((char) c);
                    if (out.indexOf(text) >= 0) {
                        return true;
                    }
                }
            } catch (IOException e) {
                return false;
            }
            return false;
        });
        assertTrue("the shell did not list its bundles: " + (err.isDone() ? err.join() : ""),
                seen.get(60, TimeUnit.SECONDS));
    }

    private static void assertOk(LauncherRun run) {
        assertEquals(run.stdout() + run.stderr(), 0, run.exitCode());
    }
}
