package org.swarmsync.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;


import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.swarmsync.api.sync.PeerStatus;
import org.swarmsync.api.transport.Transport;

/**
 * Extension by a third party: the Unix-socket transport of examples/transport-unix, built
 * outside bundles/ against swarmsync-api alone, is installed into this running node and
 * dropped into a launcher's bundle folder. The node picks it by its priority over µTP and
 * TCP, the folder syncs byte-exact over it, and stopping it is a hot swap like for ours.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class ThirdPartyTransportIT extends NodeTestBase {

    private static final String FOLDER_ID = "extension";
    private static final long SECONDS = 60;

    private SyncNode sender;
    private org.osgi.service.cm.Configuration folder;

    @Test
    public void aUnixSocketTransportInstalledIntoARunningNodeIsPreferredByItsPriorityAndCarriesTheFolder()
            throws Exception {
        Path extension = Path.of(System.getProperty("swarmsync.extension",
                "target/extension/swarmsync-example-transport-unix.jar"));
        assertTrue("the example bundle is built: " + extension, Files.isRegularFile(extension));

        // The launcher side: the bundle dropped into (a copy of) the launcher's bundle folder.
        Path source = Files.createDirectories(work.resolve("sender"));
        Trees.generate(source, 32L << 20, 300, 21);
        Map<String, String> expected = Trees.fingerprint(source);
        String secret = secrets.generate().text();
        int senderPort = SyncNode.freePort();
        sender = stopAfterTest(SyncNode.start("sender", source, secret, senderPort,
                List.of("-Dswarmsync.bundles=" + launcherBundlesWith(extension))));
        sender.process.awaitLine(l -> l.contains("over unix"), SECONDS);

        // This side: installed into the running node, next to µTP and TCP.
        Bundle unix = context.installBundle(extension.toUri().toString());
        unix.start();
        LocalNode.awaitService(context, Transport.class, "(" + Transport.SCHEME + "=unix)");
        assertEquals("by priority the node prefers unix, then utp, then tcp", List.of("unix", "utp", "tcp"),
                schemesByPriority());

        folder = newFolderConfiguration();
        folder.update(LocalNode.dictionary("id", FOLDER_ID, "path", receiver().toString(), "secret", secret,
                "peers", new String[] {"127.0.0.1:" + senderPort}, "discovery", new String[] {"static"}));
        Waits.until("a session over the third party's transport", SECONDS,
                () -> transports().equals(List.of("unix")), this::state);
        Waits.untilTrees(expected, SECONDS, this::state, receiver());
        assertEquals("the whole folder came over unix", List.of("unix"), transports());

        // Someone else's bundle hot-swaps like ours: stopped, the node moves on to µTP.
        unix.stop();
        Waits.until("the session moves to µTP", SECONDS, () -> transports().equals(List.of("utp")), this::state);
        Trees.randomFile(source.resolve("after-the-swap.bin"), 1 << 20, 22);
        Map<String, String> changed = Trees.fingerprint(source);
        Waits.untilTrees(changed, SECONDS, this::state, receiver());
        unix.uninstall();
    }

    /** @return a copy of the launcher's bundle folder with the extension added, as a user would drop it in */
    private Path launcherBundlesWith(Path extension) throws Exception {
        Path launcherBundles = Path.of(System.getProperty("swarmsync.jar", "../launcher/target/swarmsync.jar"))
                .resolveSibling("bundles");
        Path bundles = Files.createDirectories(work.resolve("launcher-bundles"));
        try (Stream<Path> jars = Files.list(launcherBundles)) {
            for (Path jar : (Iterable<Path>) jars::iterator) {
                Files.copy(jar, bundles.resolve(jar.getFileName()));
            }
        }
        Files.copy(extension, bundles.resolve(extension.getFileName()));
        return bundles;
    }

    private List<String> schemesByPriority() throws Exception {
        return context.getServiceReferences(Transport.class, null).stream()
                .sorted((a, b) -> Integer.compare(priority(b), priority(a)))
                .map(r -> String.valueOf(r.getProperty(Transport.SCHEME))).collect(Collectors.toList());
    }

    private static int priority(ServiceReference<Transport> reference) {
        return reference.getProperty(Transport.PRIORITY) instanceof Number n ? n.intValue() : 0;
    }

    private Path receiver() {
        return work.resolve("receiver");
    }

    private List<String> transports() {
        return sync.peers(FOLDER_ID).stream().map(PeerStatus::transport).collect(Collectors.toList());
    }

    private String state() {
        return "folder: " + sync.folder(FOLDER_ID) + "\npeers: " + sync.peers(FOLDER_ID) + "\nsender's output:\n"
                + (sender == null ? "" : SyncIT.tail(sender.process.output()));
    }
}
