package org.swarmsync.example.transport.unix.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.Timeout;
import org.swarmsync.api.transport.Connection;
import org.swarmsync.api.transport.Listening;

public class UnixTransportTest {

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    @Rule
    public final Timeout timeout = Timeout.seconds(20);

    private UnixTransport transport;
    private final LinkedBlockingQueue<Connection> accepted = new LinkedBlockingQueue<>();

    @Before
    public void open() throws IOException {
        transport = new UnixTransport(tmp.getRoot().toPath().resolve("sockets"));
    }

    @After
    public void close() {
        transport.close();
    }

    @Test
    public void aMegabyteCrossesBothWaysIntactAndEndOfStreamFollowsShutdownOutput() throws Exception {
        Listening listening = transport.listen(new InetSocketAddress("127.0.0.1", 0), accepted::add);
        int port = listening.localAddress().getPort();
        assertTrue("port 0 picks a real port", port > 0);
        Connection client = transport.connect(new InetSocketAddress("127.0.0.1", port));
        Connection server = accepted.poll(5, TimeUnit.SECONDS);
        assertNotNull(server);
        assertEquals("unix", client.scheme());

        byte[] payload = new byte[1 << 20];
        new Random(1).nextBytes(payload);
        // Larger than the socket buffers: the writer must wait for the reader, on its own thread.
        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
            try {
                client.write(ByteBuffer.wrap(payload));
                client.shutdownOutput();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        assertArrayEquals(payload, readToEnd(server, payload.length));
        writing.get(5, TimeUnit.SECONDS);

        server.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertArrayEquals(new byte[] {1, 2, 3}, readExactly(client, 3));
    }

    @Test
    public void aReadWithATimeoutGivesUpWithSocketTimeoutException() throws Exception {
        Listening listening = transport.listen(new InetSocketAddress("127.0.0.1", 0), accepted::add);
        Connection client = transport.connect(listening.localAddress());
        Connection server = accepted.poll(5, TimeUnit.SECONDS);
        client.setReadTimeout(Duration.ofMillis(50));
        assertThrows(SocketTimeoutException.class, () -> client.read(ByteBuffer.allocate(8)));
        server.write(ByteBuffer.wrap(new byte[] {9}));
        assertArrayEquals("the connection still works after a timeout", new byte[] {9}, readExactly(client, 1));
    }

    @Test
    public void closingTheTransportWakesABlockedReaderAndRemovesTheSocketFile() throws Exception {
        Listening listening = transport.listen(new InetSocketAddress("127.0.0.1", 0), accepted::add);
        Path socket = tmp.getRoot().toPath().resolve("sockets/swarmsync-" + listening.localAddress().getPort() + ".sock");
        assertTrue(Files.exists(socket));
        Connection client = transport.connect(listening.localAddress());
        assertNotNull(accepted.poll(5, TimeUnit.SECONDS));
        CompletableFuture<Object> blocked = CompletableFuture.supplyAsync(() -> {
            try {
                return client.read(ByteBuffer.allocate(4));
            } catch (IOException e) {
                return e;
            }
        });
        Thread.sleep(100);
        transport.close();
        Object woken = blocked.get(5, TimeUnit.SECONDS);
        assertTrue("woken with an IOException or end of stream: " + woken,
                woken instanceof IOException || Integer.valueOf(-1).equals(woken));
        assertFalse(client.isOpen());
        assertFalse("the socket file is removed", Files.exists(socket));
        assertThrows(IOException.class, () -> transport.connect(listening.localAddress()));
    }

    @Test
    public void otherMachinesAndAbsentListenersAreRefusedSoTheNodeFallsBack() throws Exception {
        assertThrows(ConnectException.class, () -> transport.connect(new InetSocketAddress("192.0.2.1", 4000)));
        assertThrows(IOException.class, () -> transport.connect(new InetSocketAddress("127.0.0.1", 4000)));
    }

    @Test
    public void aStaleSocketFileIsTakenOverButALiveOneIsNot() throws Exception {
        Path dir = Files.createDirectories(tmp.getRoot().toPath().resolve("sockets"));
        Files.createFile(dir.resolve("swarmsync-4100.sock")); // left by a killed process
        Listening taken = transport.listen(new InetSocketAddress("127.0.0.1", 4100), accepted::add);
        assertEquals(4100, taken.localAddress().getPort());

        try (UnixTransport other = new UnixTransport(dir)) {
            assertThrows(BindException.class, () -> other.listen(new InetSocketAddress("127.0.0.1", 4100), c -> { }));
        }
        taken.close();
        assertFalse("closing removes the socket file", Files.exists(dir.resolve("swarmsync-4100.sock")));
    }

    private static byte[] readToEnd(Connection connection, int expected) throws IOException {
        ByteBuffer all = ByteBuffer.allocate(expected + 1);
        while (connection.read(all) >= 0) {
            assertTrue("more bytes than were sent", all.position() <= expected);
        }
        all.flip();
        byte[] bytes = new byte[all.remaining()];
        all.get(bytes);
        return bytes;
    }

    private static byte[] readExactly(Connection connection, int n) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(n);
        while (buffer.hasRemaining()) {
            assertTrue(connection.read(buffer) > 0);
        }
        return buffer.array();
    }
}
