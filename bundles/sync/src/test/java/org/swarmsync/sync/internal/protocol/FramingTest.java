package org.swarmsync.sync.internal.protocol;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.EOFException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import org.junit.Test;

public class FramingTest {

    private static byte[] frame(byte[] body) {
        return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
    }

    private static byte[] header(long length) {
        return ByteBuffer.allocate(4).putInt((int) length).array();
    }

    @Test
    public void framesArriveWholeWhateverTheChunking() throws Exception {
        byte[] a = MessageCodec.encodeToArray(new Want(5));
        byte[] b = MessageCodec.encodeToArray(new Close("x"));
        byte[] both = ByteBuffer.allocate(8 + a.length + b.length).put(frame(a)).put(frame(b)).array();
        MemoryConnection c = new MemoryConnection().feed(both, 3);
        FrameReader reader = new FrameReader(c);
        assertEquals(ByteBuffer.wrap(a), reader.read(100).orElseThrow());
        ByteBuffer second = reader.read(100).orElseThrow();
        assertEquals(ByteBuffer.wrap(b), second);
        assertTrue(second.hasArray());
        assertEquals(Optional.empty(), reader.read(100));
    }

    @Test
    public void oversizedFrameIsRefusedBeforeReadingItsBody() throws Exception {
        MemoryConnection c = new MemoryConnection().feed(header(20_000_000), 4);
        ProtocolException e = assertThrows(ProtocolException.class, () -> new FrameReader(c).read(Limits.MAX_FRAME));
        assertEquals("frame of 20000000 bytes exceeds 16842752", e.getMessage());
        assertEquals(1, c.readCalls); // the header only: nothing was read or allocated for the body
    }

    @Test
    public void lengthIsUnsigned() {
        MemoryConnection c = new MemoryConnection().feed(header(0xFFFF_FFFFL), 4);
        ProtocolException e = assertThrows(ProtocolException.class, () -> new FrameReader(c).read(Limits.MAX_FRAME));
        assertEquals("frame of 4294967295 bytes exceeds 16842752", e.getMessage());
    }

    @Test
    public void handshakeLimitIsTheCallersChoice() {
        MemoryConnection c = new MemoryConnection().feed(header(70_000), 4);
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> new FrameReader(c).read(Limits.MAX_HANDSHAKE_FRAME));
        assertEquals("frame of 70000 bytes exceeds 65536", e.getMessage());
    }

    @Test
    public void zeroLengthFrameIsRefused() {
        MemoryConnection c = new MemoryConnection().feed(header(0), 4);
        assertEquals("frame of 0 bytes",
                assertThrows(ProtocolException.class, () -> new FrameReader(c).read(100)).getMessage());
    }

    @Test
    public void truncatedFrameIsAnError() {
        MemoryConnection inBody = new MemoryConnection().feed(new byte[] {0, 0, 0, 10, 1, 2, 3}, 7);
        assertEquals("connection closed inside a frame, after 3 of 10 bytes",
                assertThrows(EOFException.class, () -> new FrameReader(inBody).read(100)).getMessage());
        MemoryConnection inHeader = new MemoryConnection().feed(new byte[] {0, 0}, 2);
        assertEquals("connection closed inside a frame header",
                assertThrows(EOFException.class, () -> new FrameReader(inHeader).read(100)).getMessage());
    }

    @Test
    public void readTimeoutsLoseNoBytes() throws Exception {
        byte[] body = MessageCodec.encodeToArray(new Want(77));
        byte[] f = frame(body);
        MemoryConnection c = new MemoryConnection().timeout().feed(java.util.Arrays.copyOf(f, 2), 2).timeout()
                .feed(java.util.Arrays.copyOfRange(f, 2, 7), 5).timeout().feed(java.util.Arrays.copyOfRange(f, 7, f.length), 100);
        FrameReader reader = new FrameReader(c);
        int timeouts = 0;
        while (true) {
            try {
                assertEquals(new Want(77), MessageCodec.decode(reader.read(100).orElseThrow()));
                break;
            } catch (SocketTimeoutException e) {
                timeouts++;
            }
        }
        assertEquals(3, timeouts);
    }

    @Test
    public void writerFramesPartsAsOne() throws Exception {
        MemoryConnection c = new MemoryConnection();
        FrameWriter writer = new FrameWriter(c);
        byte[] data = MessageCodecTest.bytes(40_000, 1);
        BlockData block = new BlockData(9, ByteBuffer.wrap(data));
        writer.send(block);
        writer.send(Ping.INSTANCE);
        FrameReader reader = new FrameReader(new MemoryConnection().feed(c.written(), 1000));
        assertEquals(block, MessageCodec.decode(reader.read(Limits.MAX_FRAME).orElseThrow()));
        assertEquals(Ping.INSTANCE, MessageCodec.decode(reader.read(Limits.MAX_FRAME).orElseThrow()));
        assertFalse(reader.read(100).isPresent());
        assertEquals(0, writer.blockedNanos(System.nanoTime()));
    }

    @Test
    public void writerRefusesFramesItsPeerWouldRefuse() {
        FrameWriter writer = new FrameWriter(new MemoryConnection());
        assertThrows(IllegalArgumentException.class, () -> writer.write(ByteBuffer.allocate(0)));
        assertThrows(IllegalArgumentException.class,
                () -> writer.write(ByteBuffer.allocate(Limits.MAX_FRAME), ByteBuffer.allocate(1)));
    }

    @Test
    public void concurrentWritersNeverInterleaveFrames() throws Exception {
        MemoryConnection c = new MemoryConnection();
        FrameWriter writer = new FrameWriter(c);
        int threads = 4;
        int perThread = 25;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        byte[] payload = new byte[50 + i];
                        java.util.Arrays.fill(payload, (byte) id);
                        writer.send(new BlockError(id * 1000L + i, new String(payload, java.nio.charset.StandardCharsets.ISO_8859_1)
                                .replace((char) id, (char) ('a' + id))));
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            worker.start();
            workers.add(worker);
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join(20_000);
        }
        assertTrue(failures.toString(), failures.isEmpty());
        FrameReader reader = new FrameReader(new MemoryConnection().feed(c.written(), 4096));
        Set<Long> ids = new HashSet<>();
        Optional<ByteBuffer> f;
        while ((f = reader.read(Limits.MAX_FRAME)).isPresent()) {
            BlockError e = (BlockError) MessageCodec.decode(f.get());
            int thread = (int) (e.id() / 1000);
            assertEquals(50 + e.id() % 1000, e.reason().length());
            assertEquals(String.valueOf((char) ('a' + thread)).repeat(e.reason().length()), e.reason());
            ids.add(e.id());
        }
        assertEquals(threads * perThread, ids.size());
    }

    @Test
    public void bodyBufferIsPrivateToItsFrame() throws Exception {
        byte[] a = MessageCodec.encodeToArray(new Want(1));
        MemoryConnection c = new MemoryConnection().feed(frame(a), 100).feed(frame(a), 100);
        FrameReader reader = new FrameReader(c);
        ByteBuffer first = reader.read(100).orElseThrow();
        ByteBuffer second = reader.read(100).orElseThrow();
        assertFalse(first.array() == second.array());
        assertArrayEquals(a, first.array());
    }
}
