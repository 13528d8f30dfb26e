package org.swarmsync.sync.internal.protocol;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.swarmsync.sync.internal.protocol.MalformedMessageTest.rejection;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.Test;
import org.swarmsync.codec.bencode.BBytes;
import org.swarmsync.codec.bencode.BDict;
import org.swarmsync.codec.bencode.BInteger;
import org.swarmsync.codec.bencode.BList;
import org.swarmsync.codec.bencode.BValue;
import org.swarmsync.codec.bencode.Bencode;
import org.swarmsync.sync.internal.model.EntryType;
import org.swarmsync.sync.internal.model.FileEntry;
import org.swarmsync.sync.internal.model.VersionVector;

/** Index entries: their encoding, every limit on them, and how batches are cut. */
public class IndexCodecTest {

    /** An index frame of 18 valid entries whose entry 17 has been changed by {@code change}. */
    private static String entry17(UnaryOperator<BDict.Builder> change) {
        List<BValue> entries = new ArrayList<>();
        for (FileEntry e : TestEntries.files(17)) {
            entries.add(EntryCodec.encode(e));
        }
        entries.add(change.apply(EntryCodec.encode(TestEntries.file("victim", 3L * Limits.MIN_BLOCK_SIZE, Limits.MIN_BLOCK_SIZE, 99))
                .toBuilder()).build());
        return rejection(IndexUpdate.envelope(BList.of(entries), 100, true));
    }

    private static UnaryOperator<BDict.Builder> set(String key, BValue value) {
        return b -> b.remove(key).put(key, value);
    }

    private static UnaryOperator<BDict.Builder> set(String key, long value) {
        return set(key, BInteger.of(value));
    }

    private static UnaryOperator<BDict.Builder> path(String path) {
        return set("p", BBytes.ofUtf8(path));
    }

    private static BList version(long[]... pairs) {
        List<BValue> list = new ArrayList<>();
        for (long[] pair : pairs) {
            list.add(BList.of(BBytes.wrap(Fields.device(pair[0])), BInteger.of(pair[1])));
        }
        return BList.of(list);
    }

    @Test
    public void pathsThatCouldLeaveTheFolderAreRefused() {
        assertEquals("index entry 17: path has a '..' segment", entry17(path("a/../../b")));
        assertEquals("index entry 17: path is absolute", entry17(path("/etc/passwd")));
        assertEquals("index entry 17: path has a NUL character", entry17(path("a\0b")));
        assertEquals("index entry 17: path has a backslash", entry17(path("..\\b")));
        assertEquals("index entry 17: path has an empty segment", entry17(path("a//b")));
        assertEquals("index entry 17: path is empty", entry17(path("")));
        assertEquals("index entry 17: key \"p\" is 4097 bytes, more than 4096", entry17(path("x".repeat(4097))));
        assertEquals("index entry 17: key \"p\" is not valid UTF-8", entry17(set("p", BBytes.wrap(new byte[] {(byte) 0xc0}))));
    }

    @Test
    public void sizesAndBlocksAreChecked() {
        assertEquals("index entry 17: key \"s\": expected an integer in [0, 1125899906842624], found 4611686018427387904",
                entry17(set("s", 1L << 62)));
        assertTrue(entry17(set("s", -1)).startsWith("index entry 17: key \"s\""));
        assertEquals("index entry 17: hash list of 96 bytes, expected 128 (4 blocks of 131072 bytes)",
                entry17(set("s", 3L * Limits.MIN_BLOCK_SIZE + 1)));
        assertEquals("index entry 17: hash list of 96 bytes, expected 64 (2 blocks of 131072 bytes)",
                entry17(set("s", 2L * Limits.MIN_BLOCK_SIZE)));
        assertEquals("index entry 17: block size 4096 is neither 0 nor in [2^17, 2^24]", entry17(set("b", 4096)));
        assertTrue(entry17(set("b", (1 << 24) + 1)).startsWith("index entry 17: key \"b\": expected an integer in [0, 16777216]"));
        assertEquals("index entry 17: size 393216 with block size 0", entry17(set("b", 0)));
        assertEquals("index entry 17: key \"h\": expected byte string, found list", entry17(set("h", BList.EMPTY)));
    }

    @Test
    public void kindsAndFlagsAreChecked() {
        assertTrue(entry17(set("k", 3)).startsWith("index entry 17: key \"k\": expected an integer in [0, 2], found 3"));
        assertEquals("index entry 17: a directory has size 393216, not 0", entry17(set("k", 1)));
        assertEquals("index entry 17: a link target on a file", entry17(set("l", BBytes.ofUtf8("t"))));
        assertTrue(entry17(set("d", 2)).startsWith("index entry 17: key \"d\": expected an integer in [0, 1]"));
        assertTrue(entry17(set("x", 01000)).startsWith("index entry 17: key \"x\": expected an integer in [0, 511]"));
        assertTrue(entry17(set("q", 0)).startsWith("index entry 17: key \"q\": expected an integer in [1,"));
        assertEquals("index entry 17: missing key \"m\"", entry17(b -> b.remove("m")));
    }

    @Test
    public void symlinkTargetsAreChecked() throws Exception {
        BDict link = EntryCodec.encode(TestEntries.symlink("l", "target", 1));
        String nul = rejection(IndexUpdate.envelope(BList.of(link.toBuilder().remove("l").putUtf8("l", "a\0b").build()), 1, true));
        assertEquals("index entry 0: link target has a NUL character", nul);
        for (String outside : new String[] {"/etc/passwd", "../outside", "a/../../x"}) {
            String refused = rejection(IndexUpdate.envelope(BList.of(link.toBuilder().remove("l").putUtf8("l", outside)
                    .build()), 1, true));
            assertEquals(outside, "index entry 0: link target points outside the folder", refused);
        }
        // A deleted link says nothing about where it pointed; an inside one passes.
        MessageCodec.decode(ByteBuffer.wrap(Bencode.encode(IndexUpdate.envelope(BList.of(link.toBuilder().remove("l")
                .putUtf8("l", "/gone").remove("d").put("d", 1).build()), 1, true))));
        MessageCodec.decode(ByteBuffer.wrap(Bencode.encode(IndexUpdate.envelope(BList.of(link.toBuilder().remove("l")
                .putUtf8("l", "./l2").build()), 1, true))));
        assertThrows(IllegalArgumentException.class,
                () -> EntryCodec.encode(TestEntries.symlink("l", "/etc/passwd", 1)));
    }

    @Test
    public void versionVectorsAreSortedUniqueAndBounded() {
        assertEquals("index entry 17: version item 1: devices not sorted", entry17(set("v", version(new long[] {5, 1}, new long[] {4, 1}))));
        assertEquals("index entry 17: version item 1: duplicate device", entry17(set("v", version(new long[] {5, 1}, new long[] {5, 2}))));
        // Unsigned order: 0xff.. sorts after 0x00..05, so this pair is sorted although -1 < 5 as a long.
        BDict unsigned = set("v", version(new long[] {5, 1}, new long[] {-1, 1}))
                .apply(EntryCodec.encode(TestEntries.file("ok", 1)).toBuilder()).build();
        try {
            assertEquals(2, EntryCodec.decode(unsigned).version().counters().size());
        } catch (ProtocolException e) {
            throw new AssertionError(e);
        }
        assertEquals("index entry 17: version item 0: counter 0 is below 1", entry17(set("v", version(new long[] {5, 0}))));
        assertEquals("index entry 17: version item 0 is not a [device, counter] pair",
                entry17(set("v", BList.of(BList.of(BInteger.of(1))))));
        assertEquals("index entry 17: version item 0: device of 4 bytes, not 8",
                entry17(set("v", BList.of(BList.of(BBytes.wrap(new byte[4]), BInteger.of(1))))));
        long[][] many = new long[1001][];
        for (int i = 0; i < many.length; i++) {
            many[i] = new long[] {i, 1};
        }
        assertEquals("index entry 17: version has 1001 devices, more than 1000", entry17(set("v", version(many))));
    }

    @Test
    public void versionsRoundTripInUnsignedDeviceOrder() throws Exception {
        FileEntry entry = TestEntries.file("v", 1);
        FileEntry withVersion = new FileEntry(entry.path(), entry.type(), entry.size(), entry.modifiedMillis(),
                entry.permissions(), entry.blockSize(), entry.blocks(),
                VersionVector.of(Map.of(-1L, 2L, 5L, 1L, Long.MIN_VALUE, 9L)), false, "", 1);
        BList v = EntryCodec.encode(withVersion).list("v");
        assertEquals(5L, Fields.device(v.list(0).bytes(0)));
        assertEquals(Long.MIN_VALUE, Fields.device(v.list(1).bytes(0)));
        assertEquals(-1L, Fields.device(v.list(2).bytes(0)));
        assertEquals(withVersion, EntryCodec.decode(EntryCodec.encode(withVersion)));
    }

    @Test
    public void indexFramesAreBounded() {
        List<BValue> entries = new ArrayList<>();
        BDict one = EntryCodec.encode(TestEntries.directory("d", 1));
        for (int i = 0; i < 1001; i++) {
            entries.add(one);
        }
        assertEquals("index frame has 1001 entries, more than 1000", rejection(IndexUpdate.envelope(BList.of(entries), 1, true)));
        byte[] huge = Bencode.encode(IndexUpdate.envelope(BList.of(EntryCodec.encode(TestEntries.directory("d", 1))), 1, true)
                .toBuilder().put("padding", new byte[Limits.MAX_INDEX_FRAME]).build());
        assertEquals("index frame of " + huge.length + " bytes exceeds 4194304", rejection(huge));
        assertEquals("index entry 0: expected dictionary, found integer",
                rejection(IndexUpdate.envelope(BList.of(BInteger.of(1)), 1, true)));
        assertTrue(rejection(IndexUpdate.envelope(BList.EMPTY, 1, true).toBuilder().remove("done").put("done", 2).build())
                .contains("key \"done\""));
    }

    @Test
    public void entriesThatPeersWouldRefuseAreNotSent() {
        FileEntry e = TestEntries.file("f", 1000, Limits.MIN_BLOCK_SIZE, 1);
        FileEntry badBlockSize = new FileEntry(e.path(), e.type(), e.size(), 0, 0, 4096, e.blocks(), e.version(), false, "", 1);
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> EntryCodec.encode(badBlockSize));
        assertEquals("index entry f cannot be sent: block size 4096 is neither 0 nor in [2^17, 2^24]", x.getMessage());
        FileEntry noSequence = e.withSequence(0);
        assertThrows(IllegalArgumentException.class, () -> EntryCodec.encode(noSequence));
        FileEntry missingBlocks = new FileEntry(e.path(), e.type(), 3L * Limits.MIN_BLOCK_SIZE, 0, 0, Limits.MIN_BLOCK_SIZE,
                e.blocks(), e.version(), false, "", 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EntryCodec.encode(missingBlocks)).getMessage()
                .contains("blocks do not tile the file"));
    }

    @Test
    public void batchesAreCutByCountAndSize() throws Exception {
        List<FileEntry> entries = TestEntries.files(2500);
        List<byte[]> frames = IndexFrames.encode(entries, 2500, true);
        assertEquals(3, frames.size());
        List<FileEntry> back = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            IndexUpdate update = (IndexUpdate) MessageCodec.decode(ByteBuffer.wrap(frames.get(i)));
            assertEquals(i == frames.size() - 1, update.done());
            assertEquals(2500, update.sequence());
            back.addAll(update.files());
        }
        assertEquals(entries, back);

        // Files of 20,000 blocks take ~640 KB each: six fit one 4 MiB frame, so 13 need three.
        List<FileEntry> big = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            big.add(TestEntries.file("big" + i, 20_000L * Limits.MIN_BLOCK_SIZE, Limits.MIN_BLOCK_SIZE, i + 1));
        }
        List<byte[]> bigFrames = IndexFrames.encode(big, 13, false);
        assertEquals(3, bigFrames.size());
        for (byte[] frame : bigFrames) {
            assertTrue(frame.length <= Limits.MAX_INDEX_FRAME);
            assertFalse(((IndexUpdate) MessageCodec.decode(ByteBuffer.wrap(frame))).done());
        }
    }

    @Test
    public void noEntriesStillMakeOneFrame() throws Exception {
        List<byte[]> frames = IndexFrames.encode(List.of(), 7, true);
        assertEquals(1, frames.size());
        assertEquals(new IndexUpdate(7, List.of(), true), MessageCodec.decode(ByteBuffer.wrap(frames.get(0))));
    }

    @Test
    public void anEntryTooLargeForAnyFrameIsRefusedUpFront() {
        // 140,000 blocks of hashes are 4.48 MB: more than one index frame may carry.
        FileEntry huge = TestEntries.file("huge", 140_000L * Limits.MIN_BLOCK_SIZE, Limits.MIN_BLOCK_SIZE, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IndexFrames.encode(List.of(TestEntries.file("a", 1), huge), 1, true));
        assertTrue(e.getMessage(), e.getMessage().startsWith("index entry huge takes "));
        assertEquals(EntryType.FILE, huge.type());
    }
}
