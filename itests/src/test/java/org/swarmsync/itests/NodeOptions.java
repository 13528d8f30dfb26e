package org.swarmsync.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.ops4j.pax.exam.Option;

/** The options every test shares: a node made of the bundles the build lays in target/bundles. */
final class NodeOptions {

    private NodeOptions() {
    }

    static Option node() {
        Path dir = Path.of(System.getProperty("swarmsync.bundles", "target/bundles"));
        try (Stream<Path> jars = Files.list(dir)) {
            Option[] bundles = jars.filter(p -> p.toString().endsWith(".jar")).sorted()
                    .map(p -> bundle(p.toUri().toString()))
                    .toArray(Option[]::new);
            return composite(
                    composite(bundles),
                    junitBundles(),
                    frameworkProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"),
                    // pax-logging-api reads its fallback level from the JVM too (the framework
                    // runs in this JVM): without it, pax-exam's extender logs at DEBUG to the build log.
                    systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"),
                    // A loaded machine (CI, other builds on the cores) can start the probe slowly.
                    systemTimeout(60_000),
                    cleanCaches());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the node's bundles in " + dir, e);
        }
    }
}
