package org.swarmsync.sync.internal.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;

import org.junit.Test;
import org.swarmsync.sync.internal.engine.Swarm.Node;
import org.swarmsync.sync.internal.model.RelativePath;

/**
 * Serving blocks of files unchanged since they were hashed without hashing them again, and
 * what happens when a file changed behind the index's back: hashed and refused if its stat
 * shows it, and if not (same size and time), rejected by the receiver and hashed again here.
 * The sender scans only when told (no watcher, no periodic rescan during a test), so the disk
 * and the index differ exactly as the test makes them.
 */
public class ServeUnhashedTest extends SwarmTestBase {

    private static final EngineConfig NO_WATCH = Swarm.CONFIG.withWatch(false, Duration.ofMillis(50))
            .withRescanInterval(Duration.ofHours(1));
    private static final RelativePath FILE = RelativePath.of("data/file.bin");
    /** 4 MiB: 32 blocks of 128 KiB. */
    private static final int SIZE = 4 << 20;

    private Node senderWith(byte[] data) throws Exception {
        Node a = swarm.create("a", secret, NO_WATCH);
        Trees.write(a.root, FILE.text(), data);
        a.start();
        Swarm.await("a scanned", () -> a.index.local(FILE).isPresent());
        return a;
    }

    @Test
    public void anUnchangedFileIsServedWithoutHashingItAgain() throws Exception {
        byte[] data = Trees.random(random, SIZE);
        Node a = senderWith(data);
        Node b = swarm.add("b", secret);
        swarm.connectAll();
        swarm.awaitSameTrees();

        int blocks = a.index.local(FILE).orElseThrow().blocks().size();
        assertEquals(32, blocks);
        assertEquals("blocks sent unhashed", blocks, a.progress().blocksServedUnhashed.get());
        assertEquals(0, a.progress().blocksRefused.get());
        assertEquals(Trees.sha256(data), Trees.sha256(b.file(FILE.text())));
    }

    @Test
    public void aFileRewrittenWithTheSameSizeButAnotherTimeIsHashedRefusedAndScanned() throws Exception {
        Node a = senderWith(Trees.random(random, SIZE));
        // Behind the index's back: new content, same size, another time (no watcher to see it).
        byte[] changed = Trees.random(random, SIZE);
        Trees.write(a.root, FILE.text(), changed, 30_000);

        Node b = swarm.add("b", secret, NO_WATCH);
        swarm.connectAll();
        swarm.awaitSameTrees();

        assertTrue("requests refused", a.progress().blocksRefused.get() > 0);
        assertEquals(Trees.sha256(changed), Trees.sha256(b.file(FILE.text())));
    }

    @Test
    public void aFileRewrittenKeepingSizeAndTimeIsRejectedByThePeerAndHashedAgain() throws Exception {
        Node a = senderWith(Trees.random(random, SIZE));
        Path file = a.file(FILE.text());
        FileTime time = Files.getLastModifiedTime(file);
        byte[] changed = Trees.random(random, SIZE);
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.write(changed);
        }
        Files.setLastModifiedTime(file, time);
        assertEquals("the index cannot tell", a.index.local(FILE).orElseThrow().modifiedMillis(),
                Files.getLastModifiedTime(file).toMillis());

        Node b = swarm.add("b", secret, NO_WATCH);
        swarm.connect(b, a);
        // b finds the first block wrong and closes the session; a hashes the file again.
        Swarm.await("a sent a block unhashed", () -> a.progress().blocksServedUnhashed.get() > 0);
        Swarm.await("b closed the session", () -> a.engine.peers().isEmpty() && b.engine.peers().isEmpty());
        assertEquals("blocks b accepted", 0, b.progress().blocksReceived.get());
        Swarm.await("a hashed the file again", () -> a.index.local(FILE).orElseThrow().blocks().get(0).hash()
                .matches(sha256(Arrays.copyOf(changed, 128 * 1024))));
        swarm.connect(b, a); // as the node's dialer does after a session ends
        swarm.awaitSameTrees();
        assertEquals(Trees.sha256(changed), Trees.sha256(b.file(FILE.text())));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
