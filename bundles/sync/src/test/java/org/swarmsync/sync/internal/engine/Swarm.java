package org.swarmsync.sync.internal.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.function.BooleanSupplier;

import org.swarmsync.api.discovery.PeerId;
import org.swarmsync.api.secrets.Secret;
import org.swarmsync.api.transport.Connection;
import org.swarmsync.api.transport.Listening;
import org.swarmsync.secrets.internal.SecretServiceImpl;
import org.swarmsync.sync.internal.index.FolderIndex;
import org.swarmsync.sync.internal.scan.FolderMarker;
import org.swarmsync.sync.internal.session.PeerSession;
import org.swarmsync.sync.internal.session.Role;
import org.swarmsync.sync.internal.session.SessionTimings;
import org.swarmsync.transport.tcp.internal.TcpOptions;
import org.swarmsync.transport.tcp.internal.TcpTransport;

/**
 * N folders in one JVM, each with its own engine, index and TCP listener on loopback,
 * connected as a test says: the swarm fixture that keeps sync tests one screen long.
 */
final class Swarm implements AutoCloseable {

    static final SecretServiceImpl SECRETS = new SecretServiceImpl();
    /** Short clocks, a quick watcher: changes propagate in well under a second. */
    static final EngineConfig CONFIG = EngineConfig.DEFAULTS.withWatch(true, Duration.ofMillis(50))
            .withTimings(new SessionTimings(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(10),
                    Duration.ofMillis(500)));
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration PATIENCE = Duration.ofSeconds(40);

    /** One peer: a folder, its index and engine, and the listener that accepts its sessions. */
    final class Node {
        final String name;
        final Path root;
        final Path indexFile;
        final Secret secret;
        final PeerId id = PeerId.random(RANDOM);
        final EngineConfig config;
        volatile FolderIndex index;
        volatile FolderEngine engine;
        final Listening listening;
        final List<PeerSession> dialled = new ArrayList<>();

        Node(String name, Secret secret, EngineConfig config) throws IOException {
            this.name = name;
            this.secret = secret;
            this.config = config;
            root = Files.createDirectories(base.resolve(name)).toRealPath();
            indexFile = Files.createDirectories(base.resolve(name + "-index")).resolve("index.mv");
            FolderMarker.create(root);
            listening = tcp.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    this::accepted);
        }

        private void accepted(Connection connection) {
            FolderEngine e = engine;
            PeerSession.start(connection, Role.RESPONDER, new byte[0], e.sessionConfig(), e.sessionListener());
        }

        /** Opens the index and starts a new engine on it. */
        Node start() throws IOException {
            index = FolderIndex.open(indexFile);
            engine = new FolderEngine(root, index, secret, id, config);
            engine.start();
            return this;
        }

        /** Closes the engine and the index, as a node stopping the folder does. */
        void stop() {
            engine.close();
            index.close();
        }

        Path file(String path) {
            return root.resolve(path);
        }

        SortedMap<String, String> tree() throws IOException {
            return Trees.snapshot(root);
        }

        Progress progress() {
            return engine.progress();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final Path base;
    private final TcpTransport tcp = new TcpTransport(TcpOptions.DEFAULTS);
    private final List<Node> nodes = new ArrayList<>();

    Swarm(Path base) {
        this.base = base;
    }

    /** Adds and starts a peer. */
    Node add(String name, Secret secret) throws IOException {
        return add(name, secret, CONFIG);
    }

    Node add(String name, Secret secret, EngineConfig config) throws IOException {
        Node node = new Node(name, secret, config).start();
        nodes.add(node);
        return node;
    }

    /** Adds a peer without starting it: the test fills its folder first. */
    Node create(String name, Secret secret) throws IOException {
        return create(name, secret, CONFIG);
    }

    Node create(String name, Secret secret, EngineConfig config) throws IOException {
        Node node = new Node(name, secret, config);
        nodes.add(node);
        return node;
    }

    /** {@code from} dials {@code to}: one session, both ends started with their engines. */
    PeerSession connect(Node from, Node to) throws IOException {
        Connection connection = tcp.connect(to.listening.localAddress(), Duration.ofSeconds(5));
        PeerSession session = PeerSession.start(connection, Role.INITIATOR, new byte[0], from.engine.sessionConfig(),
                from.engine.sessionListener());
        synchronized (from.dialled) {
            from.dialled.add(session);
        }
        return session;
    }

    /** Connects every pair once and waits until each node sees all others. */
    void connectAll() throws Exception {
        for (int i = 0; i < nodes.size(); i++) {
            for (int j = i + 1; j < nodes.size(); j++) {
                connect(nodes.get(i), nodes.get(j));
            }
        }
        await("every node connected to every other", () -> nodes.stream()
                .allMatch(n -> n.engine.peers().size() == nodes.size() - 1));
    }

    /** Closes the sessions {@code from} dialled. */
    void disconnect(Node from) throws InterruptedException {
        List<PeerSession> sessions;
        synchronized (from.dialled) {
            sessions = new ArrayList<>(from.dialled);
            from.dialled.clear();
        }
        for (PeerSession s : sessions) {
            s.close("test disconnects");
            s.awaitClosed(Duration.ofSeconds(5));
        }
    }

    /** Waits until every node's tree (outside .sync) is the same as the first's, then asserts it. */
    void awaitSameTrees(Node... which) throws Exception {
        Node[] group = which.length == 0 ? nodes.toArray(new Node[0]) : which;
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            boolean same = true;
            for (int i = 1; i < group.length && same; i++) {
                same = group[0].tree().equals(group[i].tree());
            }
            if (same) {
                return;
            }
            if (System.nanoTime() > deadline) {
                for (int i = 1; i < group.length; i++) {
                    assertEquals(group[0] + " and " + group[i] + " differ", group[0].tree(), group[i].tree());
                }
            }
            Thread.sleep(50);
        }
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        for (Node node : nodes) {
            node.listening.close();
        }
        for (Node node : nodes) {
            if (node.engine != null) {
                node.stop();
            }
        }
        tcp.close();
    }
}
