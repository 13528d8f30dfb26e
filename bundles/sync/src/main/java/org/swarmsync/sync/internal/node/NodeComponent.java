package org.swarmsync.sync.internal.node;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.swarmsync.sync.internal.engine.Threads;
import org.slf4j.LoggerFactory;
import org.swarmsync.api.crypto.ChannelCrypto;
import org.swarmsync.api.crypto.CryptoPolicy;
import org.swarmsync.api.crypto.HandshakeResult;
import org.swarmsync.api.crypto.KeyRing;
import org.swarmsync.api.discovery.PeerDiscovery;
import org.swarmsync.api.discovery.PeerId;
import org.swarmsync.api.secrets.SecretService;
import org.swarmsync.api.secrets.ShareHash;
import org.swarmsync.api.sync.FileNotice;
import org.swarmsync.api.sync.FolderStatus;
import org.swarmsync.api.sync.PeerStatus;
import org.swarmsync.api.sync.SyncService;
import org.swarmsync.api.transport.Connection;
import org.swarmsync.api.transport.Listening;
import org.swarmsync.api.transport.Transport;

/**
 * The node: one per framework. It binds every transport, channel cipher and discovery
 * source, listens on each transport, routes accepted connections to the folder whose share
 * hash the peer's handshake names, dials for folders, and is the {@link SyncService}.
 */
@Component(service = {SyncService.class, NodeComponent.class}, configurationPid = NodeComponent.PID,
        immediate = true)
@Designate(ocd = NodeConfig.class)
public final class NodeComponent implements SyncService {

    public static final String PID = "org.swarmsync.node";

    private static final Logger LOG = LoggerFactory.getLogger(NodeComponent.class);
    private static final Duration FOLDER_CHANGE_WAIT = Duration.ofSeconds(10);
    /**
     * How long the preferred transport has to connect before the next is tried alongside it.
     * Long enough for a µTP handshake whose first two SYNs were lost (sent at 0, 1 and 3 s), or
     * that meets a loaded machine, short enough that a peer whose µTP is gone is reached over
     * TCP in seconds rather than after the whole connect timeout. (2 s lost to TCP on a loaded
     * CI machine, so a session meant to start over µTP started over TCP.)
     */
    private static final Duration FALLBACK_HEAD_START = Duration.ofSeconds(5);

    private final Transports transports = new Transports();
    private final Map<Transport, Listening> listening = new ConcurrentHashMap<>();
    private final Map<ChannelCrypto, Integer> cryptos = new ConcurrentHashMap<>();
    private final Map<PeerDiscovery, String> discoveries = new ConcurrentHashMap<>();
    private final Map<ShareHash, FolderComponent> folders = new ConcurrentHashMap<>();
    private final PeerId self = PeerId.random(new SecureRandom());

    private volatile NodeConfig config;
    private volatile CryptoPolicy policy;
    private volatile ExecutorService handshakes;
    private volatile int listenPort;
    private volatile boolean active;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConfigurationAdmin configAdmin;

    @Reference
    private SecretService secrets;

    @Activate
    void activate(NodeConfig config) {
        this.config = config;
        this.policy = PolicyNames.parse(config.crypto_policy()); // a bad name fails activation, saying so
        this.listenPort = config.listen_port();
        this.handshakes = Executors.newCachedThreadPool(Threads.named("swarmsync-handshake"));
        this.active = true;
    }

    @Deactivate
    void deactivate() {
        active = false;
        listening.values().forEach(Listening::close);
        listening.clear();
        handshakes.shutdownNow();
    }

    // --- bindings: every change is a hot swap ---

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindTransport(Transport transport, Map<String, Object> properties) {
        transports.add(transport, properties);
        if (active && !folders.isEmpty()) {
            startListening(transport);
        }
    }

    void unbindTransport(Transport transport) {
        transports.remove(transport);
        Listening l = listening.remove(transport);
        if (l != null) {
            l.close();
        }
        LOG.info("transport {} is gone; new sessions use the others", transport.scheme());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindCrypto(ChannelCrypto crypto, Map<String, Object> properties) {
        Object ranking = properties.get(org.osgi.framework.Constants.SERVICE_RANKING);
        cryptos.put(crypto, ranking instanceof Integer i ? i : 0);
    }

    void unbindCrypto(ChannelCrypto crypto) {
        cryptos.remove(crypto);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindDiscovery(PeerDiscovery discovery, Map<String, Object> properties) {
        String source = String.valueOf(properties.getOrDefault(PeerDiscovery.SOURCE, "unnamed"));
        discoveries.put(discovery, source);
        folders.values().forEach(folder -> folder.discoveryAdded(discovery, source));
    }

    void unbindDiscovery(PeerDiscovery discovery) {
        discoveries.remove(discovery);
        folders.values().forEach(folder -> folder.discoveryRemoved(discovery));
    }

    // --- what folders use ---

    PeerId self() {
        return self;
    }

    int listenPort() {
        return listenPort;
    }

    Map<PeerDiscovery, String> discoveries() {
        return Map.copyOf(discoveries);
    }

    /**
     * Makes a folder reachable: accepted connections naming its share go to it. The first
     * folder opens the node's ports; a node without folders (a CLI command) opens none.
     */
    synchronized void register(FolderComponent folder) {
        FolderComponent previous = folders.putIfAbsent(folder.share(), folder);
        if (previous != null && previous != folder) {
            throw new IllegalStateException("share " + folder.share().hex().substring(0, 8)
                    + " is already synchronised in " + previous.root());
        }
        if (folders.size() == 1 && active) {
            transports.byPreference().forEach(this::startListening);
        }
    }

    synchronized void unregister(FolderComponent folder) {
        folders.remove(folder.share(), folder);
        if (folders.isEmpty()) {
            listening.values().forEach(Listening::close);
            listening.clear();
            listenPort = config.listen_port();
        }
    }

    /**
     * Opens a protected connection to a peer for a share: the transports in order of
     * preference, each with a head start over the next, the first to connect winning; then
     * the channel cipher's handshake with the share hash.
     *
     * @throws IOException naming every transport's failure when none worked
     */
    HandshakeResult dial(InetSocketAddress peer, ShareHash share) throws IOException {
        ChannelCrypto crypto = crypto().orElseThrow(() -> new IOException("no channel crypto is installed"));
        Duration connectTimeout = Duration.ofSeconds(config.connect_timeout_seconds());
        List<String> failures = new ArrayList<>();
        Optional<Connection> connection = Transports.connectFirst(transports.byPreference(), peer, connectTimeout,
                FALLBACK_HEAD_START, handshakes, failures);
        if (connection.isEmpty()) {
            throw new IOException(failures.isEmpty() ? "no transport is installed" : String.join("; ", failures));
        }
        return crypto.initiate(connection.get(), share.toBytes(), ByteBuffer.allocate(0), policy,
                Duration.ofSeconds(config.handshake_timeout_seconds()));
    }

    private synchronized void startListening(Transport transport) {
        if (listening.containsKey(transport)) {
            return;
        }
        InetSocketAddress bind = new InetSocketAddress(config.bind_address(), listenPort);
        try {
            Listening l = transport.listen(bind, connection -> handshakes.execute(() -> accept(connection)));
            listening.put(transport, l);
            if (listenPort == 0) {
                listenPort = l.localAddress().getPort();
            }
            LOG.info("listening on {} over {}", l.localAddress(), transport.scheme());
        } catch (IOException e) {
            LOG.warn("cannot listen on {} over {}: {}", bind, transport.scheme(), e.getMessage());
        }
    }

    private void accept(Connection connection) {
        Optional<ChannelCrypto> crypto = crypto();
        if (crypto.isEmpty() || !active) {
            closeQuietly(connection);
            return;
        }
        try {
            KeyRing served = () -> folders.keySet().stream().map(ShareHash::toBytes).toList();
            HandshakeResult result = crypto.get().respond(connection, served, policy,
                    Duration.ofSeconds(config.handshake_timeout_seconds()));
            Optional<FolderComponent> folder = result.key().map(ShareHash::of).map(folders::get);
            if (folder.isEmpty()) {
                closeQuietly(result.connection());
                return;
            }
            folder.get().accepted(result);
        } catch (IOException e) {
            LOG.debug("handshake with {} failed: {}", connection.remoteAddress(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("accepting {} failed", connection.remoteAddress(), e);
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (IOException e) {
            // it is going away either way
        }
    }

    private Optional<ChannelCrypto> crypto() {
        // MSE first: it is what every swarmsync peer speaks; then by service ranking.
        return cryptos.entrySet().stream()
                .max(Comparator.comparing((Map.Entry<ChannelCrypto, Integer> e) -> e.getKey().method().equals("mse"))
                        .thenComparing(Map.Entry::getValue))
                .map(Map.Entry::getKey);
    }


    // --- SyncService ---

    @Override
    public FolderStatus add(Path path, String secret, List<String> knownHosts) {
        for (String host : knownHosts) {
            if (!host.matches("\\S+:\\d{1,5}")) {
                throw new IllegalArgumentException("a known host must be HOST:PORT, not \"" + host + "\"");
            }
        }
        ConfigurationAdmin admin = configAdmin;
        if (admin == null) {
            throw new IllegalStateException("Config Admin is not installed; folders are configurations");
        }
        Path root = path.toAbsolutePath().normalize();
        ShareHash share = secrets.parse(secret).shareHash();
        for (FolderComponent folder : folders.values()) {
            if (folder.root().equals(root) || folder.share().equals(share)) {
                throw new IllegalStateException("folder " + folder.id() + " already synchronises "
                        + (folder.root().equals(root) ? root : "this share"));
            }
        }
        try {
            Configuration configuration = admin.createFactoryConfiguration(FolderComponent.FACTORY_PID, "?");
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put("path", root.toString());
            properties.put("secret", secret);
            if (!knownHosts.isEmpty()) {
                properties.put("peers", knownHosts.toArray(String[]::new));
            }
            configuration.update(properties);
        } catch (IOException e) {
            throw new IllegalStateException("cannot store the folder's configuration: " + e.getMessage(), e);
        }
        return awaitFolder(folder -> folder.root().equals(root), true).map(FolderComponent::status)
                .orElseThrow(() -> new IllegalStateException("the folder " + root + " did not start; see the log"));
    }

    @Override
    public boolean remove(String id) {
        Optional<FolderComponent> folder = folders.values().stream().filter(f -> f.id().equals(id)).findFirst();
        ConfigurationAdmin admin = configAdmin;
        if (folder.isEmpty() || admin == null) {
            return false;
        }
        try {
            Configuration configuration = admin.getConfiguration(folder.get().pid(), "?");
            configuration.delete();
            // Config Admin stops the folder on its own thread: wait for it, so that the folder
            // can be added again at once (the shell's remove, then add, did race with it).
            if (awaitFolder(f -> f.id().equals(id), false).isPresent()) {
                LOG.warn("folder {} is still stopping after {} s", id, FOLDER_CHANGE_WAIT.toSeconds());
            }
            return true;
        } catch (IOException e) {
            throw new IllegalStateException("cannot delete the folder's configuration: " + e.getMessage(), e);
        }
    }

    /**
     * Waits up to {@link #FOLDER_CHANGE_WAIT} for a folder matching {@code which} to be there
     * ({@code present}) or gone.
     *
     * @return the matching folder when the wait ends, if any
     */
    private Optional<FolderComponent> awaitFolder(Predicate<FolderComponent> which, boolean present) {
        long deadline = System.nanoTime() + FOLDER_CHANGE_WAIT.toNanos();
        while (true) {
            Optional<FolderComponent> found = folders.values().stream().filter(which).findFirst();
            if (found.isPresent() == present || System.nanoTime() >= deadline) {
                return found;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return found;
            }
        }
    }

    @Override
    public List<FolderStatus> folders() {
        return folders.values().stream().map(FolderComponent::status)
                .sorted(Comparator.comparing(FolderStatus::id)).toList();
    }

    @Override
    public List<PeerStatus> peers(String id) {
        return withFolder(id, FolderComponent::peers).orElse(List.of());
    }

    @Override
    public List<FileNotice> notices(String id) {
        return withFolder(id, FolderComponent::notices).orElse(List.of());
    }

    @Override
    public int restore(String id, String path) {
        return withFolder(id, f -> f.restore(path))
                .orElseThrow(() -> new IllegalArgumentException("no folder with the id " + id));
    }

    private <T> Optional<T> withFolder(String id, Function<FolderComponent, T> what) {
        return folders.values().stream().filter(f -> f.id().equals(id)).findFirst().map(what);
    }

    @Override
    public Optional<FolderStatus> folder(String id) {
        return withFolder(id, FolderComponent::status);
    }
}
