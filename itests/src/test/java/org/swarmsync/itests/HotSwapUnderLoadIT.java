package org.swarmsync.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;


import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.swarmsync.api.discovery.PeerDiscovery;
import org.swarmsync.api.sync.FolderStatus;
import org.swarmsync.api.sync.PeerStatus;
import org.swarmsync.api.transport.Transport;

/**
 * Hot swap under load: a launcher JVM serves a 200 MiB file to this framework's node, and a
 * bundle the session depends on is stopped while the file is in flight. The file must arrive
 * byte-exact, the node must carry on without the bundle, and starting the bundle again must
 * bring its service back into use for new sessions.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class HotSwapUnderLoadIT extends NodeTestBase {

    private static final long LARGE = 200L << 20;
    private static final String FOLDER_ID = "load";
    private static final long TRANSFER_SECONDS = 90;
    private static final long SESSION_SECONDS = 30;

    private SyncNode sender;
    private org.osgi.service.cm.Configuration folder;

    @Test
    public void stoppingUtpMidTransferMovesTheSessionToTcpAndStartingItMakesNewSessionsUseUtp() throws Exception {
        Map<String, String> expected = startTransfer();
        assertEquals("the transfer starts over µTP, the preferred transport", "utp", onlyPeer().transport());

        bundle("org.swarmsync.transport-utp").stop();
        assertFalse("the file was still in flight when µTP went away", done());
        Waits.until("the session re-forms over TCP", SESSION_SECONDS,
                () -> transports().equals(List.of("tcp")), this::state);

        Waits.untilTrees(expected, TRANSFER_SECONDS, this::state, receiver());

        bundle("org.swarmsync.transport-utp").start();
        awaitService(Transport.class, "(" + Transport.SCHEME + "=utp)");
        // A running session stays where it is; a new one (the folder restarted) prefers µTP again.
        restartFolder();
        Waits.until("a new session forms over µTP", SESSION_SECONDS,
                () -> transports().equals(List.of("utp")), this::state);
        assertEquals(expected, Trees.fingerprint(receiver()));
    }

    @Test
    public void stoppingKnownHostsDiscoveryMidTransferLosesNothingAndStartingItFindsThePeerAgain()
            throws Exception {
        Map<String, String> expected = startTransfer();

        Bundle knownHosts = bundle("org.swarmsync.discovery-static");
        knownHosts.stop();
        assertFalse("the file was still in flight when the source went away", done());
        assertEquals("the running session outlives its discovery source", 1, sync.peers(FOLDER_ID).size());

        Waits.untilTrees(expected, TRANSFER_SECONDS, this::state, receiver());

        // Without the source a fresh folder has no way to the sender (which does not dial us)...
        restartFolder();
        Thread.sleep(3_000);
        assertEquals("no peer without a discovery source\n" + state(), List.of(), sync.peers(FOLDER_ID));

        // ...and with it back, the sender is found and connected again.
        knownHosts.start();
        awaitService(PeerDiscovery.class, "(" + PeerDiscovery.SOURCE + "=static)");
        Waits.until("the peer is found again", SESSION_SECONDS, () -> sync.peers(FOLDER_ID).size() == 1,
                this::state);
        assertEquals(expected, Trees.fingerprint(receiver()));
    }

    /**
     * Starts the sender launcher with a generated 200 MiB file and a receiving folder here that
     * knows the sender as its one known host; returns once a quarter of the file has arrived.
     */
    private Map<String, String> startTransfer() throws Exception {
        Path source = Files.createDirectories(work.resolve("sender"));
        Trees.randomFile(source.resolve("big/large.bin"), LARGE, 11);
        Trees.randomFile(source.resolve("small.bin"), 10_000, 12);
        Map<String, String> expected = Trees.fingerprint(source);
        String secret = secrets.generate().text();

        int senderPort = SyncNode.freePort();
        sender = stopAfterTest(SyncNode.start("sender", source, secret, senderPort));
        folder = newFolderConfiguration();
        folder.update(dictionary("id", FOLDER_ID, "path", receiver().toString(), "secret", secret,
                "peers", new String[] {"127.0.0.1:" + senderPort}, "discovery", new String[] {"static"}));

        Waits.until("a quarter of the file arrives", TRANSFER_SECONDS,
                () -> status().map(s -> s.bytesTotal() >= LARGE && s.bytesDone() > LARGE / 4).orElse(false),
                this::state);
        assertFalse("the file is not complete yet", done());
        return expected;
    }

    private Path receiver() {
        return work.resolve("receiver");
    }

    private boolean done() throws Exception {
        return Files.exists(receiver().resolve("big/large.bin"));
    }

    private java.util.Optional<FolderStatus> status() {
        return sync.folder(FOLDER_ID);
    }

    private PeerStatus onlyPeer() {
        List<PeerStatus> peers = sync.peers(FOLDER_ID);
        assertEquals("one peer: " + peers, 1, peers.size());
        return peers.get(0);
    }

    private List<String> transports() {
        return sync.peers(FOLDER_ID).stream().map(PeerStatus::transport).collect(Collectors.toList());
    }

    /** Changes the folder's configuration, which makes DS start it afresh (new dialer, new sessions). */
    private void restartFolder() throws Exception {
        Dictionary<String, Object> properties = folder.getProperties();
        properties.put("restarted", System.nanoTime());
        folder.update(properties);
        Waits.until("the folder is back", SESSION_SECONDS, () -> status().isPresent(), this::state);
    }

    private String state() {
        return "folder: " + status() + "\npeers: " + sync.peers(FOLDER_ID) + "\nsender's output:\n"
                + (sender == null ? "" : SyncIT.tail(sender.process.output()));
    }

    private <T> T awaitService(Class<T> type, String filter) throws Exception {
        return LocalNode.awaitService(context, type, filter);
    }

    private Bundle bundle(String symbolicName) {
        return LocalNode.bundle(context, symbolicName);
    }

    private static Dictionary<String, Object> dictionary(Object... keyValues) {
        return LocalNode.dictionary(keyValues);
    }
}
