package org.swarmsync.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * An OSGi framework with every bundle of one folder installed and started. Its bundle cache
 * is kept between runs (see {@link CacheSlot}, {@link BundleJars}) but held by one launcher at
 * a time, and carries no run's state into the next: two launchers never share state through it.
 */
final class EmbeddedFramework implements AutoCloseable {

    private static final long STOP_WAIT_MILLIS = 15_000;
    private static final String CONSOLE = "org.apache.felix.gogo.shell";

    private final Framework framework;
    private final CacheSlot cache;

    private EmbeddedFramework(Framework framework, CacheSlot cache) {
        this.framework = framework;
        this.cache = cache;
    }

    /** @return the log level asked for with {@code -Dswarmsync.log.level}, WARN by default */
    static String logLevel() {
        return System.getProperty("swarmsync.log.level", "WARN");
    }

    /**
     * Starts a framework with the bundles of a folder.
     *
     * @param bundleDir the folder of bundle jars
     * @param interactiveShell whether the Gogo shell reads the console
     * @param warnings where problems with single bundles are reported
     */
    static EmbeddedFramework start(Path bundleDir, boolean interactiveShell, PrintStream warnings)
            throws IOException, BundleException {
        List<Path> jars = bundleJars(bundleDir);
        CacheSlot cache = CacheSlot.acquire();
        try {
            try {
                return start(cache, jars, interactiveShell, warnings);
            } catch (BundleException | IOException | RuntimeException e) {
                if (!cache.persistent()) {
                    throw e;
                }
                // A kept cache a killed run left half-written must not stop the node: build it anew.
                cache.wipe();
                return start(cache, jars, interactiveShell, warnings);
            }
        } catch (BundleException | IOException | RuntimeException e) {
            cache.close();
            throw e;
        }
    }

    private static EmbeddedFramework start(CacheSlot cache, List<Path> jars, boolean interactiveShell,
            PrintStream warnings) throws IOException, BundleException {
        if (cache.persistent()) {
            forgetRunState(cache.dir());
        }
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, cache.dir().toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, cache.persistent() ? "none"
                : Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put("gosh.args", interactiveShell ? "" : "--nointeractive");
        config.put("org.ops4j.pax.logging.DefaultServiceLog.level", logLevel());
        Framework framework = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"))
                .newFramework(config);
        EmbeddedFramework embedded = new EmbeddedFramework(framework, cache);
        try {
            // Installed and updated before the framework starts, so no bundle runs an old jar.
            framework.init();
            List<Bundle> bundles = new BundleJars(framework.getBundleContext(), cache.dir()).sync(jars);
            framework.start();
            embedded.startAll(bundles, warnings);
            return embedded;
        } catch (BundleException | IOException | RuntimeException e) {
            embedded.stop();
            throw e;
        }
    }

    /**
     * Deletes what bundles stored in their data areas in a kept cache (Config Admin keeps its
     * configurations there): each launcher run starts with no folders, as with a new cache.
     * Felix keeps bundle {@code N}'s data area in {@code bundleN/data}.
     */
    private static void forgetRunState(Path cacheDir) throws IOException {
        List<Path> dataDirs;
        try (Stream<Path> entries = Files.list(cacheDir)) {
            dataDirs = entries.filter(p -> p.getFileName().toString().startsWith("bundle"))
                    .map(p -> p.resolve("data")).filter(Files::isDirectory).toList();
        }
        for (Path data : dataDirs) {
            try (Stream<Path> paths = Files.walk(data)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static List<Path> bundleJars(Path bundleDir) throws IOException {
        if (!Files.isDirectory(bundleDir)) {
            throw new IOException("bundle folder " + bundleDir + " does not exist");
        }
        try (Stream<Path> files = Files.list(bundleDir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
    }

    private void startAll(List<Bundle> bundles, PrintStream warnings) {
        List<Bundle> ordered = new ArrayList<>(bundles);
        // The console starts last, so that it opens on a node whose bundles are all up.
        ordered.sort(Comparator.comparing(bundle -> CONSOLE.equals(bundle.getSymbolicName())));
        for (Bundle bundle : ordered) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            try {
                // Transient: the kept cache never starts a bundle on its own, before its jar is checked.
                bundle.start(Bundle.START_TRANSIENT);
            } catch (BundleException e) {
                warnings.println("swarmsync: bundle " + bundle.getSymbolicName() + " did not start: " + e.getMessage());
            }
        }
    }

    BundleContext context() {
        return framework.getBundleContext();
    }

    /** Blocks until something (the shell's {@code exit}, a signal) stops the framework. */
    void awaitStop() throws InterruptedException {
        framework.waitForStop(0);
    }

    /** Stops the framework, waits for it, and releases the bundle cache (deleted if temporary). */
    @Override
    public void close() {
        try {
            stop();
        } finally {
            cache.close();
        }
    }

    private void stop() {
        try {
            framework.stop();
            FrameworkEvent event = framework.waitForStop(STOP_WAIT_MILLIS);
            if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                System.err.println("swarmsync: the framework did not stop within " + STOP_WAIT_MILLIS + " ms");
            }
        } catch (BundleException e) {
            System.err.println("swarmsync: stopping the framework failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
