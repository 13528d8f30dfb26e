package org.swarmsync.transport.utp.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;
import org.swarmsync.api.transport.Connection;
import org.swarmsync.api.transport.Listening;
import org.swarmsync.transport.utp.internal.core.Pattern;

/** The transport over real UDP sockets on 127.0.0.1. */
public class UtpTransportTest {

    @Rule
    public final Timeout timeout = Timeout.seconds(60);

    private static final InetSocketAddress LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final Duration CONNECT = Duration.ofSeconds(5);

    private UtpTransport server;
    private UtpTransport client;
    private final BlockingQueue<Connection> accepted = new ArrayBlockingQueue<>(16);
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private Listening listening;

    @Before
    public void setUp() throws IOException {
        server = new UtpTransport(StackOptions.defaults(), LOOPBACK);
        client = new UtpTransport(StackOptions.defaults(), LOOPBACK);
        listening = server.listen(LOOPBACK, accepted::add);
    }

    @After
    public void tearDown() {
        client.close();
        server.close();
        pool.shutdownNow();
    }

    private Connection dial() throws IOException {
        return client.connect(listening.localAddress(), CONNECT);
    }

    private Connection accept() throws InterruptedException {
        Connection c = accepted.poll(5, TimeUnit.SECONDS);
        assertNotNull("nothing accepted", c);
        return c;
    }

    private static byte[] readFully(Connection c, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (c.read(b) < 0) {
                throw new IOException("EOF after " + b.position());
            }
        }
        return b.array();
    }

    private static void writeAll(Connection c, byte[] data) throws IOException {
        c.write(ByteBuffer.wrap(data));
    }

    @Test
    public void connectAcceptAndEcho() throws Exception {
        Connection c = dial();
        assertEquals("utp", c.scheme());
        assertEquals(listening.localAddress(), c.remoteAddress());
        writeAll(c, "hello".getBytes(StandardCharsets.US_ASCII));
        Connection s = accept();
        assertEquals(c.localAddress().getPort(), s.remoteAddress().getPort());
        byte[] got = readFully(s, 5);
        assertEquals("hello", new String(got, StandardCharsets.US_ASCII));
        writeAll(s, got);
        assertArrayEquals(got, readFully(c, 5));
        assertTrue(c.isOpen());
        c.close();
        s.close();
        assertFalse(c.isOpen());
    }

    /** Writes {@code size} pattern bytes of stream {@code stream}, then half-closes. */
    private Future<Void> sender(Connection c, long size, int stream) {
        return pool.submit(() -> {
            byte[] chunk = new byte[64 * 1024];
            for (long off = 0; off < size; ) {
                int n = (int) Math.min(chunk.length, size - off);
                Pattern.fill(chunk, 0, n, off, stream);
                c.write(ByteBuffer.wrap(chunk, 0, n));
                off += n;
            }
            c.shutdownOutput();
            return null;
        });
    }

    /** Reads to EOF, checking every byte. @return bytes read */
    private Future<Long> receiver(Connection c, int stream) {
        return pool.submit(() -> {
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            while (true) {
                int n = c.read(ByteBuffer.wrap(buf));
                if (n < 0) {
                    return total;
                }
                long bad = Pattern.check(buf, 0, n, total, stream);
                if (bad >= 0) {
                    throw new AssertionError("mismatch at byte " + bad);
                }
                total += n;
            }
        });
    }

    @Test
    public void bulkTransferBothWaysIsByteExact() throws Exception {
        long size = 32L << 20;
        Connection c = dial();
        writeAll(c, new byte[] {7});
        Connection s = accept();
        assertEquals(7, readFully(s, 1)[0]);
        long t0 = System.nanoTime();
        Future<Void> up = sender(c, size, 1);
        Future<Void> down = sender(s, size, 2);
        Future<Long> atServer = receiver(s, 1);
        Future<Long> atClient = receiver(c, 2);
        assertEquals(size, (long) atServer.get(50, TimeUnit.SECONDS));
        assertEquals(size, (long) atClient.get(50, TimeUnit.SECONDS));
        up.get();
        down.get();
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("µTP loopback, %d MiB each way at once: %.0f MB/s total%n", size >> 20, 2 * size / secs / 1e6);
        c.close();
        s.close();
    }

    @Test
    public void worksOverIpv6Loopback() throws Exception {
        InetSocketAddress v6 = new InetSocketAddress("::1", 0);
        UtpTransport a = new UtpTransport(StackOptions.defaults(), v6);
        UtpTransport b = new UtpTransport(StackOptions.defaults(), v6);
        BlockingQueue<Connection> in = new ArrayBlockingQueue<>(2);
        try {
            Listening l;
            try {
                l = b.listen(v6, in::add);
            } catch (IOException noIpv6) {
                org.junit.Assume.assumeNoException(noIpv6);
                return;
            }
            Connection c = a.connect(l.localAddress(), CONNECT);
            long size = 8L << 20;
            Future<Void> up = sender(c, size, 3);
            Connection s = in.poll(5, TimeUnit.SECONDS);
            assertNotNull(s);
            assertEquals(size, (long) receiver(s, 3).get(30, TimeUnit.SECONDS));
            up.get();
            assertTrue(s.remoteAddress().getAddress() instanceof java.net.Inet6Address);
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    public void halfCloseKeepsTheOtherDirectionOpen() throws Exception {
        Connection c = dial();
        byte[] request = new byte[100_000];
        new java.util.Random(1).nextBytes(request);
        writeAll(c, request);
        c.shutdownOutput();
        try {
            c.write(ByteBuffer.wrap(new byte[1]));
            fail("write after shutdownOutput");
        } catch (IOException expected) {
            // FIN already queued
        }
        Connection s = accept();
        assertArrayEquals(request, readFully(s, request.length));
        assertEquals(-1, s.read(ByteBuffer.allocate(10)));
        assertEquals(-1, s.read(ByteBuffer.allocate(10)));
        // the server still answers after the client's FIN
        writeAll(s, "reply".getBytes(StandardCharsets.US_ASCII));
        s.shutdownOutput();
        assertEquals("reply", new String(readFully(c, 5), StandardCharsets.US_ASCII));
        assertEquals(-1, c.read(ByteBuffer.allocate(10)));
        c.close();
        s.close();
    }

    @Test
    public void readTimeoutThrowsAndLeavesTheConnectionUsable() throws Exception {
        Connection c = dial();
        writeAll(c, new byte[] {1});
        Connection s = accept();
        readFully(s, 1);
        c.setReadTimeout(Duration.ofMillis(200));
        long t0 = System.nanoTime();
        try {
            c.read(ByteBuffer.allocate(10));
            fail("read should time out");
        } catch (SocketTimeoutException expected) {
            assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(190));
        }
        writeAll(s, new byte[] {2});
        assertEquals(2, readFully(c, 1)[0]);
        c.close();
        s.close();
    }

    @Test
    public void closeWakesABlockedReader() throws Exception {
        Connection c = dial();
        writeAll(c, new byte[] {1});
        Connection s = accept();
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                c.read(ByteBuffer.allocate(10));
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        reader.start();
        Thread.sleep(200);
        assertFalse(outcome.isDone());
        c.close();
        Throwable t = outcome.get(5, TimeUnit.SECONDS);
        assertTrue("got " + t, t instanceof IOException);
        s.close();
    }

    @Test
    public void deactivationClosesConnectionsAndStopsThreads() throws Exception {
        Connection c = dial();
        writeAll(c, new byte[] {1});
        Connection s = accept();
        readFully(s, 1);
        CompletableFuture<Throwable> blocked = new CompletableFuture<>();
        pool.submit(() -> {
            try {
                s.read(ByteBuffer.allocate(10));
                blocked.complete(null);
            } catch (Throwable t) {
                blocked.complete(t);
            }
        });
        Thread.sleep(100);
        int port = listening.localAddress().getPort();
        server.close();
        Throwable t = blocked.get(5, TimeUnit.SECONDS);
        assertTrue("server reader got " + t, t instanceof IOException);
        // nothing was pending on the server side: it sent FIN, so the client sees a clean end
        c.setReadTimeout(Duration.ofSeconds(5));
        assertEquals(-1, c.read(ByteBuffer.allocate(10)));
        assertTrue(server.stacks().isEmpty());
        for (Thread th : Thread.getAllStackTraces().keySet()) {
            assertFalse(th.getName() + " still alive", th.getName().equals("utp-io-" + port) && th.isAlive());
        }
        try {
            server.connect(listening.localAddress(), CONNECT);
            fail("stopped transport must not dial");
        } catch (IOException expected) {
            // stopped
        }
    }

    @Test
    public void dialToASilentPortTimesOut() throws Exception {
        try (DatagramChannel silent = DatagramChannel.open().bind(LOOPBACK)) {
            long t0 = System.nanoTime();
            try {
                client.connect((InetSocketAddress) silent.getLocalAddress(), Duration.ofMillis(300));
                fail("nobody answers");
            } catch (SocketTimeoutException expected) {
                assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(290));
            }
        }
    }

    @Test
    public void foreignDatagramsReachTheirHandlerWhileUtpRuns() throws Exception {
        UtpStack stack = ((UtpListening) listening).stack();
        BlockingQueue<String> foreign = new ArrayBlockingQueue<>(4);
        stack.setForeignHandler((d, from) -> {
            byte[] b = new byte[d.remaining()];
            d.duplicate().get(b);
            foreign.add(new String(b, StandardCharsets.ISO_8859_1));
        });
        Connection c = dial();
        writeAll(c, new byte[] {9});
        Connection s = accept();
        try (DatagramChannel other = DatagramChannel.open().bind(LOOPBACK)) {
            other.send(ByteBuffer.wrap("BSYNC\0d1:m4:pinge".getBytes(StandardCharsets.ISO_8859_1)), listening.localAddress());
            assertEquals("BSYNC\0d1:m4:pinge", foreign.poll(5, TimeUnit.SECONDS));
            // garbage that claims to be µTP is dropped and counted, and does not reach the handler
            other.send(ByteBuffer.wrap(new byte[] {0x71, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}),
                    listening.localAddress());
        }
        assertEquals(9, readFully(s, 1)[0]);
        writeAll(c, new byte[] {10});
        assertEquals(10, readFully(s, 1)[0]);
        assertTrue(foreign.isEmpty());
        assertTrue(stack.dropCounts().toString(), stack.dropCounts().containsKey(
                org.swarmsync.transport.utp.internal.core.DropReason.BAD_TYPE));
        c.close();
        s.close();
    }

    @Test
    public void closedListeningStopsAcceptingButKeepsConnections() throws Exception {
        Connection c = dial();
        writeAll(c, new byte[] {1});
        Connection s = accept();
        listening.close();
        try {
            client.connect(listening.localAddress(), Duration.ofMillis(300));
            fail("no longer accepting");
        } catch (SocketTimeoutException expected) {
            // SYN ignored, as libutp does without an accept callback
        }
        writeAll(c, new byte[] {2});
        assertEquals(1, readFully(s, 1)[0]);
        assertEquals(2, readFully(s, 1)[0]);
        c.close();
        s.close();
    }
}
