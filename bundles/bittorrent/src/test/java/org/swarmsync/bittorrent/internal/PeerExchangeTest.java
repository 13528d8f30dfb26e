package org.swarmsync.bittorrent.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.Timeout;
import org.swarmsync.api.crypto.CryptoPolicy;
import org.swarmsync.api.transport.Connection;
import org.swarmsync.api.transport.Listening;
import org.swarmsync.transport.tcp.internal.TcpOptions;
import org.swarmsync.transport.tcp.internal.TcpTransport;

/** Our fetcher against our seeder, and against hostile seeds, over real TCP on loopback. */
public class PeerExchangeTest {

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    @Rule
    public final Timeout timeout = Timeout.seconds(60);

    private final TcpTransport tcp = new TcpTransport(TcpOptions.DEFAULTS);

    @After
    public void closeTransport() {
        tcp.close();
    }

    @Test
    public void multiFileTorrentTravelsByteExact() throws Exception {
        Random random = new Random(11);
        byte[] one = new byte[1_234_567];
        byte[] two = new byte[0];
        byte[] three = new byte[777_777];
        random.nextBytes(one);
        random.nextBytes(three);
        Path seedDir = tmp.newFolder("seed").toPath();
        Files.createDirectories(seedDir.resolve("set/sub"));
        Files.write(seedDir.resolve("set/sub/one.bin"), one);
        Files.write(seedDir.resolve("set/two.bin"), two);
        Files.write(seedDir.resolve("set/three.bin"), three);
        Metainfo meta = Metainfo.parse(Torrents.multiFile("set",
                List.of(List.of("sub", "one.bin"), List.of("two.bin"), List.of("three.bin")),
                List.of(one, two, three), 65536));

        Path out = tmp.newFolder("out").toPath();
        String[] summaries = exchange(meta, seedDir, out);

        assertArrayEquals(one, Files.readAllBytes(out.resolve("set/sub/one.bin")));
        assertArrayEquals(two, Files.readAllBytes(out.resolve("set/two.bin")));
        assertArrayEquals(three, Files.readAllBytes(out.resolve("set/three.bin")));
        assertTrue(summaries[0], summaries[0].startsWith("fetched " + meta.pieceCount() + " pieces, 2012344 bytes"));
        assertTrue(summaries[1], summaries[1].startsWith("seeded " + meta.pieceCount() + " pieces, 2012344 bytes"));
    }

    @Test
    public void aPieceThatFailsItsHashDropsTheSeed() throws Exception {
        byte[] data = new byte[100_000];
        new Random(3).nextBytes(data);
        Metainfo meta = Metainfo.parse(Torrents.singleFile("a.bin", data, 32768));
        byte[] corrupt = data.clone();
        corrupt[40_000] ^= 1;
        IOException e = fetchFromHostileSeed(meta, wire -> {
            try {
                wire.send(MessageId.BITFIELD, PieceSet.all(meta.pieceCount()).toBitfield());
                wire.send(MessageId.UNCHOKE);
                wire.flush();
                while (true) {
                    wire.next();
                    if (wire.id() == MessageId.REQUEST) {
                        ByteBuffer p = wire.payload();
                        int index = p.getInt(0);
                        int begin = p.getInt(4);
                        int length = p.getInt(8);
                        wire.sendPiece(index, begin, ByteBuffer.wrap(corrupt, index * 32768 + begin, length));
                        wire.flush();
                    }
                }
            } catch (IOException closed) {
                // the fetcher hung up, as it should
            }
        });
        assertEquals("piece 1 failed its SHA-1 check", e.getMessage());
    }

    @Test
    public void anOversizedMessageDropsTheSeed() throws Exception {
        byte[] data = new byte[1000];
        Metainfo meta = Metainfo.parse(Torrents.singleFile("a.bin", data, 32768));
        IOException e = fetchFromHostileSeed(meta, wire -> {
            try {
                wire.sendRaw(ByteBuffer.allocate(4).putInt(0, 0x7fff_fff0));
                wire.flush();
                wire.next();
            } catch (IOException closed) {
                // expected
            }
        });
        assertTrue(e.getMessage(), e.getMessage().startsWith("message length 2147483632 exceeds the limit"));
    }

    @Test
    public void aSeedOfAnotherTorrentIsRefused() throws Exception {
        byte[] data = new byte[1000];
        Metainfo meta = Metainfo.parse(Torrents.singleFile("a.bin", data, 32768));
        Metainfo other = Metainfo.parse(Torrents.singleFile("b.bin", data, 32768));
        IOException e = fetchFromSeed(meta, other, wire -> { });
        assertEquals("the peer's handshake names another torrent", e.getMessage());
    }

    /** Runs our seed and our fetch against each other; returns the fetch's and the seed's summaries. */
    private String[] exchange(Metainfo meta, Path seedDir, Path out) throws Exception {
        SynchronousQueue<String> announced = new SynchronousQueue<>();
        PrintStream announcements = new PrintStream(new ByteArrayOutputStream() {
            @Override
            public void flush() {
                String line = toString(StandardCharsets.UTF_8).strip();
                reset();
                if (!line.isEmpty()) {
                    announced.offer(line);
                }
            }
        }, true, StandardCharsets.UTF_8);
        TorrentOptions seedOptions = new TorrentOptions(false, "tcp", "none", CryptoPolicy.RC4_PREFERRED, null,
                new InetSocketAddress("127.0.0.1", 0), null, seedDir, Duration.ofSeconds(20));
        CompletableFuture<String> seeded = CompletableFuture.supplyAsync(() -> {
            try {
                return new TorrentPeer(meta, seedOptions, tcp, null, peerId('s')).seed(announcements);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        String line = announced.poll(20, TimeUnit.SECONDS);
        Matcher port = Pattern.compile("on 127\\.0\\.0\\.1:(\\d+) over tcp").matcher(String.valueOf(line));
        assertTrue(line, port.find());
        TorrentOptions fetchOptions = new TorrentOptions(true, "tcp", "none", CryptoPolicy.RC4_PREFERRED,
                new InetSocketAddress("127.0.0.1", Integer.parseInt(port.group(1))), null, null, out,
                Duration.ofSeconds(20));
        String fetched = new TorrentPeer(meta, fetchOptions, tcp, null, peerId('f')).fetch();
        return new String[] {fetched, seeded.get(20, TimeUnit.SECONDS)};
    }

    private IOException fetchFromHostileSeed(Metainfo meta, Consumer<PeerWire> behaviour) throws Exception {
        return fetchFromSeed(meta, meta, behaviour);
    }

    /** A hand-driven seed that handshakes for {@code served} and then does {@code behaviour}. */
    private IOException fetchFromSeed(Metainfo meta, Metainfo served, Consumer<PeerWire> behaviour) throws Exception {
        CompletableFuture<Void> seedDone = new CompletableFuture<>();
        try (Listening listening = tcp.listen(new InetSocketAddress("127.0.0.1", 0), connection ->
                CompletableFuture.runAsync(() -> {
                    try (Connection c = connection) {
                        PeerWire wire = new PeerWire(c, 1 << 20);
                        wire.readRaw(Handshake.LENGTH);
                        wire.sendRaw(new Handshake(new byte[8], served.infoHash(), peerId('h')).encode());
                        wire.flush();
                        behaviour.accept(wire);
                    } catch (IOException e) {
                        // the fetcher may hang up first
                    } finally {
                        seedDone.complete(null);
                    }
                }))) {
            TorrentOptions options = new TorrentOptions(true, "tcp", "none", CryptoPolicy.RC4_PREFERRED,
                    listening.localAddress(), null, null, tmp.newFolder().toPath(), Duration.ofSeconds(10));
            IOException e = assertThrows(IOException.class,
                    () -> new TorrentPeer(meta, options, tcp, null, peerId('f')).fetch());
            seedDone.get(10, TimeUnit.SECONDS);
            return e;
        }
    }

    private static byte[] peerId(char tag) {
        byte[] id = new byte[20];
        id[0] = (byte) tag;
        return id;
    }
}
