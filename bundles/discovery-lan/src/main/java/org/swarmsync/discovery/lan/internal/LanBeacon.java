package org.swarmsync.discovery.lan.internal;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swarmsync.api.discovery.Announcement;
import org.swarmsync.api.discovery.PeerId;
import org.swarmsync.api.discovery.PeerListener;
import org.swarmsync.api.secrets.ShareHash;

/**
 * The LAN source's sockets and thread around {@link LanCore}.
 *
 * <p>Two sockets: one bound to the group's port (SO_REUSEADDR, so several nodes on one host
 * can listen) and joined to the group on each interface, which hears pings; and one on an
 * ephemeral port, which sends our pings (IP_MULTICAST_IF per interface, the configured TTL and
 * loop) and our unicast answers, and hears the answers to our pings. One thread runs both
 * through a selector. Nothing is opened, and no group is joined, before the first
 * announcement, so a node that announces nothing sends nothing, not even a membership report.
 */
final class LanBeacon implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LanBeacon.class);
    private static final long MAX_SELECT_MILLIS = 1_000;
    private static final long REOPEN_MILLIS = 30_000;
    private static final long JOIN_MILLIS = 2_000;

    private final LanOptions options;
    private final LanCore core;
    private final Object lock = new Object();
    private Thread thread;
    private Selector selector;
    private boolean closed;

    LanBeacon(LanOptions options) {
        this.options = options;
        this.core = new LanCore(options.interval().toMillis(), options.replyGap().toMillis(),
                new SplittableRandom());
    }

    Announcement announce(ShareHash share, PeerId self, int listenPort, PeerListener listener) {
        LanCore.Registration r = core.add(share, self, listenPort, listener, monotonicMillis());
        synchronized (lock) {
            if (closed) {
                core.remove(r);
                return new LanAnnouncement(this, r);
            }
            if (thread == null) {
                thread = new Thread(this::run, "swarmsync-lan");
                thread.setDaemon(true);
                thread.start();
            }
        }
        wakeup();
        return new LanAnnouncement(this, r);
    }

    void refresh(LanCore.Registration r) {
        core.refresh(r, monotonicMillis());
        wakeup();
    }

    void remove(LanCore.Registration r) {
        core.remove(r);
    }

    LanMetrics metrics() {
        return core.metrics();
    }

    private void wakeup() {
        synchronized (lock) {
            if (selector != null) {
                selector.wakeup();
            }
        }
    }

    /** Stops the thread and closes both sockets (leaving the group). Idempotent. */
    @Override
    public void close() {
        Thread t;
        synchronized (lock) {
            closed = true;
            t = thread;
            if (selector != null) {
                selector.wakeup();
            }
        }
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
            try {
                t.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    private void run() {
        while (!isClosed()) {
            try (Selector sel = Selector.open();
                    DatagramChannel group = openGroupSocket();
                    DatagramChannel unicast = openUnicastSocket()) {
                List<NetworkInterface> nifs = interfaces();
                for (NetworkInterface nif : nifs) {
                    group.join(options.group(), nif);
                }
                if (nifs.isEmpty()) {
                    LOG.warn("LAN discovery: no usable multicast interface{}", options.networkInterface().isEmpty()
                            ? "" : " named '" + options.networkInterface() + "'");
                }
                group.register(sel, SelectionKey.OP_READ, Boolean.TRUE);
                unicast.register(sel, SelectionKey.OP_READ, Boolean.FALSE);
                synchronized (lock) {
                    selector = sel;
                }
                loop(sel, unicast, nifs);
                return;
            } catch (IOException e) {
                LOG.warn("LAN discovery sockets failed on {}:{}: {}; retrying in {} s", options.group()
                        .getHostAddress(), options.port(), e.toString(), REOPEN_MILLIS / 1000);
            } finally {
                synchronized (lock) {
                    selector = null;
                }
            }
            try {
                Thread.sleep(REOPEN_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void loop(Selector sel, DatagramChannel unicast, List<NetworkInterface> nifs) throws IOException {
        InetSocketAddress groupAddress = new InetSocketAddress(options.group(), options.port());
        ByteBuffer buf = ByteBuffer.allocate(LanWire.MAX_DATAGRAM + 1);
        while (!isClosed()) {
            long now = monotonicMillis();
            for (byte[] ping : core.duePings(now)) {
                for (NetworkInterface nif : nifs) {
                    send(unicast, nif, ping, groupAddress);
                }
            }
            long wait = Math.min(MAX_SELECT_MILLIS, core.nextDue() - monotonicMillis());
            if (wait > 0) {
                sel.select(wait);
            } else {
                sel.selectNow();
            }
            for (SelectionKey key : sel.selectedKeys()) {
                drain((DatagramChannel) key.channel(), (Boolean) key.attachment(), unicast, buf);
            }
            sel.selectedKeys().clear();
        }
    }

    private void send(DatagramChannel unicast, NetworkInterface nif, byte[] ping, InetSocketAddress to) {
        try {
            unicast.setOption(StandardSocketOptions.IP_MULTICAST_IF, nif);
            unicast.send(ByteBuffer.wrap(ping), to);
            core.countPingSent();
        } catch (IOException e) {
            LOG.debug("LAN ping on {} failed: {}", nif.getName(), e.toString());
        }
    }

    private void drain(DatagramChannel channel, boolean viaGroup, DatagramChannel unicast, ByteBuffer buf) {
        while (true) {
            SocketAddress from;
            try {
                buf.clear();
                from = channel.receive(buf);
            } catch (IOException e) {
                LOG.debug("LAN receive failed: {}", e.toString());
                return;
            }
            if (from == null) {
                return;
            }
            InetSocketAddress source = (InetSocketAddress) from;
            LanCore.Outcome outcome = core.onDatagram(buf.array(), buf.position(), source, viaGroup,
                    monotonicMillis());
            for (byte[] reply : outcome.replies()) {
                try {
                    unicast.send(ByteBuffer.wrap(reply), source);
                } catch (IOException e) {
                    LOG.debug("LAN answer to {} failed: {}", source, e.toString());
                }
            }
            for (LanCore.Report report : outcome.reports()) {
                if (report.registration().closed) {
                    continue;
                }
                try {
                    report.registration().listener.found(report.peer());
                } catch (RuntimeException e) {
                    LOG.warn("peer listener failed for share {}", report.peer().share(), e);
                }
            }
        }
    }

    private DatagramChannel openGroupSocket() throws IOException {
        DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            try {
                // Bound to the group address, the socket hears only the group's datagrams (Linux, BSD).
                ch.bind(new InetSocketAddress(options.group(), options.port()));
            } catch (IOException e) {
                ch.bind(new InetSocketAddress(options.port()));
            }
            ch.configureBlocking(false);
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private DatagramChannel openUnicastSocket() throws IOException {
        DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            ch.bind(new InetSocketAddress(0));
            ch.setOption(StandardSocketOptions.IP_MULTICAST_TTL, options.ttl());
            ch.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, options.loopback());
            ch.configureBlocking(false);
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** The named interface (even without the MULTICAST flag: Linux loopback works), or every suitable one. */
    private List<NetworkInterface> interfaces() throws SocketException {
        if (!options.networkInterface().isEmpty()) {
            NetworkInterface nif = NetworkInterface.getByName(options.networkInterface());
            return nif != null && nif.isUp() && hasIpv4(nif) ? List.of(nif) : List.of();
        }
        List<NetworkInterface> out = new ArrayList<>();
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nif.isUp() && nif.supportsMulticast() && !nif.isLoopback() && !nif.isPointToPoint()
                    && !nif.isVirtual() && hasIpv4(nif)) {
                out.add(nif);
            }
        }
        return out;
    }

    private static boolean hasIpv4(NetworkInterface nif) {
        for (InetAddress a : Collections.list(nif.getInetAddresses())) {
            if (a instanceof Inet4Address) {
                return true;
            }
        }
        return false;
    }

    private static long monotonicMillis() {
        return System.nanoTime() / 1_000_000L;
    }
}
