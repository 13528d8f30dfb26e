package org.swarmsync.bittorrent.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.swarmsync.api.crypto.ChannelCrypto;
import org.swarmsync.api.crypto.HandshakeResult;
import org.swarmsync.api.crypto.KeyRing;
import org.swarmsync.api.transport.Connection;
import org.swarmsync.api.transport.Listening;
import org.swarmsync.api.transport.Transport;

/** One BitTorrent exchange with one peer: dial and fetch, or listen and seed. */
final class TorrentPeer {

    private static final int MAX_EXTENDED_MESSAGE = 64 * 1024;

    private final Metainfo meta;
    private final TorrentOptions options;
    private final Transport transport;
    private final ChannelCrypto crypto;
    private final Handshake ours;

    /** @param crypto the channel crypto to run first, or null for none */
    TorrentPeer(Metainfo meta, TorrentOptions options, Transport transport, ChannelCrypto crypto, byte[] peerId) {
        this.meta = meta;
        this.options = options;
        this.transport = transport;
        this.crypto = crypto;
        this.ours = new Handshake(Handshake.ourReserved(), meta.infoHash(), peerId);
    }

    /** Fetches every piece from the peer; returns a one-line summary. */
    String fetch() throws IOException {
        long start = System.nanoTime();
        Connection connection = transport.connect(options.peer(), options.timeout());
        String cipher = "none";
        try {
            boolean handshakeSent = false;
            if (crypto != null) {
                // The BitTorrent handshake rides in MSE's initial payload, saving a round trip.
                HandshakeResult result = crypto.initiate(connection, meta.infoHash(), ours.encode(),
                        options.policy(), options.timeout());
                connection = result.connection();
                cipher = result.cipher().name().toLowerCase(Locale.ROOT);
                handshakeSent = true;
            }
            PeerWire wire = wire(connection);
            if (!handshakeSent) {
                wire.sendRaw(ours.encode());
                wire.flush();
            }
            Handshake theirs = theirHandshake(wire);
            try (PieceStore store = PieceStore.openForWriting(meta, options.folder())) {
                new Fetcher(meta, store, wire).run(theirs.supportsExtensions());
            }
        } finally {
            connection.close();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return String.format(Locale.ROOT, "fetched %d pieces, %d bytes in %.2f s (%.1f MB/s) from %s over %s, cipher %s",
                meta.pieceCount(), meta.totalLength(), seconds, meta.totalLength() / seconds / 1e6,
                hostPort(options.peer()), transport.scheme(), cipher);
    }

    /**
     * Seeds to the first peer that connects; returns a one-line summary once it has every
     * piece. Announces the listening address on {@code out} first.
     */
    String seed(PrintStream out) throws IOException, InterruptedException {
        BlockingQueue<Connection> accepted = new LinkedBlockingQueue<>();
        Connection connection;
        try (Listening listening = transport.listen(options.bind(), accepted::add)) {
            out.println("seeding " + meta.name() + " (" + meta.infoHashHex() + ") on "
                    + hostPort(listening.localAddress()) + " over " + transport.scheme());
            out.flush();
            connection = accepted.poll(options.timeout().toSeconds(), TimeUnit.SECONDS);
            if (connection == null) {
                throw new IOException("no peer connected within " + options.timeout().toSeconds() + " s");
            }
        }
        for (Connection extra; (extra = accepted.poll()) != null; ) {
            extra.close(); // one peer at a time: this is a test and interop tool
        }
        long start = System.nanoTime();
        String cipher = "none";
        Seeder seeder;
        try {
            if (crypto != null) {
                HandshakeResult result = crypto.respond(connection, KeyRing.of(meta.infoHash()), options.policy(),
                        options.timeout());
                connection = result.connection();
                cipher = result.cipher().name().toLowerCase(Locale.ROOT);
            }
            PeerWire wire = wire(connection);
            Handshake theirs = theirHandshake(wire);
            wire.sendRaw(ours.encode());
            try (PieceStore store = PieceStore.openForReading(meta, options.folder())) {
                seeder = new Seeder(meta, store, wire);
                if (!seeder.run(theirs.supportsExtensions())) {
                    throw new IOException("the peer left holding " + seeder.peerPieces() + " of "
                            + meta.pieceCount() + " pieces");
                }
            }
        } finally {
            connection.close();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return String.format(Locale.ROOT, "seeded %d pieces, %d bytes uploaded in %.2f s (%.1f MB/s) to %s over %s, "
                + "cipher %s", meta.pieceCount(), seeder.uploaded(), seconds, seeder.uploaded() / seconds / 1e6,
                hostPort(connection.remoteAddress()), transport.scheme(), cipher);
    }

    private PeerWire wire(Connection connection) {
        connection.setReadTimeout(options.timeout());
        int bitfield = 1 + (meta.pieceCount() + 7) / 8;
        return new PeerWire(connection, Math.max(Math.max(PeerWire.BLOCK + 9, bitfield), MAX_EXTENDED_MESSAGE));
    }

    private Handshake theirHandshake(PeerWire wire) throws IOException {
        Handshake theirs = Handshake.decode(wire.readRaw(Handshake.LENGTH));
        if (!Arrays.equals(theirs.infoHash(), meta.infoHash())) {
            throw new WireException("the peer's handshake names another torrent");
        }
        return theirs;
    }

    private static String hostPort(InetSocketAddress address) {
        String host = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
