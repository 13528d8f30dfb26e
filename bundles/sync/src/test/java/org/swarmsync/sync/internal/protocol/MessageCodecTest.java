package org.swarmsync.sync.internal.protocol;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

import org.junit.Test;
import org.swarmsync.api.discovery.PeerId;
import org.swarmsync.api.secrets.Access;
import org.swarmsync.codec.bencode.BDict;
import org.swarmsync.codec.bencode.Bencode;
import org.swarmsync.sync.internal.model.Hash256;
import org.swarmsync.sync.internal.model.RelativePath;

public class MessageCodecTest {

    static byte[] bytes(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed + i * 7);
        }
        return b;
    }

    static ByteBuffer frameOf(Message message) {
        ByteBuffer[] parts = MessageCodec.encode(message);
        int length = 0;
        for (ByteBuffer p : parts) {
            length += p.remaining();
        }
        ByteBuffer all = ByteBuffer.allocate(length);
        for (ByteBuffer p : parts) {
            all.put(p.duplicate());
        }
        return all.flip();
    }

    private static Message roundTrip(Message message) throws ProtocolException {
        Message decoded = MessageCodec.decode(frameOf(message));
        assertEquals(message, decoded);
        // Canonical: encoding the decoded message gives the same bytes.
        assertEquals(frameOf(message), frameOf(decoded));
        return decoded;
    }

    @Test
    public void helloRoundTrips() throws Exception {
        Hello hello = new Hello(1, PeerId.of(bytes(20, 1)), 0x8000000000000001L, bytes(32, 9), "swarmsync 0.1 – ü",
                Access.READ_WRITE);
        roundTrip(hello);
        roundTrip(new Hello(1, PeerId.of(bytes(20, 2)), 0, bytes(32, 3), "", Access.READ_ONLY));
    }

    @Test
    public void authRoundTripsWithAndWithoutReadWriteProof() throws Exception {
        roundTrip(new Auth(bytes(32, 1), Optional.of(bytes(32, 2))));
        Auth ro = (Auth) roundTrip(new Auth(bytes(32, 1), Optional.empty()));
        assertTrue(ro.rw().isEmpty());
    }

    @Test
    public void smallMessagesRoundTrip() throws Exception {
        roundTrip(new Want(0));
        roundTrip(new Want(Long.MAX_VALUE));
        roundTrip(Ping.INSTANCE);
        roundTrip(new Close("bye – for now"));
        roundTrip(new BlockError(7, "file changed"));
        roundTrip(new BlockRequest(3, RelativePath.of("a/b c/d.txt"), 1L << 40, Limits.MAX_BLOCK_LENGTH,
                Hash256.wrap(bytes(32, 5))));
    }

    @Test
    public void indexRoundTripsEveryKindOfEntry() throws Exception {
        roundTrip(new IndexUpdate(99, List.of(TestEntries.file("big", 5L * Limits.MIN_BLOCK_SIZE + 17, Limits.MIN_BLOCK_SIZE, 4),
                TestEntries.file("empty", 0, Limits.MIN_BLOCK_SIZE, 5), TestEntries.directory("d/e", 6),
                TestEntries.symlink("dir/link", "../target", 7)), true));
        roundTrip(new IndexUpdate(0, List.of(), false));
    }

    @Test
    public void blockDataRoundTripsAndIsWrittenAsCanonicalBencode() throws Exception {
        byte[] data = bytes(100_000, 3);
        BlockData block = new BlockData(12345, ByteBuffer.wrap(data));
        roundTrip(block);
        byte[] canonical = Bencode.encode(BDict.builder().putUtf8("t", "block").put("id", 12345).put("data", data).build());
        assertEquals(ByteBuffer.wrap(canonical), frameOf(block));
        // Empty data is a valid block (a zero-length read never happens, but the codec allows it).
        roundTrip(new BlockData(0, ByteBuffer.allocate(0)));
    }

    @Test
    public void encodingBlockDataDoesNotCopyTheCallersBuffer() {
        byte[] data = bytes(1000, 1);
        ByteBuffer[] parts = MessageCodec.encode(new BlockData(1, ByteBuffer.wrap(data)));
        assertEquals(3, parts.length);
        data[0] = 42; // visible through the middle part: it is a view, not a copy
        assertEquals(42, parts[1].get(parts[1].position()));
    }

    @Test
    public void decodedBlockDataIsAViewOfTheFrame() throws Exception {
        ByteBuffer frame = frameOf(new BlockData(1, ByteBuffer.wrap(bytes(1000, 1))));
        BlockData decoded = (BlockData) MessageCodec.decode(frame);
        ByteBuffer data = decoded.data();
        assertTrue(data.isReadOnly());
        int at = frame.limit() - "2:idi1e1:t5:blocke".length() - 1; // the last data byte
        frame.put(at, (byte) 99);
        assertEquals(99, data.get(data.limit() - 1));
        assertNotSame(decoded.data(), decoded.data());
    }

    @Test
    public void unknownKeysInAKnownMessageAreIgnored() throws Exception {
        byte[] body = Bencode.encode(BDict.builder().putUtf8("t", "want").put("since", 5).put("zz-future", 1)
                .put("a-future", BDict.EMPTY).build());
        assertEquals(new Want(5), MessageCodec.decode(ByteBuffer.wrap(body)));
    }

    @Test
    public void reasonsAreCutToTheLimitAtACharacterBoundary() {
        String longReason = "é".repeat(200); // 400 bytes
        Close close = Close.truncating(longReason);
        assertEquals(128, close.reason().length());
        assertEquals(256, close.reason().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        String odd = "a" + "€".repeat(100); // 1 + 300 bytes: cut must not split a 3-byte character
        assertEquals(1 + 85, Close.truncating(odd).reason().length());
        assertEquals("short", BlockError.truncating(1, "short").reason());
    }

    @Test
    public void encodeToArrayMatchesEncode() {
        Want want = new Want(17);
        assertArrayEquals(MessageCodec.encodeToArray(want), frameOf(want).array());
    }
}
