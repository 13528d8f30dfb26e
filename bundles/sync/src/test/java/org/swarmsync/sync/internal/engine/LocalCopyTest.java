package org.swarmsync.sync.internal.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Test;
import org.swarmsync.sync.internal.engine.Swarm.Node;
import org.swarmsync.sync.internal.model.RelativePath;

/**
 * A changed file rebuilt from the local blocks of its old version (or another file) copied
 * file to file: only the changed blocks cross the network, the result is byte-exact, and a
 * source that changes while it is copied never makes a wrong file.
 */
public class LocalCopyTest extends SwarmTestBase {

    private static final int MIB = 1 << 20;

    @Test
    public void oneChangedMebibyteInTheMiddleIsAllThatIsReceived() throws Exception {
        Node a = swarm.add("a", secret);
        Node b = swarm.add("b", secret);
        byte[] data = Trees.random(random, 64 * MIB);
        Trees.write(a.root, "big.bin", data);
        swarm.connectAll();
        swarm.awaitSameTrees();
        int blockSize = a.index.local(RelativePath.of("big.bin")).orElseThrow().blockSize();
        long receivedBefore = b.progress().bytesReceived.get();
        long unhashedBefore = b.progress().blocksCopiedUnhashed.get();

        byte[] patch = Trees.random(random, MIB);
        System.arraycopy(patch, 0, data, 32 * MIB, MIB);
        overwrite(a, "big.bin", 32 * MIB, patch);
        Swarm.await("b has the new content", () -> sameContent(b, "big.bin", data));
        swarm.awaitSameTrees();

        long received = b.progress().bytesReceived.get() - receivedBefore;
        assertTrue("received " + received + " bytes", received >= MIB && received <= MIB + blockSize);
        long unhashed = b.progress().blocksCopiedUnhashed.get() - unhashedBefore;
        assertEquals("blocks copied file to file", (64 * MIB - MIB) / blockSize, unhashed);
        assertEquals(Trees.sha256(data), Trees.sha256(b.file("big.bin")));
    }

    @Test
    public void aLocalCopyStoppedPartWayResumesWithTheBlocksItCopied() throws Exception {
        Node a = swarm.add("a", secret);
        // b retries a failed download after a second rather than a minute.
        Node b = swarm.add("b", secret, Swarm.CONFIG.withRescanInterval(Duration.ofSeconds(1)));
        byte[] data = Trees.random(random, 64 * MIB);
        Trees.write(a.root, "big.bin", data);
        swarm.connectAll();
        swarm.awaitSameTrees();
        int blockSize = a.index.local(RelativePath.of("big.bin")).orElseThrow().blockSize();
        long unhashedBefore = b.progress().blocksCopiedUnhashed.get();
        long receivedBefore = b.progress().bytesReceived.get();

        // The third run (past the changed MiB) fails before it starts: the download stops with
        // two runs copied and must keep them.
        AtomicInteger runs = new AtomicInteger();
        b.engine.fetchHooks().beforeRun = source -> {
            if (runs.incrementAndGet() == 3) {
                throw new IllegalStateException("the test stops this copy");
            }
        };
        byte[] patch = Trees.random(random, MIB);
        System.arraycopy(patch, 0, data, 32 * MIB, MIB);
        overwrite(a, "big.bin", 32 * MIB, patch);
        Swarm.await("b has the new content", () -> sameContent(b, "big.bin", data));

        assertTrue("runs started: " + runs.get(), runs.get() > 3);
        long unhashed = b.progress().blocksCopiedUnhashed.get() - unhashedBefore;
        assertEquals("blocks copied file to file, none twice", (64 * MIB - MIB) / blockSize, unhashed);
        long received = b.progress().bytesReceived.get() - receivedBefore;
        assertTrue("received " + received + " bytes", received <= MIB + blockSize);
        assertEquals(Trees.sha256(data), Trees.sha256(b.file("big.bin")));
    }

    @Test
    public void aSourceChangedWhileItIsCopiedNeverMakesAWrongFile() throws Exception {
        Node a = swarm.add("a", secret);
        Node b = swarm.add("b", secret);
        byte[] original = Trees.random(random, 8 * MIB);
        Trees.write(a.root, "x.bin", original);
        swarm.connectAll();
        swarm.awaitSameTrees();

        // On b, the first run copied from x.bin finds x.bin overwritten just before it starts.
        AtomicInteger runs = new AtomicInteger();
        byte[] garbage = Trees.random(random, 8 * MIB);
        b.engine.fetchHooks().beforeRun = source -> {
            if (source.text().equals("x.bin") && runs.getAndIncrement() == 0) {
                try {
                    overwrite(b, "x.bin", 0, garbage);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        // y.bin: x.bin with its fifth MiB changed, so most of it can come from x.bin.
        byte[] y = original.clone();
        System.arraycopy(Trees.random(random, MIB), 0, y, 4 * MIB, MIB);
        Trees.write(a.root, "y.bin", y);

        Swarm.await("b has y.bin", () -> sameContent(b, "y.bin", y));
        assertTrue("a run from x.bin was started", runs.get() >= 1);
        // b's edit of x.bin is a local change like any other: it reaches a too.
        swarm.awaitSameTrees();
        assertEquals(Trees.sha256(y), Trees.sha256(b.file("y.bin")));
        assertEquals(Trees.sha256(garbage), Trees.sha256(a.file("x.bin")));
    }

    private static void overwrite(Node node, String path, long offset, byte[] bytes) throws IOException {
        try (FileChannel out = FileChannel.open(node.file(path), StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long at = offset;
            while (buffer.hasRemaining()) {
                at += out.write(buffer, at);
            }
        }
    }

    private static boolean sameContent(Node node, String path, byte[] expected) {
        try {
            return Trees.sha256(node.file(path)).equals(Trees.sha256(expected));
        } catch (IOException e) {
            return false; // not there yet
        }
    }
}
