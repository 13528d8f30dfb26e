package org.swarmsync.sync.internal.index;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.Test;
import org.swarmsync.sync.internal.model.Block;
import org.swarmsync.sync.internal.model.EntryType;
import org.swarmsync.sync.internal.model.FileEntry;
import org.swarmsync.sync.internal.model.RelativePath;
import org.swarmsync.sync.internal.model.VersionVector;

public class EntryBytesTest {

    private final Random random = new Random(42);

    private void assertRoundTrip(FileEntry entry) {
        byte[] bytes = EntryBytes.encode(entry);
        assertEquals(EntryBytes.FORMAT, bytes[0]);
        FileEntry decoded = EntryBytes.decode(bytes);
        assertEquals(entry, decoded);
        assertArrayEquals("encoding is canonical", bytes, EntryBytes.encode(decoded));
    }

    @Test
    public void everyKindOfEntryRoundTrips() {
        assertRoundTrip(Entries.file("a.txt", 0, random, 7));
        assertRoundTrip(Entries.file("dir/b.bin", 1, random, 7));
        assertRoundTrip(Entries.file("dir/c.bin", 128 * 1024, random, -7).withSequence(99));
        assertRoundTrip(Entries.file("dir/d.bin", 200L << 20, random, Long.MIN_VALUE).withSequence(Long.MAX_VALUE));
        assertRoundTrip(Entries.directory("dir", 1));
        assertRoundTrip(Entries.link("dir/link", "../elsewhere/ünïcode", 1));
        assertRoundTrip(Entries.tombstone(Entries.file("gone", 5000, random, 3), 4));
        assertRoundTrip(Entries.tombstone(Entries.link("old-link", "x", 3), 4));
        VersionVector many = VersionVector.of(Map.of(Long.MIN_VALUE, 1L, -1L, Long.MAX_VALUE, 0L, 3L, Long.MAX_VALUE,
                5L));
        for (long mtime : new long[] {0, -1, Long.MIN_VALUE, Long.MAX_VALUE, -86_400_000L}) {
            assertRoundTrip(new FileEntry(RelativePath.of("日本/ファイル"), EntryType.FILE, 3, mtime, 0777, 1024,
                    List.of(new Block(0, 3, Entries.hash(random))), many, false, "", 12));
        }
    }

    @Test
    public void aLargeFileCostsAboutThirtyTwoBytesABlock() {
        FileEntry entry = Entries.file("big.bin", 200L << 20, random, 1);
        assertEquals(1600, entry.blocks().size());
        int length = EntryBytes.encode(entry).length;
        assertTrue("encoded " + length, length < 1600 * 32 + 100);
    }

    @Test
    public void entriesWhoseBlocksDoNotTileTheFileAreRefused() {
        Block first = new Block(0, 1024, Entries.hash(random));
        Block gap = new Block(2048, 1024, Entries.hash(random));
        Block second = new Block(1024, 1024, Entries.hash(random));
        FileEntry holes = new FileEntry(RelativePath.of("x"), EntryType.FILE, 3072, 0, 0, 1024, List.of(first, gap),
                VersionVector.EMPTY, false, "", 0);
        EntryFormatException e = assertThrows(EntryFormatException.class, () -> EntryBytes.encode(holes));
        assertTrue(e.getMessage(), e.getMessage().contains("x: 2 blocks for 3072 bytes"));
        FileEntry shuffled = new FileEntry(RelativePath.of("x"), EntryType.FILE, 2048, 0, 0, 1024,
                List.of(second, first), VersionVector.EMPTY, false, "", 0);
        e = assertThrows(EntryFormatException.class, () -> EntryBytes.encode(shuffled));
        assertTrue(e.getMessage(), e.getMessage().contains("x: block 0 lies at 1024+1024, expected 0+1024"));
        FileEntry directoryWithSize = new FileEntry(RelativePath.of("d"), EntryType.DIRECTORY, 10, 0, 0, 0, List.of(),
                VersionVector.EMPTY, false, "", 0);
        assertThrows(EntryFormatException.class, () -> EntryBytes.encode(directoryWithSize));
        FileEntry targetOnFile = new FileEntry(RelativePath.of("f"), EntryType.FILE, 0, 0, 0, 0, List.of(),
                VersionVector.EMPTY, false, "t", 0);
        assertThrows(EntryFormatException.class, () -> EntryBytes.encode(targetOnFile));
        FileEntry tinyBlocks = new FileEntry(RelativePath.of("f"), EntryType.FILE, 3, 0, 0, 3,
                List.of(new Block(0, 3, Entries.hash(random))), VersionVector.EMPTY, false, "", 0);
        assertThrows(EntryFormatException.class, () -> EntryBytes.encode(tinyBlocks));
    }

    private static void assertRefused(byte[] bytes, String expected) {
        try {
            FileEntry entry = EntryBytes.decode(bytes);
            fail("decoded " + entry);
        } catch (EntryFormatException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("entry bytes: "));
            assertTrue("'" + e.getMessage() + "' should mention '" + expected + "'", e.getMessage().contains(expected));
        }
    }

    @Test
    public void hostileBytesFailWithAMessageNamingTheFault() {
        byte[] good = EntryBytes.encode(Entries.file("dir/file", 300_000, random, 5));
        assertRefused(new byte[0], "truncated before the format");
        assertRefused(new byte[] {2}, "unknown format 2");
        assertRefused(new byte[] {1, 8}, "bad flags 0x8");
        assertRefused(new byte[] {1, 3}, "bad flags 0x3");
        assertRefused(Arrays.copyOf(good, good.length + 1), "block hashes need");
        assertRefused(Arrays.copyOf(good, good.length - 1), "block hashes need");
        // path length 0x80 0x00: a varint not in its shortest form
        assertRefused(new byte[] {1, 0, (byte) 0x80, 0}, "not in its shortest form");
        // path length of eleven continuation bytes
        byte[] endless = new byte[14];
        endless[0] = 1;
        Arrays.fill(endless, 2, 14, (byte) 0xFF);
        assertRefused(endless, "path length overflows 64 bits");
        assertRefused(new byte[] {1, 0, 2, '.', '.'}, "bad path: path has a '..' segment");
        assertRefused(new byte[] {1, 0, 2, '/', 'a'}, "bad path: path is absolute");
        assertRefused(new byte[] {1, 0, 2, (byte) 0xC3, (byte) 0x28}, "path is not valid UTF-8");
        assertRefused(new byte[] {1, 0, 5, 'a'}, "truncated path");
        assertRefused(new byte[] {1, 0, (byte) 0x81, (byte) 0x80, 0x01}, "path of 16385 bytes");
    }

    /** The bytes of a file entry "f", size 1, built by hand up to the version vector. */
    private static byte[] fileHeader(int... rest) {
        int[] head = {1, 0, 1, 'f', 1, 0, 0, 0};
        byte[] bytes = new byte[head.length + rest.length];
        for (int i = 0; i < head.length; i++) {
            bytes[i] = (byte) head[i];
        }
        for (int i = 0; i < rest.length; i++) {
            bytes[head.length + i] = (byte) rest[i];
        }
        return bytes;
    }

    @Test
    public void hostileVersionsCountsAndSizesAreRefusedBeforeAllocating() {
        assertRefused(fileHeader(0x80, 0x80, 0x01), "version names 16384 devices");
        assertRefused(fileHeader(2, 0, 0, 0, 0, 0, 0, 0, 2, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1), "out of order");
        assertRefused(fileHeader(1, 0, 0, 0, 0, 0, 0, 0, 2, 0), "counter below 1");
        assertRefused(fileHeader(1, 0, 0, 0, 0), "truncated version vector");
        // no devices, no target, block size 1024, a block count of 2^20 + 1 with no hashes
        assertRefused(fileHeader(0, 0, 0x80, 0x08, 0x81, 0x80, 0x40), "above " + EntryBytes.MAX_BLOCKS);
        // a count the bytes cannot hold
        assertRefused(fileHeader(0, 0, 0x80, 0x08, 0x80, 0x80, 0x20), "block hashes need");
        // block size below the minimum
        byte[] tiny = fileHeader(0, 0, 1, 1);
        tiny = Arrays.copyOf(tiny, tiny.length + 32);
        assertRefused(tiny, "block size 1 is neither 0 nor in");
        // block size 0 with a size
        assertRefused(fileHeader(0, 0, 0, 0), "size 1 with block size 0");
        // permissions 01000
        assertRefused(new byte[] {1, 0, 1, 'f', 0, 0, (byte) 0x80, 0x04}, "permission bits outside 0777");
    }

    @Test
    public void everyTruncationAndRandomCorruptionFailsCleanly() {
        byte[] good = EntryBytes.encode(new FileEntry(RelativePath.of("some/dir/file.txt"), EntryType.FILE, 300_000,
                1_700_000_000_000L, 0644, 131072, Entries.blocks(random, 300_000, 131072),
                VersionVector.of(Map.of(1L, 3L, -5L, 2L)), false, "", 77));
        for (int length = 0; length < good.length; length++) {
            byte[] cut = Arrays.copyOf(good, length);
            assertThrows("cut at " + length, EntryFormatException.class, () -> EntryBytes.decode(cut));
        }
        int decoded = 0;
        for (int round = 0; round < 20_000; round++) {
            byte[] bad = good.clone();
            int flips = 1 + random.nextInt(4);
            for (int i = 0; i < flips; i++) {
                bad[random.nextInt(Math.min(bad.length, 60))] = (byte) random.nextInt(256);
            }
            try {
                FileEntry entry = EntryBytes.decode(bad);
                EntryBytes.checkLayout(entry); // anything that decodes is a valid entry
                decoded++;
            } catch (EntryFormatException expected) {
                // the only exception allowed
            }
        }
        assertTrue("some corruptions (in times, hashes) still decode: " + decoded, decoded > 0);
    }
}
