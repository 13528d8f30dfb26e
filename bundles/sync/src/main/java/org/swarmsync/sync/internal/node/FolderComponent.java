package org.swarmsync.sync.internal.node;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.ComponentConstants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swarmsync.api.crypto.HandshakeResult;
import org.swarmsync.api.discovery.Announcement;
import org.swarmsync.api.discovery.PeerDiscovery;
import org.swarmsync.api.discovery.PeerId;
import org.swarmsync.api.secrets.Secret;
import org.swarmsync.api.secrets.SecretService;
import org.swarmsync.api.secrets.ShareHash;
import org.swarmsync.api.sync.FileNotice;
import org.swarmsync.api.sync.FolderStatus;
import org.swarmsync.api.sync.PeerStatus;
import org.swarmsync.sync.internal.engine.EngineConfig;
import org.swarmsync.sync.internal.engine.FolderEngine;
import org.swarmsync.sync.internal.index.FolderIndex;
import org.swarmsync.sync.internal.scan.FolderMarker;
import org.swarmsync.sync.internal.session.PeerAccess;
import org.swarmsync.sync.internal.session.PeerInfo;
import org.swarmsync.sync.internal.session.PeerSession;
import org.swarmsync.sync.internal.session.Role;

/**
 * One synchronised folder, from its factory configuration: opens the folder's index, runs its
 * engine, announces its share on the discovery sources it may use, and keeps it connected to
 * the peers they find.
 */
@Component(service = FolderComponent.class, configurationPid = FolderComponent.FACTORY_PID, immediate = true,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = FolderConfig.class, factory = true)
public final class FolderComponent {

    public static final String FACTORY_PID = "org.swarmsync.folder";

    private static final Logger LOG = LoggerFactory.getLogger(FolderComponent.class);
    /** The index sits in the folder, so a disk that vanishes takes its memory along. */
    private static final String INDEX_FILE = ".sync/index.mv";

    private final NodeComponent node;
    private final Secret secret;
    private final Path root;
    private final String id;
    private final String pid;
    private final Set<String> sources;
    private final String[] peers;
    private final FolderIndex index;
    private final FolderEngine engine;
    private final Dialer dialer;
    private final Map<PeerDiscovery, Announcement> announcements = new ConcurrentHashMap<>();
    private final Map<PeerSession, Started> sessions = new ConcurrentHashMap<>();

    private final ConfigurationAdmin configAdmin;

    @Activate
    public FolderComponent(FolderConfig config, Map<String, Object> properties, @Reference NodeComponent node,
            @Reference SecretService secrets,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            ConfigurationAdmin configAdmin) throws IOException {
        this.node = node;
        this.configAdmin = configAdmin;
        // Hand-edited .cfg files (Karaf's etc/) easily carry stray spaces around values.
        this.secret = secrets.parse(config.secret().strip());
        this.root = Path.of(config.path().strip()).toAbsolutePath().normalize();
        this.pid = String.valueOf(properties.get("service.pid"));
        this.id = config.id().isBlank() ? secret.shareHash().hex().substring(0, 8) : config.id().strip();
        this.sources = Set.copyOf(Arrays.asList(list(config.discovery())));
        this.peers = list(config.peers());
        Path real = prepare(root);
        this.index = FolderIndex.open(real.resolve(INDEX_FILE));
        try {
            this.engine = new FolderEngine(real, index, secret, node.self(), engineConfig(config));
            node.register(this);
        } catch (RuntimeException e) {
            index.close();
            throw e;
        }
        engine.start();
        this.dialer = new Dialer(id, node.self(), this::dial,
                () -> engine.peers().stream().map(PeerInfo::peer).collect(Collectors.toSet()));
        node.discoveries().forEach(this::discoveryAdded);
        KnownHostsLink.update(configAdmin, pid, share(), peers);
        LOG.info("folder {} at {} ({}, share {})", id, root, secret.access().label(), secret.shareHash());
    }

    /**
     * Makes sure the folder can be synchronised: creates it, or its marker on first use. A
     * folder that has an index but lost its marker is refused, since an unmounted disk looks
     * exactly like a folder whose files were all deleted.
     */
    private static Path prepare(Path root) throws IOException {
        Files.createDirectories(root);
        Path real = root.toRealPath();
        if (!Files.exists(real.resolve(INDEX_FILE))) {
            FolderMarker.create(real);
        }
        FolderMarker.check(real);
        return real;
    }

    /**
     * A list property as configured: a .cfg file (Karaf's etc/, Felix FileInstall) holds one
     * string per key, so {@code peers = a:1, b:2} arrives as one element and is split here.
     */
    static String[] list(String[] values) {
        return Arrays.stream(values).flatMap(v -> Arrays.stream(v.split("[,\\s]+")))
                .filter(v -> !v.isEmpty()).toArray(String[]::new);
    }

    @Deactivate
    void deactivate(int reason) {
        dialer.close();
        announcements.values().forEach(Announcement::close);
        announcements.clear();
        node.unregister(this);
        engine.close();
        try {
            index.close();
        } catch (RuntimeException e) {
            LOG.warn("folder {}: closing the index failed: {}", id, e.getMessage());
        }
        if (reason == ComponentConstants.DEACTIVATION_REASON_CONFIGURATION_DELETED) {
            KnownHostsLink.update(configAdmin, pid, share(), new String[0]);
        }
    }

    // --- what the node calls ---

    ShareHash share() {
        return secret.shareHash();
    }

    Path root() {
        return root;
    }

    String id() {
        return id;
    }

    String pid() {
        return pid;
    }

    List<FileNotice> notices() {
        return engine.notices();
    }

    int restore(String path) {
        return engine.restore(path);
    }

    FolderStatus status() {
        return engine.status(id);
    }

    /** A peer dialled us and its handshake named our share. */
    void accepted(HandshakeResult result) {
        start(result, Role.RESPONDER);
    }

    void discoveryAdded(PeerDiscovery discovery, String source) {
        boolean allowed = (sources.contains("*") || sources.contains(source)) && !sources.contains("-" + source);
        if (!allowed) {
            return;
        }
        announcements.computeIfAbsent(discovery,
                d -> d.announce(share(), node.self(), node.listenPort(), dialer::offer));
    }

    void discoveryRemoved(PeerDiscovery discovery) {
        Announcement announcement = announcements.remove(discovery);
        if (announcement != null) {
            announcement.close();
        }
    }

    private Dialer.SessionHandle dial(InetSocketAddress address) throws IOException {
        PeerSession session = start(node.dial(address, share()), Role.INITIATOR);
        return new Dialer.SessionHandle() {
            @Override
            public boolean isOpen() {
                return session.isOpen();
            }

            @Override
            public Optional<PeerId> peer() {
                return session.peer().map(info -> info.peer());
            }
        };
    }

    private PeerSession start(HandshakeResult result, Role role) {
        // The binding ties the peers' proofs to this one crypto handshake (docs/protocol.md, "Relays").
        PeerSession session = PeerSession.start(result.connection(), role, result.sessionBinding(),
                engine.sessionConfig(), engine.sessionListener());
        sessions.put(session, new Started(result.connection().scheme(), Instant.now()));
        sessions.keySet().removeIf(s -> !s.isOpen());
        return session;
    }

    /** @return the authenticated peers of this folder now, with how they are connected */
    List<PeerStatus> peers() {
        List<PeerStatus> peers = new ArrayList<>();
        sessions.forEach((session, started) -> session.peer().filter(p -> session.isOpen()).ifPresent(info ->
                peers.add(new PeerStatus(info.peer().hex(), session.remoteAddress(), label(info.access()),
                        started.scheme(), info.clientName(), started.at(), session.bytesReceived(),
                        session.bytesSent()))));
        return peers;
    }

    private static String label(PeerAccess access) {
        return switch (access) {
            case READ_WRITE -> "read-write";
            case READ_WRITE_CLAIMED -> "read-write (claimed)";
            case READ_ONLY -> "read-only";
        };
    }

    /** How and when a session began. */
    private record Started(String scheme, Instant at) {
    }

    private static EngineConfig engineConfig(FolderConfig config) {
        return EngineConfig.DEFAULTS.withRescanInterval(Duration.ofSeconds(config.rescan_seconds()))
                .withArchiveRetention(Duration.ofDays(Math.max(0, config.archive_days())));
    }
}
