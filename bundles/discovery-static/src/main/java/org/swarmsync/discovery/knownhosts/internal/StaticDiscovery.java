package org.swarmsync.discovery.knownhosts.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swarmsync.api.discovery.Announcement;
import org.swarmsync.api.discovery.DiscoveredPeer;
import org.swarmsync.api.discovery.PeerListener;
import org.swarmsync.api.secrets.ShareHash;

/**
 * Reports the configured hosts of a share: at once, every interval (so the orchestrator can
 * redial), on {@code refresh()}, and when a configuration for that share arrives. Host names
 * are resolved at every report, on this class's own thread, which starts with the first
 * announcement.
 */
final class StaticDiscovery implements AutoCloseable {

    /** The {@code discovery.source} name. */
    static final String SOURCE = "static";

    /** Most addresses reported for one host name. */
    static final int MAX_ADDRESSES_PER_HOST = 8;

    private static final Logger LOG = LoggerFactory.getLogger(StaticDiscovery.class);
    private static final long JOIN_MILLIS = 2_000;

    /** Resolves a host name; a seam for tests. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Duration interval;
    private final Resolver resolver;
    private final List<KnownHosts> folders = new CopyOnWriteArrayList<>();
    private final List<StaticAnnouncement> announcements = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private ScheduledExecutorService executor;
    private boolean closed;

    StaticDiscovery(Duration interval, Resolver resolver) {
        this.interval = interval;
        this.resolver = resolver;
    }

    void addFolder(KnownHosts folder) {
        folders.add(folder);
        for (StaticAnnouncement a : announcements) {
            if (a.share.equals(folder.share())) {
                a.refresh();
            }
        }
    }

    void removeFolder(KnownHosts folder) {
        folders.remove(folder);
    }

    Announcement announce(ShareHash share, PeerListener listener) {
        StaticAnnouncement a = new StaticAnnouncement(share, listener);
        synchronized (lock) {
            if (closed) {
                a.closed = true;
                return a;
            }
            if (executor == null) {
                executor = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "swarmsync-static-discovery");
                    t.setDaemon(true);
                    return t;
                });
            }
            announcements.add(a);
            a.periodic = executor.scheduleWithFixedDelay(a::report, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
        return a;
    }

    @Override
    public void close() {
        ScheduledExecutorService e;
        synchronized (lock) {
            closed = true;
            e = executor;
        }
        for (StaticAnnouncement a : announcements) {
            a.closed = true;
        }
        announcements.clear();
        if (e != null) {
            e.shutdownNow();
            try {
                e.awaitTermination(JOIN_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void submit(Runnable r) {
        synchronized (lock) {
            if (!closed && executor != null) {
                executor.execute(r);
            }
        }
    }

    /** One share's reporting. */
    private final class StaticAnnouncement implements Announcement {
        final ShareHash share;
        final PeerListener listener;
        volatile ScheduledFuture<?> periodic;
        volatile boolean closed;

        StaticAnnouncement(ShareHash share, PeerListener listener) {
            this.share = share;
            this.listener = listener;
        }

        @Override
        public void refresh() {
            if (!closed) {
                submit(this::report);
            }
        }

        @Override
        public void close() {
            closed = true;
            announcements.remove(this);
            ScheduledFuture<?> p = periodic;
            if (p != null) {
                p.cancel(false);
            }
        }

        void report() {
            Instant now = Instant.now();
            for (KnownHosts folder : folders) {
                if (!folder.share().equals(share)) {
                    continue;
                }
                for (HostPort host : folder.hosts()) {
                    InetAddress[] addresses;
                    try {
                        addresses = resolver.resolve(host.host());
                    } catch (UnknownHostException e) {
                        LOG.debug("known host {} does not resolve", host);
                        continue;
                    }
                    for (int i = 0; i < Math.min(addresses.length, MAX_ADDRESSES_PER_HOST); i++) {
                        if (closed) {
                            return;
                        }
                        deliver(new DiscoveredPeer(share, new InetSocketAddress(addresses[i], host.port()),
                                Optional.empty(), SOURCE, now));
                    }
                }
            }
        }

        private void deliver(DiscoveredPeer peer) {
            try {
                listener.found(peer);
            } catch (RuntimeException e) {
                LOG.warn("peer listener failed for share {}", share, e);
            }
        }
    }
}
