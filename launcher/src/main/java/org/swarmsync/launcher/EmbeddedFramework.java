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
 * An OSGi framework with every bundle of one folder installed and started, and a private
 * bundle cache that is deleted on {@link #close()}: two launchers on one machine never share
 * state through it.
 */
final class EmbeddedFramework implements AutoCloseable {

    private static final long STOP_WAIT_MILLIS = 15_000;
    private static final String CONSOLE = "org.apache.felix.gogo.shell";

    private final Framework framework;
    private final Path cache;

    private EmbeddedFramework(Framework framework, Path cache) {
        this.framework = framework;
        this.cache = cache;
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
        Path cache = Files.createTempDirectory("swarmsync-felix-");
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, cache.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put("gosh.args", interactiveShell ? "" : "--nointeractive");
        config.put("org.ops4j.pax.logging.DefaultServiceLog.level",
                System.getProperty("swarmsync.log.level", "WARN"));
        Framework framework = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"))
                .newFramework(config);
        EmbeddedFramework embedded = new EmbeddedFramework(framework, cache);
        try {
            framework.start();
            embedded.installAndStart(jars, warnings);
            return embedded;
        } catch (BundleException | RuntimeException e) {
            embedded.close();
            throw e;
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

    private void installAndStart(List<Path> jars, PrintStream warnings) throws BundleException {
        BundleContext context = framework.getBundleContext();
        List<Bundle> installed = new ArrayList<>();
        for (Path jar : jars) {
            installed.add(context.installBundle(jar.toUri().toString()));
        }
        // The console starts last, so that it opens on a node whose bundles are all up.
        installed.sort(Comparator.comparing(bundle -> CONSOLE.equals(bundle.getSymbolicName())));
        for (Bundle bundle : installed) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            try {
                bundle.start();
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

    /** Stops the framework, waits for it, and deletes the bundle cache. */
    @Override
    public void close() {
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
        } finally {
            deleteCache();
        }
    }

    private void deleteCache() {
        try (Stream<Path> paths = Files.walk(cache)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover cache in the temp folder is harmless; the next run makes its own.
        }
    }
}
