package org.swarmsync.sync.internal.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.Timeout;
import org.swarmsync.api.secrets.Secret;

/** A fresh swarm and secret per test, closed after it. */
public abstract class SwarmTestBase {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    @Rule
    public Timeout timeout = Timeout.seconds(60);

    protected Swarm swarm;
    protected final Secret secret = Swarm.SECRETS.generate();
    protected final Random random = new Random(42);

    @Before
    public void startSwarm() {
        swarm = new Swarm(tmp.getRoot().toPath());
    }

    @After
    public void closeSwarm() {
        swarm.close();
    }

    /** @return the files directly in {@code dir} whose names contain {@code part} */
    static List<Path> filesNamed(Path dir, String part) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().contains(part)).sorted().toList();
        }
    }

    /** @return every file under {@code dir}, recursively */
    static List<Path> allFiles(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
