package org.swarmsync.sync.internal.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.SortedMap;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.Timeout;
import org.swarmsync.api.secrets.Secret;
import org.swarmsync.sync.internal.engine.Swarm.Node;

/** Two peers bring their trees together, and later changes on either side follow. */
public class TreeSyncTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    @Rule
    public Timeout timeout = Timeout.seconds(60);

    private Swarm swarm;
    private final Secret secret = Swarm.SECRETS.generate();
    private final Random random = new Random(42);

    @Before
    public void setUp() {
        swarm = new Swarm(tmp.getRoot().toPath());
    }

    @After
    public void tearDown() {
        swarm.close();
    }

    @Test
    public void twoPeersSyncAGeneratedTreeBothWays() throws Exception {
        Node a = swarm.create("a", secret);
        Node b = swarm.create("b", secret);
        byte[] big = Trees.random(random, 20 << 20);
        Trees.write(a.root, "media/video.bin", big);
        Trees.write(a.root, "docs/empty.txt", new byte[0]);
        Files.createDirectories(a.root.resolve("empty/deeper/still"));
        Files.createDirectories(b.root.resolve("only-b/empty"));
        for (int i = 0; i < 2000; i++) {
            Node owner = i % 2 == 0 ? a : b;
            Trees.write(owner.root, "small/" + (i % 20) + "/deep/f" + i + ".txt", Trees.random(random, 1 + random.nextInt(9000)));
        }
        Trees.write(b.root, "b-only/nested/x/y/z.dat", Trees.random(random, 300_000));
        Files.createSymbolicLink(b.root.resolve("b-only/link"), Path.of("nested/x/y/z.dat"));
        a.start();
        b.start();

        swarm.connectAll();
        swarm.awaitSameTrees();

        SortedMap<String, String> tree = b.tree();
        assertTrue(tree.get("media/video.bin").startsWith("f " + Trees.sha256(big)));
        assertEquals("l nested/x/y/z.dat", a.tree().get("b-only/link"));
        assertTrue(a.tree().containsKey("only-b/empty"));
        assertTrue(b.tree().containsKey("empty/deeper/still"));
        assertEquals(2000, tree.keySet().stream().filter(p -> p.endsWith(".txt") && p.startsWith("small/")).count());
        assertTrue(Files.exists(b.file("docs/empty.txt")));
        assertEquals(0, Files.size(b.file("docs/empty.txt")));
    }
}
