package org.swarmsync.bench.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.swarmsync.api.crypto.ChannelCrypto;
import org.swarmsync.api.crypto.CryptoPolicy;
import org.swarmsync.api.crypto.HandshakeResult;
import org.swarmsync.api.crypto.KeyRing;
import org.swarmsync.api.crypto.PayloadCipher;
import org.swarmsync.api.transport.Connection;
import org.swarmsync.api.transport.Listening;
import org.swarmsync.api.transport.Transport;
import org.swarmsync.crypto.mse.internal.MseChannelCrypto;
import org.swarmsync.crypto.mse.internal.MseSettings;
import org.swarmsync.transport.tcp.internal.TcpOptions;
import org.swarmsync.transport.tcp.internal.TcpTransport;
import org.swarmsync.transport.utp.internal.StackOptions;
import org.swarmsync.transport.utp.internal.UtpTransport;
import org.swarmsync.transport.utp.internal.core.UtpConfig;

/**
 * Two peers on 127.0.0.1, each with its own transport instance (and its own MSE provider when
 * the route encrypts), built with the settings the bundles' components use by default. Each
 * {@link #connect()} opens one fresh connection between them.
 *
 * <p>Routes:
 * <ul>
 * <li>{@code utp}: {@link UtpTransport} with its defaults (large datagrams on loopback, 0x53)</li>
 * <li>{@code tcp}: {@link TcpTransport} with {@link TcpOptions#DEFAULTS}</li>
 * <li>{@code utp-mse}, {@code tcp-mse}: the same, then an MSE handshake with RC4 required and
 *     AES-GCM turned off on both providers, so the payload is RC4 (what a libtorrent peer gets)</li>
 * <li>{@code utp-gcm}, {@code tcp-gcm}: the same handshake with the providers' defaults, so two
 *     swarmsync peers select AES-128-GCM records</li>
 * <li>{@code utp-1382}: µTP without the large-datagram offer, so packets have the standard
 *     1382-byte payload that libtorrent uses (a diagnostic, not a product setting)</li>
 * <li>diagnostics: {@code utp-snd<KiB>}, {@code utp-rcv<KiB>}, {@code utp-sock<KiB>}, combinable
 *     (for example {@code utp-snd1024-rcv1024}), see {@link #utpOptions}</li>
 * </ul>
 */
final class Link implements AutoCloseable {

    private static final InetSocketAddress LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final CryptoPolicy POLICY = CryptoPolicy.RC4_REQUIRED;

    private final List<AutoCloseable> owned = new ArrayList<>();
    private final BlockingQueue<Connection> accepted = new LinkedBlockingQueue<>();
    private final ExecutorService responders = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "bench-mse-responder");
        t.setDaemon(true);
        return t;
    });
    private final Transport dialler;
    private final Listening listening;
    private final MseChannelCrypto initiatorCrypto;
    private final MseChannelCrypto responderCrypto;
    private final byte[] key = new byte[20];
    /** The payload cipher the route's handshake must select. */
    private final PayloadCipher expected;

    private Link(String route) throws IOException {
        boolean gcm = route.endsWith("-gcm");
        boolean mse = gcm || route.endsWith("-mse");
        expected = gcm ? PayloadCipher.AES_128_GCM : PayloadCipher.RC4;
        String transport = mse ? route.substring(0, route.length() - 4) : route;
        Transport acceptor;
        if (transport.equals("tcp")) {
            acceptor = tcp();
            dialler = tcp();
        } else if (transport.equals("utp") || transport.startsWith("utp-")) {
            StackOptions options = utpOptions(transport);
            acceptor = utp(options);
            dialler = utp(options);
        } else {
            throw new IllegalArgumentException("unknown route " + route);
        }
        listening = acceptor.listen(LOOPBACK, accepted::add);
        owned.add(listening);
        if (mse) {
            new SecureRandom().nextBytes(key);
            MseSettings settings = MseSettings.DEFAULTS.withAesGcm(gcm);
            initiatorCrypto = new MseChannelCrypto(settings);
            responderCrypto = new MseChannelCrypto(settings);
            owned.add(initiatorCrypto);
            owned.add(responderCrypto);
        } else {
            initiatorCrypto = null;
            responderCrypto = null;
        }
    }

    /**
     * @param route {@code tcp} or a µTP route (see the class comment), optionally ending in
     *        {@code -mse} (RC4) or {@code -gcm} (AES-128-GCM)
     */
    static Link open(String route) throws IOException {
        return new Link(route);
    }

    /**
     * µTP settings from the route: {@code utp} is the defaults; diagnostic variants append
     * {@code -1382} (no large-datagram offer), {@code -snd<KiB>} / {@code -rcv<KiB>} (per-connection
     * send buffer and receive window) and {@code -sock<KiB>} (SO_SNDBUF/SO_RCVBUF requested).
     */
    private static StackOptions utpOptions(String transport) {
        StackOptions defaults = StackOptions.defaults();
        UtpConfig.Builder core = UtpConfig.builder();
        int socket = defaults.socketBufferBytes();
        boolean large = defaults.largeDatagrams();
        for (String m : transport.substring(3).split("-")) {
            if (m.isEmpty()) {
                continue;
            } else if (m.equals("1382")) {
                large = false;
            } else if (m.startsWith("snd")) {
                core.sendBufferBytes(kib(m, 3));
            } else if (m.startsWith("rcv")) {
                core.recvBufferBytes(kib(m, 3));
            } else if (m.startsWith("sock")) {
                socket = kib(m, 4);
            } else {
                throw new IllegalArgumentException("unknown µTP variant " + m + " in " + transport);
            }
        }
        return new StackOptions(core.build(), socket, large);
    }

    private static int kib(String modifier, int prefix) {
        return Integer.parseInt(modifier.substring(prefix)) * 1024;
    }

    private UtpTransport utp(StackOptions options) {
        UtpTransport t = new UtpTransport(options, LOOPBACK);
        owned.add(t::close);
        return t;
    }

    private TcpTransport tcp() {
        TcpTransport t = new TcpTransport(TcpOptions.DEFAULTS);
        owned.add(t);
        return t;
    }

    /**
     * Opens one connection, and runs the MSE handshake on it when the route encrypts. The
     * accepted end sends and the dialled end receives, as when a node fetches from a peer it
     * dialled (and as libtorrent's fetch dials its seed in the comparison run).
     */
    Ends connect() throws Exception {
        Connection dialled = dialler.connect(listening.localAddress(), CONNECT_TIMEOUT);
        Connection acceptedEnd = accepted.poll(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (acceptedEnd == null) {
            dialled.close();
            throw new IOException("the listener accepted nothing within " + CONNECT_TIMEOUT);
        }
        if (initiatorCrypto == null) {
            return new Ends(acceptedEnd, dialled);
        }
        Future<HandshakeResult> responded = responders.submit(() -> responderCrypto.respond(
                acceptedEnd, KeyRing.of(key), POLICY, ChannelCrypto.DEFAULT_TIMEOUT));
        HandshakeResult initiated = initiatorCrypto.initiate(dialled, key, ByteBuffer.allocate(0), POLICY,
                ChannelCrypto.DEFAULT_TIMEOUT);
        HandshakeResult response = responded.get(ChannelCrypto.DEFAULT_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        if (initiated.cipher() != expected || response.cipher() != expected) {
            throw new IllegalStateException("MSE did not select " + expected + ": " + initiated.cipher() + "/"
                    + response.cipher());
        }
        return new Ends(response.connection(), initiated.connection());
    }

    /** Stops the listener, both transports (closing what is still open) and the MSE providers. */
    @Override
    public void close() {
        responders.shutdownNow();
        for (int i = owned.size() - 1; i >= 0; i--) {
            try {
                owned.get(i).close();
            } catch (Exception e) {
                // tearing down after the measurement: nothing left to save
            }
        }
    }
}
