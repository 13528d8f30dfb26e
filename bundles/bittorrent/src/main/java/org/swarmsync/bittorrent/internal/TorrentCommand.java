package org.swarmsync.bittorrent.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.swarmsync.api.command.LauncherCommand;
import org.swarmsync.api.crypto.ChannelCrypto;
import org.swarmsync.api.transport.Transport;

/**
 * {@code torrent fetch} and {@code torrent seed}: BitTorrent with one peer over any of our
 * transports and channel ciphers, to prove them against real BitTorrent clients.
 */
@Component(property = {
        LauncherCommand.NAME + "=torrent",
        LauncherCommand.SUMMARY + "=torrent fetch|seed --transport utp|tcp [--crypto none|mse] ...: "
                + "BitTorrent with one peer"
})
public final class TorrentCommand implements LauncherCommand {

    private final Map<String, Transport> transports = new ConcurrentHashMap<>();
    private final Map<String, ChannelCrypto> cryptos = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindTransport(Transport transport) {
        transports.put(transport.scheme(), transport);
    }

    void unbindTransport(Transport transport) {
        transports.remove(transport.scheme(), transport);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindCrypto(ChannelCrypto crypto) {
        cryptos.put(crypto.method(), crypto);
    }

    void unbindCrypto(ChannelCrypto crypto) {
        cryptos.remove(crypto.method(), crypto);
    }

    @Override
    public int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        TorrentOptions options;
        Metainfo meta;
        // A torrent that cannot be read or parsed is the user's input, hence a usage error.
        try {
            options = TorrentOptions.parse(args);
            if (!transports.containsKey(options.transport())) {
                throw new UsageException("no transport '" + options.transport() + "'; available: "
                        + String.join(", ", transports.keySet()));
            }
            if (!options.crypto().equals("none") && !cryptos.containsKey(options.crypto())) {
                throw new UsageException("no channel crypto '" + options.crypto() + "' is installed");
            }
            meta = Metainfo.parse(readTorrent(options));
        } catch (UsageException e) {
            err.println("swarmsync torrent: " + e.getMessage());
            return USAGE;
        } catch (MetainfoException | IOException e) {
            err.println("swarmsync torrent: " + e.getMessage());
            return USAGE;
        }
        TorrentPeer peer = new TorrentPeer(meta, options, transports.get(options.transport()),
                cryptos.get(options.crypto()), peerId());
        try {
            String summary = options.fetch() ? peer.fetch() : peer.seed(out);
            out.println(summary);
            return OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("swarmsync torrent: interrupted");
            return FAILED;
        } catch (IOException e) {
            err.println("swarmsync torrent: " + e.getMessage());
            return FAILED;
        }
    }

    private static byte[] readTorrent(TorrentOptions options) throws IOException {
        try {
            return Files.readAllBytes(options.torrent());
        } catch (IOException e) {
            throw new IOException("cannot read " + options.torrent() + ": " + e.getMessage(), e);
        }
    }

    /** An Azureus-style peer id: client tag, then random bytes. */
    private byte[] peerId() {
        byte[] id = new byte[20];
        random.nextBytes(id);
        ByteBuffer.wrap(id).put("-SW0100-".getBytes(StandardCharsets.US_ASCII));
        return id;
    }
}
