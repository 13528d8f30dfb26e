package org.swarmsync.sync.internal.engine;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A download's temporary file: direct writes for large files, the page cache for what does not line up. */
public class TempFileTest {

    private static final int BLOCK = 1 << 20;
    /** Large enough for direct I/O, with a short last block. */
    private static final int SIZE = 9 * BLOCK + 12_345;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path dir;
    private byte[] content;

    @Before
    public void setUp() throws Exception {
        dir = tmp.getRoot().toPath();
        content = new byte[SIZE];
        new Random(7).nextBytes(content);
    }

    /** Local disks take O_DIRECT; where the tests run elsewhere the byte checks still hold. */
    private void assumeDirectIoFileSystem() throws Exception {
        assumeTrue(Set.of("ext4", "xfs", "btrfs").contains(Files.getFileStore(dir).type()));
    }

    @Test
    public void aLargeDownloadOnALocalDiskWritesPastThePageCache() throws Exception {
        assumeDirectIoFileSystem();
        try (TempFile file = TempFile.open(dir.resolve("big.part"), SIZE, 0)) {
            assertTrue(file.isDirect());
        }
    }

    @Test
    public void aNewFileIsCreatedWithTheAskedBitsLessTheUmaskAndAResumedOneKeepsItsOwn() throws Exception {
        assumeTrue(ProcessUmask.get().isPresent());
        int umask = ProcessUmask.get().getAsInt();
        Path path = dir.resolve("bits.part");
        try (TempFile file = TempFile.open(path, 10, 0777)) {
            assertEquals(0777, file.createdBits());
        }
        // What the kernel applied is the umask we read: that is what lets a placement skip its chmod.
        assertEquals(0777 & ~umask, FolderFiles.bits(Files.getPosixFilePermissions(path)));
        try (TempFile file = TempFile.open(path, 10, 0600)) {
            assertEquals("not created now: its bits are not known to be the asked ones", -1, file.createdBits());
        }
        assertEquals(0777 & ~umask, FolderFiles.bits(Files.getPosixFilePermissions(path)));
    }

    @Test
    public void aSmallDownloadGoesThroughThePageCache() throws Exception {
        try (TempFile file = TempFile.open(dir.resolve("small.part"), TempFile.DIRECT_MIN_BYTES - 1, 0)) {
            assertFalse(file.isDirect());
        }
    }

    @Test
    public void blocksWrittenInAnyOrderIncludingTheShortLastOneReadBackExactly() throws Exception {
        Path path = dir.resolve("blocks.part");
        try (TempFile file = TempFile.open(path, SIZE, 0)) {
            int blocks = (SIZE + BLOCK - 1) / BLOCK;
            for (int i = blocks - 1; i >= 0; i -= 2) {
                write(file, i);
            }
            for (int i = blocks - 2; i >= 0; i -= 2) {
                write(file, i);
            }
            // Reads through the ordinary channel see what the direct writes put there.
            ByteBuffer back = ByteBuffer.allocate(BLOCK);
            assertTrue(Blocks.readFully(file.channel(), back, 3L * BLOCK));
            assertArrayEquals(Arrays.copyOfRange(content, 3 * BLOCK, 4 * BLOCK), back.array());
            file.channel().force(true);
        }
        assertArrayEquals(content, Files.readAllBytes(path));
    }

    @Test
    public void aWriteAtAnOffsetThatDoesNotLineUpStillLandsExactly() throws Exception {
        Path path = dir.resolve("odd.part");
        try (TempFile file = TempFile.open(path, SIZE, 0)) {
            file.write(ByteBuffer.wrap(content, 0, 4096), 0);
            file.write(ByteBuffer.wrap(content, 4096, 100), 4096);
            file.write(ByteBuffer.wrap(content, 4196, 8192), 4196);
        }
        assertArrayEquals(Arrays.copyOf(content, 4196 + 8192), Files.readAllBytes(path));
    }

    @Test
    public void aCopiedRunWithAShortTailAndAnUnalignedTargetLandsExactly() throws Exception {
        Path source = dir.resolve("source");
        Files.write(source, content);
        Path path = dir.resolve("copy.part");
        try (TempFile file = TempFile.open(path, SIZE, 0); FileChannel in = FileChannel.open(source)) {
            // Most of the file in one run (several copy chunks and a tail that does not line up).
            assertEquals(SIZE - BLOCK, file.copyFrom(in, BLOCK, SIZE - BLOCK, BLOCK));
            // The first block from two places, the second at an offset no direct write can take.
            assertEquals(4096, file.copyFrom(in, 0, 4096, 0));
            assertEquals(BLOCK - 4096, file.copyFrom(in, 4096, BLOCK - 4096, 4096));
        }
        assertArrayEquals(content, Files.readAllBytes(path));
    }

    @Test
    public void aCopyFromASourceShorterThanAskedReportsWhatItMoved() throws Exception {
        Path source = dir.resolve("short");
        Files.write(source, Arrays.copyOf(content, 5 * BLOCK + 100));
        try (TempFile file = TempFile.open(dir.resolve("short.part"), SIZE, 0);
                FileChannel in = FileChannel.open(source)) {
            assertTrue(file.copyFrom(in, 0, SIZE, 0) <= 5L * BLOCK + 100);
            assertEquals(0, file.copyFrom(in, 6L * BLOCK, BLOCK, 6L * BLOCK));
        }
    }

    private void write(TempFile file, int block) throws Exception {
        int from = block * BLOCK;
        int length = Math.min(BLOCK, SIZE - from);
        file.write(ByteBuffer.wrap(content, from, length).slice().asReadOnlyBuffer(), from);
    }
}
