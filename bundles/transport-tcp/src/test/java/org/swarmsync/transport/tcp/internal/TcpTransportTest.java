package org.swarmsync.transport.tcp.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;
import org.swarmsync.api.transport.Connection;
import org.swarmsync.api.transport.Listening;

public class TcpTransportTest {

    @Rule
    public final Timeout timeout = Timeout.seconds(20);

    private static final Duration CONNECT = Duration.ofSeconds(5);

    private TcpTransport transport;
    private Listening listening;
    private final BlockingQueue<Connection> accepted = new ArrayBlockingQueue<>(16);

    @Before
    public void setUp() throws IOException {
        transport = new TcpTransport(TcpOptions.DEFAULTS);
        listening = transport.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), accepted::add);
    }

    @After
    public void tearDown() {
        transport.close();
    }

    private Connection[] pair() throws Exception {
        Connection client = transport.connect(listening.localAddress(), CONNECT);
        Connection server = accepted.poll(5, TimeUnit.SECONDS);
        assertNotNull("no connection accepted", server);
        return new Connection[] {client, server};
    }

    @Test
    public void connectAndAcceptSeeEachOthersAddresses() throws Exception {
        Connection[] c = pair();
        assertEquals("tcp", c[0].scheme());
        assertEquals("tcp", transport.scheme());
        assertTrue(listening.localAddress().getPort() > 0);
        assertEquals(listening.localAddress(), c[0].remoteAddress());
        assertEquals(c[0].localAddress(), c[1].remoteAddress());
        assertTrue(c[0].isOpen());
        assertEquals(2, transport.openConnections());
    }

    @Test
    public void bulkTransferIsByteExactBothWays() throws Exception {
        Connection[] c = pair();
        byte[] up = random(6 * 1024 * 1024 + 13, 1);
        byte[] down = random(3 * 1024 * 1024 + 7, 2);
        CompletableFuture<Void> w1 = CompletableFuture.runAsync(() -> writeAll(c[0], up, 3));
        CompletableFuture<Void> w2 = CompletableFuture.runAsync(() -> writeAll(c[1], down, 4));
        CompletableFuture<byte[]> r1 = CompletableFuture.supplyAsync(() -> readToEnd(c[1], false));
        byte[] gotDown = readToEnd(c[0], true);
        w1.get();
        w2.get();
        assertArrayEquals(up, r1.get());
        assertArrayEquals(down, gotDown);
    }

    @Test
    public void halfCloseDeliversEndOfStreamWhileTheOtherWayStaysOpen() throws Exception {
        Connection[] c = pair();
        c[0].write(ascii("hello"));
        c[0].shutdownOutput();
        assertEquals("hello", new String(readToEnd(c[1], false), StandardCharsets.US_ASCII));
        assertEquals(-1, c[1].read(ByteBuffer.allocate(8)));
        c[1].write(ascii("still here"));
        c[1].shutdownOutput();
        assertEquals("still here", new String(readToEnd(c[0], false), StandardCharsets.US_ASCII));
    }

    @Test
    public void readTimeoutThrowsAndTheConnectionStaysUsable() throws Exception {
        Connection[] c = pair();
        c[1].setReadTimeout(Duration.ofMillis(150));
        long start = System.nanoTime();
        try {
            c[1].read(ByteBuffer.allocate(16));
            fail("read should time out");
        } catch (SocketTimeoutException expected) {
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(100));
        }
        c[0].write(ascii("late"));
        ByteBuffer dst = ByteBuffer.allocate(16);
        assertEquals(4, c[1].read(dst));
        c[1].setReadTimeout(Duration.ZERO);
    }

    @Test
    public void closeWakesABlockedReader() throws Exception {
        Connection[] c = pair();
        CompletableFuture<Throwable> reader = CompletableFuture.supplyAsync(() -> {
            try {
                c[1].read(ByteBuffer.allocate(16));
                return null;
            } catch (IOException e) {
                return e;
            }
        });
        Thread.sleep(100);
        assertFalse("reader should be blocked", reader.isDone());
        c[1].close();
        Throwable woke = reader.get(5, TimeUnit.SECONDS);
        assertTrue("reader woke with " + woke, woke instanceof AsynchronousCloseException);
        assertFalse(c[1].isOpen());
        try {
            c[1].read(ByteBuffer.allocate(1));
            fail("read after close");
        } catch (ClosedChannelException expected) {
            // the contract: closed channels throw
        }
        // The peer sees the close as end of stream.
        assertEquals(-1, c[0].read(ByteBuffer.allocate(1)));
    }

    @Test
    public void refusedConnectGivesAClearError() throws Exception {
        InetSocketAddress closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = (InetSocketAddress) s.getLocalSocketAddress();
        }
        try {
            transport.connect(closedPort, CONNECT);
            fail("connect to a closed port must fail");
        } catch (ConnectException e) {
            assertTrue(e.getMessage(), e.getMessage().contains(String.valueOf(closedPort.getPort())));
            assertTrue(e.getMessage(), e.getMessage().toLowerCase().contains("refused"));
        }
        assertEquals(0, transport.openConnections());
    }

    @Test
    public void directBuffersWork() throws Exception {
        Connection[] c = pair();
        byte[] data = random(200_000, 5);
        ByteBuffer src = ByteBuffer.allocateDirect(data.length).put(data).flip();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                c[0].write(src);
                c[0].shutdownOutput();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        ByteBuffer dst = ByteBuffer.allocateDirect(data.length + 1);
        while (c[1].read(dst) >= 0) {
            // keep reading to end of stream
        }
        writer.get();
        dst.flip();
        byte[] got = new byte[dst.remaining()];
        dst.get(got);
        assertArrayEquals(data, got);
    }

    @Test
    public void closingTheListenerStopsAcceptingButKeepsConnections() throws Exception {
        Connection[] c = pair();
        listening.close();
        listening.close(); // idempotent
        assertEquals(0, transport.openListeners());
        try {
            transport.connect(listening.localAddress(), CONNECT);
            fail("listener is closed");
        } catch (ConnectException expected) {
            // nothing listens there any more
        }
        c[0].write(ascii("x"));
        assertEquals(1, c[1].read(ByteBuffer.allocate(4)));
    }

    @Test
    public void closingTheTransportEndsListenersConnectionsAndThreads() throws Exception {
        Connection[] c = pair();
        TcpListener listener = (TcpListener) listening;
        assertTrue(listener.isAlive());
        transport.close();
        assertFalse("accept thread stopped", listener.isAlive());
        assertFalse(c[0].isOpen());
        assertFalse(c[1].isOpen());
        assertEquals(0, transport.openConnections());
        assertEquals(0, transport.openListeners());
        try {
            transport.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), x -> { });
            fail("closed transport must not listen");
        } catch (IOException expected) {
            assertTrue(expected.getMessage().contains("closed"));
        }
    }

    @Test
    public void aThrowingAcceptCallbackDoesNotStopTheListener() throws Exception {
        BlockingQueue<Connection> seen = new ArrayBlockingQueue<>(4);
        Listening bad = transport.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), conn -> {
            seen.add(conn);
            throw new IllegalStateException("consumer bug");
        });
        Connection first = transport.connect(bad.localAddress(), CONNECT);
        Connection firstServer = seen.poll(5, TimeUnit.SECONDS);
        assertNotNull(firstServer);
        assertEquals(-1, first.read(ByteBuffer.allocate(1))); // dropped by the listener
        Connection second = transport.connect(bad.localAddress(), CONNECT);
        assertNotNull(seen.poll(5, TimeUnit.SECONDS));
        second.close();
    }

    @Test
    public void tinyTimeoutsRoundUpAndZeroMeansNone() {
        assertEquals(0, TcpConnection.toMillis(Duration.ZERO));
        assertEquals(1, TcpConnection.toMillis(Duration.ofNanos(10)));
        assertEquals(Integer.MAX_VALUE, TcpConnection.toMillis(Duration.ofDays(365)));
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Writes in chunks of varying sizes, then half-closes. */
    private static void writeAll(Connection c, byte[] data, long seed) {
        Random r = new Random(seed);
        try {
            int off = 0;
            while (off < data.length) {
                int n = Math.min(data.length - off, 1 + r.nextInt(100_000));
                ByteBuffer b = ByteBuffer.wrap(data, off, n);
                assertEquals(n, c.write(b));
                assertFalse(b.hasRemaining());
                off += n;
            }
            c.shutdownOutput();
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    private static byte[] readToEnd(Connection c, boolean smallReads) {
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            ByteBuffer b = ByteBuffer.allocate(smallReads ? 1500 : 65536);
            while (true) {
                b.clear();
                int n = c.read(b);
                if (n < 0) {
                    return out.toByteArray();
                }
                assertTrue("read returns at least one byte", n > 0);
                out.write(b.array(), 0, n);
            }
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }
}
