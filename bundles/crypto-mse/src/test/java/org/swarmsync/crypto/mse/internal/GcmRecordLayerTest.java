package org.swarmsync.crypto.mse.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;
import org.swarmsync.api.transport.Connection;

/**
 * The record layer over an in-memory pipe, one end wrapped in {@link MseConnection}, the other
 * raw, where the test writes records of its own making (and breaks them).
 */
public class GcmRecordLayerTest {

    @Rule
    public final Timeout timeout = Timeout.seconds(30);

    private static final byte[] A = HexFormat.of().parseHex(GcmKnownAnswerTest.GCM_A);
    private static final byte[] B = HexFormat.of().parseHex(GcmKnownAnswerTest.GCM_B);

    private final Connection[] pipe = MemoryPipe.pair(1 << 20);
    /** Reads records sealed with A, writes records sealed with B. */
    private final MseConnection reader = new MseConnection(pipe[0],
            new GcmRecordLayer(new GcmRecordCipher(A, false), new GcmRecordCipher(B, true), ByteBuffer.allocate(0)),
            ByteBuffer.allocate(0));
    /** What the peer seals with. */
    private final GcmRecordCipher peerSeal = new GcmRecordCipher(A, true);

    @Test
    public void recordsArriveInOrderWhateverTheReadSizes() throws IOException {
        byte[] data = new byte[100_000];
        new Random(1).nextBytes(data);
        for (int off = 0; off < data.length; off += 7000) {
            send(record(data, off, Math.min(7000, data.length - off)));
        }
        Random sizes = new Random(2);
        byte[] got = new byte[data.length];
        int at = 0;
        while (at < got.length) {
            int want = Math.min(got.length - at, 1 + sizes.nextInt(sizes.nextBoolean() ? 50 : 20_000));
            ByteBuffer dst = sizes.nextBoolean() ? ByteBuffer.allocateDirect(want) : ByteBuffer.allocate(want);
            int n = reader.read(dst);
            assertTrue(n > 0 && n <= want);
            dst.flip().get(got, at, n);
            at += n;
        }
        assertArrayEquals(data, got);
    }

    @Test
    public void aPartialRecordWaitsForTheRestAndSurvivesATimeout() throws IOException {
        byte[] text = "split across two writes".getBytes(StandardCharsets.US_ASCII);
        byte[] rec = record(text, 0, text.length);
        send(Arrays.copyOf(rec, 9));
        reader.setReadTimeout(Duration.ofMillis(100));
        try {
            reader.read(ByteBuffer.allocate(100));
            fail("read returned with only part of a record");
        } catch (SocketTimeoutException expected) {
            // nothing whole to hand out yet
        }
        send(Arrays.copyOfRange(rec, 9, rec.length));
        ByteBuffer dst = ByteBuffer.allocate(100);
        assertEquals(text.length, reader.read(dst));
        assertArrayEquals(text, Arrays.copyOf(dst.array(), text.length));
    }

    @Test
    public void anEmptyRecordIsSkipped() throws IOException {
        byte[] text = {42};
        send(record(text, 0, 0));
        send(record(text, 0, 1));
        ByteBuffer dst = ByteBuffer.allocate(10);
        assertEquals(1, reader.read(dst));
        assertEquals(42, dst.get(0));
    }

    @Test
    public void aFlippedBitFailsTheReaderWithTheCauseAfterTheGoodRecords() throws IOException {
        byte[] good = "this record is fine".getBytes(StandardCharsets.US_ASCII);
        send(record(good, 0, good.length));
        byte[] bad = record("this one is altered".getBytes(StandardCharsets.US_ASCII), 0, 19);
        bad[10] ^= 0x01;
        send(bad);
        ByteBuffer dst = ByteBuffer.allocate(1000);
        assertEquals(good.length, reader.read(dst));
        assertArrayEquals(good, Arrays.copyOf(dst.array(), good.length));
        try {
            int n = reader.read(dst);
            fail("read " + n + " bytes of an altered record");
        } catch (IOException e) {
            assertEquals("AES-GCM record failed authentication", e.getMessage());
        }
        // The record would have been opened straight into dst: not one byte of it may land there.
        assertEquals(good.length, dst.position());
        assertArrayEquals(new byte[1000 - good.length], Arrays.copyOfRange(dst.array(), good.length, 1000));
        assertFalse("the connection ended", pipe[0].isOpen());
        expectFailure("AES-GCM record failed authentication"); // and stays failed with its cause
    }

    @Test
    public void anOversizedLengthFailsAtOnce() throws IOException {
        send(new byte[] {(byte) 0xff, (byte) 0xff, 1, 2, 3});
        expectFailure("AES-GCM record too long: 65535 bytes announced, the limit is 16400");
        assertFalse(pipe[0].isOpen());
    }

    @Test
    public void aLengthShorterThanATagFails() throws IOException {
        send(new byte[] {0, 15});
        expectFailure("AES-GCM record too short: 15 bytes announced, a tag alone is 16");
    }

    @Test
    public void aStreamCutInsideARecordIsAnErrorNotAnEnd() throws IOException {
        byte[] rec = record(new byte[100], 0, 100);
        send(Arrays.copyOf(rec, 50));
        pipe[1].shutdownOutput();
        expectFailure("the stream ended inside an AES-GCM record (50 bytes of it arrived)");
    }

    @Test
    public void aStreamEndingBetweenRecordsIsAnOrdinaryEnd() throws IOException {
        send(record(new byte[] {7}, 0, 1));
        pipe[1].shutdownOutput();
        ByteBuffer dst = ByteBuffer.allocate(10);
        assertEquals(1, reader.read(dst));
        assertEquals(-1, reader.read(dst));
        // Half-closed, not closed: our direction still works.
        reader.write(ByteBuffer.wrap(new byte[] {9}));
        ByteBuffer wire = ByteBuffer.allocate(100);
        assertEquals(2 + 1 + 16, pipe[1].read(wire));
        byte[] plain = new byte[1];
        new GcmRecordCipher(B, false).open(wire.array(), 0, plain, 0);
        assertEquals(9, plain[0]);
    }

    @Test
    public void writesAreSplitIntoFullRecords() throws IOException {
        byte[] data = new byte[2 * GcmRecordCipher.MAX_PLAINTEXT + 5];
        new Random(3).nextBytes(data);
        reader.write(ByteBuffer.wrap(data));
        GcmRecordCipher open = new GcmRecordCipher(B, false);
        int[] expected = {GcmRecordCipher.MAX_PLAINTEXT, GcmRecordCipher.MAX_PLAINTEXT, 5};
        byte[] got = new byte[data.length];
        int at = 0;
        for (int length : expected) {
            byte[] rec = readRaw(GcmRecordCipher.HEADER + length + GcmRecordCipher.TAG);
            assertEquals(length + GcmRecordCipher.TAG, GcmRecordCipher.bodyLength(rec, 0));
            at += open.open(rec, 0, got, at);
        }
        assertArrayEquals(data, got);
    }

    @Test
    public void aWriteWithNoNonceLeftFailsAndEndsTheConnection() throws IOException {
        Connection[] p = MemoryPipe.pair(1 << 16);
        MseConnection c = new MseConnection(p[0], new GcmRecordLayer(new GcmRecordCipher(A, false),
                new GcmRecordCipher(B, true, -2L), ByteBuffer.allocate(0)), ByteBuffer.allocate(0));
        c.write(ByteBuffer.wrap(new byte[10]));
        try {
            c.write(ByteBuffer.wrap(new byte[10]));
            fail("wrote under a repeated nonce");
        } catch (IOException e) {
            assertEquals("AES-GCM record counter exhausted: no nonce is left for a further record", e.getMessage());
        }
        assertFalse(p[0].isOpen());
    }

    @Test
    public void bytesTheHandshakeReadAheadAreTheFirstRecords() throws IOException {
        byte[] text = "already in the handshake's buffer".getBytes(StandardCharsets.US_ASCII);
        byte[] rec = record(text, 0, text.length);
        byte[] ia = "IA".getBytes(StandardCharsets.US_ASCII);
        MseConnection c = new MseConnection(pipe[0], new GcmRecordLayer(new GcmRecordCipher(A, false),
                new GcmRecordCipher(B, true), ByteBuffer.wrap(rec, 0, 20)), ByteBuffer.wrap(ia));
        send(Arrays.copyOfRange(rec, 20, rec.length));
        assertArrayEquals(ia, ChannelCryptoContract.readExactly(c, 2));
        assertArrayEquals(text, ChannelCryptoContract.readExactly(c, text.length));
        assertEquals("mse(aes-128-gcm) over " + pipe[0], c.toString());
    }

    private void expectFailure(String message) {
        try {
            int n = reader.read(ByteBuffer.allocate(1000));
            fail("read " + n + " instead of failing with: " + message);
        } catch (IOException e) {
            assertEquals(message, e.getMessage());
        }
    }

    private byte[] record(byte[] data, int off, int length) throws IOException {
        byte[] out = new byte[GcmRecordCipher.MAX_RECORD];
        int n = peerSeal.seal(ByteBuffer.wrap(data, off, length), length, out, 0);
        return Arrays.copyOf(out, n);
    }

    private void send(byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            pipe[1].write(b);
        }
    }

    private byte[] readRaw(int n) throws IOException {
        return ChannelCryptoContract.readExactly(pipe[1], n);
    }
}
