package org.swarmsync.itests.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;

/**
 * swarmsync as a Karaf user runs it: the features repository added by its Maven coordinates,
 * {@code feature:install swarmsync}, a folder made by dropping a .cfg file into etc/ and
 * reconfigured by editing it, the console commands with their help, a standalone launcher peer
 * on loopback as the other end, and µTP uninstalled while a large file is in flight.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SwarmsyncInKarafIT {

    /** Large enough to be in flight for seconds at loopback speed while feature:uninstall resolves. */
    private static final long LARGE = 512L << 20;
    private static final String ID = "karaf";
    private static final String UTP = "org.swarmsync.transport-utp";
    private static final List<String> FEATURES = List.of("swarmsync-api", "swarmsync-core",
            "swarmsync-transport-utp", "swarmsync-transport-tcp", "swarmsync-crypto-mse",
            "swarmsync-discovery-tracker", "swarmsync-discovery-lan", "swarmsync-discovery-static",
            "swarmsync-shell", "swarmsync");
    /** The parts of {@code swarmsync} this test keeps once it installs them by name. */
    private static final String PARTS = "swarmsync-core swarmsync-crypto-mse swarmsync-discovery-static "
            + "swarmsync-shell swarmsync-transport-tcp swarmsync-transport-utp";
    private static final Pattern BYTES = Pattern.compile("(\\d+)/(\\d+) bytes");

    @Inject
    private SessionFactory sessions;

    @Inject
    private BundleContext context;

    private KarafShell shell;
    private Path work;
    private LauncherPeer peer;

    @Configuration
    public Option[] config() throws IOException {
        return KarafOptions.karaf();
    }

    @Before
    public void setUp() throws IOException {
        shell = new KarafShell(sessions);
        Path base = Files.createDirectories(Path.of(System.getProperty("swarmsync.work")));
        work = Files.createTempDirectory(base, "run");
    }

    @After
    public void tearDown() throws Exception {
        if (peer != null) {
            peer.close();
        }
        Files.deleteIfExists(cfg());
        shell.close();
        Trees.deleteTree(work);
    }

    @Test
    public void installedByFeatureConfiguredByCfgFileSyncsWithALauncherAndSurvivesUtpUninstall()
            throws Exception {
        installFeatures();
        checkHelp();

        // The launcher peer starts with a small tree; the big file comes later.
        Path sender = Files.createDirectories(work.resolve("sender"));
        for (int i = 0; i < 20; i++) {
            Trees.randomFile(sender.resolve("small/f" + i + ".bin"), 1_000 + 997L * i, i);
        }
        Map<String, String> small = Trees.fingerprint(sender);
        String secret = LauncherPeer.newSecret(work);
        int port = LauncherPeer.freePort();
        peer = LauncherPeer.start(sender, secret, port);

        // A cfg file makes the folder; its only known host is a port where nobody listens.
        Path receiver = work.resolve("receiver");
        int nobody = LauncherPeer.freePort();
        writeCfg(receiver, secret, "127.0.0.1:" + nobody);
        await("the cfg file makes the folder", 60, () -> run("swarmsync:folders").contains(ID));
        awaitCfgSettled();
        assertTrue(run("swarmsync:peers " + ID), run("swarmsync:peers " + ID).contains("no peers"));

        // Editing the file reconfigures the running folder: now it knows the launcher too.
        writeCfg(receiver, secret, "127.0.0.1:" + nobody + ", 127.0.0.1:" + port);
        await("the small tree arrives", 120, () -> Files.isDirectory(receiver.resolve("small"))
                && Trees.fingerprint(receiver).equals(small));
        await("the session runs over µTP", 30, () -> transports().equals(List.of("utp")));

        // Karaf uninstalls only features installed by name: swap the umbrella for its parts.
        run("feature:install " + PARTS);
        run("feature:uninstall swarmsync");
        assertEquals("the session outlives the swap", List.of("utp"), transports());

        // The large file: written beside, moved in whole, so the launcher hashes it once.
        Path staged = work.resolve("staged.bin");
        String largeHash = Trees.randomFile(staged, LARGE, 42);
        Files.move(staged, sender.resolve("large.bin"), StandardCopyOption.ATOMIC_MOVE);
        Path arrived = receiver.resolve("large.bin");
        await("the large file is in flight", 120, () -> {
            long[] bytes = bytes();
            return bytes[1] >= LARGE && bytes[0] > 0;
        });

        AtomicReference<String> atStop = new AtomicReference<>();
        SynchronousBundleListener listener = event -> {
            // Runs on the thread that stops the bundle: the moment µTP goes away.
            if (event.getType() == BundleEvent.STOPPING && UTP.equals(event.getBundle().getSymbolicName())) {
                atStop.set(Files.exists(arrived) ? "complete" : "in flight");
            }
        };
        long[] before = bytes();
        context.addBundleListener(listener);
        try {
            run("feature:uninstall swarmsync-transport-utp");
        } finally {
            context.removeBundleListener(listener);
        }
        assertNotNull("the µTP bundle stopped", atStop.get());
        assertEquals("the large file when µTP stopped (" + before[0] + "/" + before[1] + " bytes just before)",
                "in flight", atStop.get());
        assertFalse("µTP is uninstalled", Arrays.stream(context.getBundles())
                .anyMatch(b -> UTP.equals(b.getSymbolicName())));

        await("the session moves to TCP", 60, () -> transports().equals(List.of("tcp")));
        await("the large file arrives", 180, () -> Files.exists(arrived));
        assertEquals("the large file arrives byte-exact", largeHash, Trees.sha256(arrived));
        Map<String, String> all = Trees.fingerprint(receiver);
        all.remove("large.bin");
        assertEquals("the small files are untouched", small, all);
        assertEquals("the session still runs over TCP", List.of("tcp"), transports());
        assertTrue("the peer is still running", peer.process.isAlive());

        String log = Files.readString(Path.of(System.getProperty("karaf.data"), "log", "karaf.log"));
        assertTrue("swarmsync logged at DEBUG", log.contains("org.swarmsync"));
        assertFalse("the secret is never logged", log.contains(secret));
    }

    private void installFeatures() throws InterruptedException {
        String version = System.getProperty("swarmsync.version");
        run("feature:repo-add mvn:org.swarmsync/swarmsync-features/" + version + "/xml/features");
        run("feature:install swarmsync", 180);
        String lan = run("config:list \"(service.pid=org.swarmsync.discovery.lan)\"");
        assertTrue("LAN discovery is pinned to loopback:\n" + lan, lan.contains("network.interface = lo")
                && lan.contains("multicast.ttl = 0"));
        String installed = run("feature:list -i");
        for (String feature : FEATURES) {
            assertTrue(feature + " is installed and started:\n" + installed, installed.lines()
                    .anyMatch(l -> l.startsWith(feature + " ") && l.contains("Started")));
        }
    }

    /** Karaf shows a Gogo method command's description in its list; --help is the command's own. */
    private void checkHelp() throws InterruptedException {
        String status = run("swarmsync:status --help");
        assertTrue(status, status.contains("swarmsync:status [ID] [-h | --help]")
                && status.contains("shows every folder's state and progress"));
        String add = run("swarmsync:add --help");
        assertTrue(add, add.contains("swarmsync:add PATH SECRET") && add.contains("the folder's read-write or "
                + "read-only secret"));
        assertTrue("without its arguments a command shows its usage", run("swarmsync:peers").contains("SYNTAX"));
        String list = run("help");
        assertTrue(list, list.lines().anyMatch(l -> l.contains("swarmsync:folders")
                && l.contains("lists the synchronised folders")));
    }

    /** Writes the folder's cfg file the way an editor would replace it. */
    private void writeCfg(Path folder, String secret, String peers) throws IOException {
        String text = "# a folder kept in sync with the peers of its secret\n"
                + "id = " + ID + "\n"
                + "path = " + folder + "\n"
                + "secret = " + secret + "\n"
                + "peers = " + peers + "\n"
                + "discovery = static, -lan\n";
        Path temp = work.resolve("folder.cfg.tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, cfg(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Karaf's FileInstall writes a configuration it applied back to its file a moment later; an
     * edit made before that would be overwritten with the old content, so wait until the file
     * has been left alone for a few seconds.
     */
    private void awaitCfgSettled() throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        FileTime seen = Files.getLastModifiedTime(cfg());
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < 3_000_000_000L) {
            assertTrue("the cfg file keeps changing", System.nanoTime() < deadline);
            Thread.sleep(200);
            FileTime now = Files.getLastModifiedTime(cfg());
            if (!now.equals(seen)) {
                seen = now;
                quietSince = System.nanoTime();
            }
        }
    }

    private static Path cfg() {
        return Path.of(System.getProperty("karaf.etc"), "org.swarmsync.folder-" + ID + ".cfg");
    }

    /** @return the transports of the folder's sessions, from swarmsync:peers' VIA column */
    private List<String> transports() throws InterruptedException {
        return run("swarmsync:peers " + ID).lines().skip(1).map(l -> l.split("\\s+"))
                .filter(cells -> cells.length >= 5)
                .map(cells -> Arrays.stream(cells).filter(c -> c.equals("utp") || c.equals("tcp")).findFirst()
                        .orElse("?"))
                .toList();
    }

    /** @return bytes done and bytes total, from swarmsync:status ID */
    private long[] bytes() {
        try {
            Matcher m = BYTES.matcher(run("swarmsync:status " + ID));
            return m.find() ? new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))} : new long[2];
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new long[2];
        }
    }

    private String run(String command) throws InterruptedException {
        return shell.run(command);
    }

    private String run(String command, long timeoutSeconds) throws InterruptedException {
        return shell.run(command, timeoutSeconds);
    }

    private void await(String what, long seconds, Check check) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + seconds + " s\nstatus: " + run("swarmsync:status "
                        + ID) + "\npeers: " + run("swarmsync:peers " + ID) + "\nlauncher:\n" + (peer == null ? ""
                        : peer.process.tail()));
            }
            Thread.sleep(100);
        }
    }

    /** A condition polled by {@link #await}. */
    private interface Check {
        boolean ok() throws Exception;
    }
}
