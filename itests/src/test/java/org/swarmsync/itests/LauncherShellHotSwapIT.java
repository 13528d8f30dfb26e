package org.swarmsync.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Hot swap under load on real launchers, driven as a person would: one node is
 * {@code swarmsync shell} (the Gogo console, fed on standard input), the other a foreground
 * {@code swarmsync sync}. While a 200 MiB file flows, {@code stop} on the µTP bundle moves the
 * session to TCP, the file arrives byte-exact, and after {@code start} a new session uses µTP.
 * The same with the known-hosts discovery source: stopped mid-transfer, nothing is lost; a
 * folder added again finds its peer only once the source is started again.
 */
public class LauncherShellHotSwapIT {

    private static final long LARGE = 200L << 20;
    private static final long SECONDS = 60;
    private static final Pattern PEER_ROW = Pattern.compile("[0-9a-f]{12}\\s+\\S+\\s+read-write\\S*\\s+(\\w+)\\s");

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void stoppingUtpFromTheShellMidTransferMovesTheSessionToTcpAndStartingItBringsUtpBack() throws Exception {
        Path shellDir = tmp.newFolder("shell-node").toPath();
        Path receiver = tmp.newFolder("receiver").toPath();
        Trees.randomFile(shellDir.resolve("big/large.bin"), LARGE, 31);
        Trees.randomFile(shellDir.resolve("small.bin"), 20_000, 32);
        Map<String, String> expected = Trees.fingerprint(shellDir);
        String secret = SyncNode.newSecret();

        try (Processes shell = startShell()) {
            shell.send("lb -s");
            shell.awaitLine(l -> l.contains("|org.swarmsync.transport-utp "), SECONDS);
            String lan = bundleId(shell, "org.swarmsync.discovery-lan");
            String utp = bundleId(shell, "org.swarmsync.transport-utp");
            String tcp = bundleId(shell, "org.swarmsync.transport-tcp");
            // No LAN pings may leave the machine: LAN discovery goes before the folder exists.
            shell.send("stop " + lan);
            shell.send("swarmsync:add " + shellDir + " " + secret);
            String added = shell.awaitLine(l -> l.contains("added folder "), SECONDS);
            String id = added.replaceAll(".*added folder (\\S+).*", "$1");
            // The node's "listening" log line may come before or after the command's answer.
            String listening = ".*listening on .*:(\\d+) over utp.*";
            Waits.until("the shell's node listens", SECONDS,
                    () -> shell.output().lines().anyMatch(l -> l.matches(listening)), shell::output);
            int port = Integer.parseInt(shell.output().lines().filter(l -> l.matches(listening)).findFirst()
                    .orElseThrow().replaceAll(listening, "$1"));

            try (SyncNode node = SyncNode.start("receiver", receiver, secret, SyncNode.freePort(), port)) {
                Waits.until("a quarter of the file arrives", SECONDS,
                        () -> Waits.partialBytes(receiver) > LARGE / 4, () -> SyncIT.tail(node.process.output()));
                shell.send("swarmsync:peers " + id);
                shell.send("stop " + utp);
                assertEquals("the transfer runs over µTP", "utp", peerTransport(shell));
                shell.awaitLine(l -> l.contains("transport utp is gone"), SECONDS);
                assertFalse("the file was still in flight when µTP stopped",
                        Files.exists(receiver.resolve("big/large.bin")));

                awaitTransport(shell, id, "tcp");
                Waits.untilTrees(expected, 120, () -> SyncIT.tail(shell.output()) + "\nreceiver:\n"
                        + SyncIT.tail(node.process.output()), shellDir, receiver);

                shell.send("start " + utp);
                shell.awaitLine(l -> l.matches(".*listening on .*:" + port + " over utp.*"), SECONDS);
                // End the TCP session and bring TCP straight back: the redial, with both
                // transports there, goes to µTP again.
                shell.send("stop " + tcp + "; start " + tcp);
                shell.awaitLine(l -> l.matches(".*listening on .*:" + port + " over tcp.*"), SECONDS);
                awaitTransport(shell, id, "utp");
                assertEquals(expected, Trees.fingerprint(receiver));
            }
        }
    }

    @Test
    public void stoppingKnownHostsDiscoveryFromTheShellMidTransferLosesNothingAndStartingItFindsThePeerAgain()
            throws Exception {
        Path senderDir = tmp.newFolder("sender").toPath();
        Path shellDir = tmp.newFolder("shell-receiver").toPath();
        Trees.randomFile(senderDir.resolve("big/large.bin"), LARGE, 41);
        Map<String, String> expected = Trees.fingerprint(senderDir);
        String secret = SyncNode.newSecret();
        int senderPort = SyncNode.freePort();
        // The sender dials nobody: the shell's node reaches it only through its known hosts,
        // which the discovery-static bundle turns into dials.
        try (SyncNode sender = SyncNode.start("sender", senderDir, secret, senderPort);
                Processes shell = startShell()) {
            shell.send("lb -s");
            shell.awaitLine(l -> l.contains("|org.swarmsync.discovery-static "), SECONDS);
            String lan = bundleId(shell, "org.swarmsync.discovery-lan");
            String knownHosts = bundleId(shell, "org.swarmsync.discovery-static");
            shell.send("stop " + lan);
            String add = "swarmsync:add " + shellDir + " " + secret + " 127.0.0.1:" + senderPort;
            shell.send(add);
            String id = shell.awaitLine(l -> l.contains("added folder "), SECONDS)
                    .replaceAll(".*added folder (\\S+).*", "$1");
            Waits.until("a quarter of the file arrives", SECONDS, () -> Waits.partialBytes(shellDir) > LARGE / 4,
                    () -> SyncIT.tail(shell.output()));

            shell.send("stop " + knownHosts);
            assertFalse("the file was still in flight when the discovery source stopped",
                    Files.exists(shellDir.resolve("big/large.bin")));
            Waits.untilTrees(expected, 120, () -> SyncIT.tail(shell.output()) + "\nsender:\n"
                    + SyncIT.tail(sender.process.output()), shellDir);

            // Without the source, the folder added again finds nobody; with it back, it does.
            shell.send("swarmsync:remove " + id);
            shell.awaitLine(l -> l.contains("removed folder " + id), SECONDS);
            shell.send(add);
            shell.awaitLine(l -> l.contains("added folder " + id), SECONDS);
            TimeUnit.SECONDS.sleep(3);
            shell.send("swarmsync:peers " + id);
            shell.awaitLine(l -> l.contains("has no peers connected"), SECONDS);
            shell.send("start " + knownHosts);
            awaitTransport(shell, id, "utp");
            assertEquals(expected, Trees.fingerprint(shellDir));
        }
    }

    /** Starts {@code swarmsync shell}, logging at INFO, its console on standard input. */
    private Processes startShell() throws IOException {
        List<String> command = new ArrayList<>(Processes.launcher("shell"));
        command.add(1, "-Dswarmsync.log.level=INFO");
        command.add(1, "-Xmx256m");
        return Processes.start("shell", tmp.getRoot().toPath(), command);
    }

    /** @return the id of a bundle in the {@code lb -s} listing already printed */
    private static String bundleId(Processes shell, String symbolicName) {
        Matcher m = Pattern.compile("(?m)^(?:g! )?\\s*(\\d+)\\|\\w+\\s*\\|\\s*\\d+\\|" + Pattern.quote(symbolicName) + " ")
                .matcher(shell.output());
        assertTrue("no bundle " + symbolicName + " in:\n" + shell.output(), m.find());
        return m.group(1);
    }

    /** @return the VIA column of the next peer row the shell prints */
    private static String peerTransport(Processes shell) throws InterruptedException {
        String row = shell.awaitLine(l -> PEER_ROW.matcher(l).find(), SECONDS);
        Matcher m = PEER_ROW.matcher(row);
        assertTrue(m.find());
        return m.group(1);
    }

    /** Asks {@code swarmsync:peers} once a second until the one peer shows the transport. */
    private static void awaitTransport(Processes shell, String id, String transport) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        String last = "";
        while (System.nanoTime() < deadline) {
            shell.send("swarmsync:peers " + id);
            try {
                last = peerTransport2s(shell);
                if (last.equals(transport)) {
                    return;
                }
            } catch (AssertionError noPeerYet) {
                // between sessions: ask again
            }
            TimeUnit.SECONDS.sleep(1);
        }
        throw new AssertionError("the session never went over " + transport + " (last: " + last + ")\n"
                + SyncIT.tail(shell.output()));
    }

    private static String peerTransport2s(Processes shell) throws InterruptedException {
        String row = shell.awaitLine(l -> PEER_ROW.matcher(l).find() || l.contains("has no peers connected"), 2);
        Matcher m = PEER_ROW.matcher(row);
        return m.find() ? m.group(1) : "none";
    }
}
