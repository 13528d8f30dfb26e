package org.swarmsync.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;


import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.swarmsync.api.secrets.Secret;
import org.swarmsync.api.sync.FileNotice;
import org.swarmsync.api.sync.FolderState;
import org.swarmsync.api.sync.PeerStatus;

/**
 * What users trust a folder-sync tool with, checked between this framework's node and real
 * launcher JVMs on loopback: read-only peers, deletes/renames/directories/permissions/links,
 * conflicts and name clashes, the archive and its retention, the ignore list. Each test ends
 * by comparing the trees by content hash.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class SyncSemanticsIT extends NodeTestBase {

    private static final long TIMEOUT = 60;

    /** The launchers still running, whose output a failure shows. */
    private final List<SyncNode> launchers = new ArrayList<>();

    private SyncNode launcher(String name, Path dir, String secret, int... morePeers) throws IOException {
        int[] peers = new int[morePeers.length + 1];
        peers[0] = nodePort;
        System.arraycopy(morePeers, 0, peers, 1, morePeers.length);
        SyncNode node = SyncNode.start(name, dir, secret, SyncNode.freePort(), peers);
        launchers.add(stopAfterTest(node));
        return node;
    }

    private Path dir(String name) throws IOException {
        return Files.createDirectories(work.resolve(name));
    }

    private static void write(Path root, String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private String state(Path... dirs) {
        StringBuilder s = new StringBuilder();
        for (Path dir : dirs) {
            try {
                s.append(dir).append(": ").append(Trees.fingerprint(dir)).append('\n');
            } catch (IOException e) {
                s.append(dir).append(": ").append(e).append('\n');
            }
        }
        sync.folders().forEach(f -> s.append(f).append('\n').append(sync.notices(f.id())).append('\n'));
        launchers.forEach(l -> s.append(l.dir).append(" said:\n").append(l.process.output()).append('\n'));
        return s.toString();
    }

    private void sameTrees(Path reference, Path... others) throws Exception {
        Waits.until("the trees are the same", TIMEOUT, () -> {
            try {
                Map<String, String> expected = Trees.fingerprint(reference);
                for (Path other : others) {
                    if (!Trees.fingerprint(other).equals(expected)) {
                        return false;
                    }
                }
                return true;
            } catch (IOException changedWhileWalked) {
                return false;
            }
        }, () -> state(Stream.concat(Stream.of(reference), Stream.of(others)).toArray(Path[]::new)));
        for (Path other : others) {
            assertEquals(Trees.fingerprint(reference), Trees.fingerprint(other));
        }
    }

    /** @return block data received from the folder's peers in their current sessions */
    private long received(String id) {
        return sync.peers(id).stream().mapToLong(PeerStatus::bytesReceived).sum();
    }

    private List<String> notices(String id, FileNotice.Kind kind) {
        return sync.notices(id).stream().filter(n -> n.kind() == kind).map(FileNotice::path).toList();
    }

    @Test
    public void aReadOnlyPeerReceivesEverythingAndKeepsItsEditsLocalUntilRestored() throws Exception {
        Secret secret = secrets.generate();
        Path writer = dir("writer");
        write(writer, "shared.txt", "from the writer");
        Trees.randomFile(writer.resolve("dir/data.bin"), 3 << 20, 7);
        Files.createDirectories(writer.resolve("dir/empty"));
        Path readOnly = dir("read-only");
        String id = sync.add(readOnly, secret.readOnly().text()).id();
        launcher("writer", writer, secret.text());
        sameTrees(writer, readOnly);

        write(readOnly, "shared.txt", "edited on the read-only peer");
        write(readOnly, "only-here.txt", "added on the read-only peer");
        Waits.until("status names both local changes", TIMEOUT,
                () -> notices(id, FileNotice.Kind.LOCAL_CHANGE).equals(List.of("only-here.txt", "shared.txt")),
                () -> state(readOnly));
        Thread.sleep(3000); // long enough for an announcement to travel and be applied
        assertEquals("from the writer", Files.readString(writer.resolve("shared.txt")));
        assertFalse(Files.exists(writer.resolve("only-here.txt")));

        assertEquals(2, sync.restore(id, ""));
        sameTrees(writer, readOnly);
        Waits.until("no local change is left", TIMEOUT, () -> notices(id, FileNotice.Kind.LOCAL_CHANGE).isEmpty(),
                () -> state(readOnly));
        assertEquals(List.of("added on the read-only peer", "edited on the read-only peer"), archived(readOnly));
    }

    @Test
    public void aReadOnlyPeerServesWhatItReceivedToOthers() throws Exception {
        Secret secret = secrets.generate();
        Path writer = dir("writer");
        Trees.randomFile(writer.resolve("big.bin"), 128L << 20, 5);
        Path readOnly = dir("read-only");
        sync.add(readOnly, secret.readOnly().text());
        SyncNode w = launcher("writer", writer, secret.text());
        sameTrees(writer, readOnly);

        // A newcomer learns the folder from the writer, which then freezes (its sockets stay
        // open, it answers nothing): what the newcomer still gets comes from us, read-only.
        Path late = dir("late");
        SyncNode newcomer = launcher("late", late, secret.readOnly().text(), w.port);
        Waits.until("the newcomer started fetching", TIMEOUT, () -> SwarmIT.bytesDone(newcomer) > 0
                || Files.exists(late.resolve("big.bin")), newcomer.process::output);
        w.process.signal("STOP");
        long frozenAt;
        try {
            frozenAt = SwarmIT.bytesDone(newcomer);
            sameTrees(writer, late);
        } finally {
            w.process.signal("CONT");
        }
        assertTrue("the newcomer had " + frozenAt + " bytes when the writer froze; the rest came from us",
                (128L << 20) - frozenAt >= 16L << 20);
    }

    @Test
    public void deletesRenamesDirectoriesPermissionsAndSymlinksPropagate() throws Exception {
        String secret = secrets.generate().text();
        Path theirs = dir("theirs");
        write(theirs, "a/b/c.txt", "deep");
        Trees.randomFile(theirs.resolve("big.bin"), 16 << 20, 3);
        Files.createDirectories(theirs.resolve("empty/too"));
        Path script = Files.writeString(theirs.resolve("run.sh"), "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        Files.createSymbolicLink(theirs.resolve("link"), Path.of("a/b/c.txt"));
        Path ours = dir("ours");
        String id = sync.add(ours, secret).id();
        launcher("theirs", theirs, secret);
        sameTrees(theirs, ours);
        long receivedBefore = received(id);
        assertTrue("the first sync brought the big file over the network", receivedBefore >= 16 << 20);
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(ours.resolve("run.sh"))));
        assertTrue(Files.isSymbolicLink(ours.resolve("link")));

        Files.delete(theirs.resolve("a/b/c.txt"));
        Files.createDirectories(theirs.resolve("moved"));
        Files.move(theirs.resolve("big.bin"), theirs.resolve("moved/big-renamed.bin"));
        Files.delete(theirs.resolve("empty/too"));
        Files.createDirectories(theirs.resolve("new/empty"));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Files.delete(theirs.resolve("link"));
        Files.createSymbolicLink(theirs.resolve("link"), Path.of("run.sh"));
        sameTrees(theirs, ours);
        Waits.until("the permission change arrived", TIMEOUT, () -> "rwx------".equals(
                PosixFilePermissions.toString(Files.getPosixFilePermissions(ours.resolve("run.sh")))),
                () -> state(ours));
        assertFalse(Files.exists(ours.resolve("big.bin")));
        assertTrue(Files.isDirectory(ours.resolve("new/empty")));
        assertTrue("the renamed file was built from local blocks, not fetched again: "
                + (received(id) - receivedBefore) + " bytes received", received(id) - receivedBefore < 1 << 20);
    }

    @Test
    public void concurrentEditsKeepBothVersionsAndNameClashesAreReportedNotMerged() throws Exception {
        String secret = secrets.generate().text();
        Path theirs = dir("theirs");
        Path ours = dir("ours");
        write(theirs, "doc.txt", "first version");
        String id = sync.add(ours, secret).id();
        SyncNode them = launcher("theirs", theirs, secret);
        sameTrees(theirs, ours);
        them.close();
        launchers.remove(them);

        // Both change doc.txt while apart; each also makes a name the other has in another case.
        write(ours, "doc.txt", "edited here");
        write(theirs, "doc.txt", "edited there, longer");
        write(ours, "Readme.md", "our readme");
        write(theirs, "README.md", "their readme");
        Waits.until("we scanned our edits", TIMEOUT, () -> sync.folder(id).orElseThrow().filesDone() == 2,
                () -> state(ours));
        SyncNode again = launcher("theirs-again", theirs, secret);

        Waits.until("both sides hold a conflict copy", TIMEOUT,
                () -> conflictCopies(ours).size() == 1 && conflictCopies(theirs).size() == 1, () -> state(ours, theirs));
        List<String> versions = List.of(Files.readString(ours.resolve("doc.txt")),
                Files.readString(conflictCopies(ours).get(0)));
        assertEquals(List.of("edited here", "edited there, longer"), versions.stream().sorted().toList());
        Waits.until("status shows the conflict copy and the clash", TIMEOUT,
                () -> notices(id, FileNotice.Kind.CONFLICT_COPY).size() == 1
                        && notices(id, FileNotice.Kind.NAME_CLASH).equals(List.of("README.md")),
                () -> state(ours));
        Waits.until("the launcher reports the clash", TIMEOUT,
                () -> again.process.output().contains("name clash: Readme.md"), () -> again.process.output());
        assertEquals("our readme", Files.readString(ours.resolve("Readme.md")));
        assertEquals("their readme", Files.readString(theirs.resolve("README.md")));
        assertFalse(Files.exists(ours.resolve("README.md")));

        Files.move(ours.resolve("Readme.md"), ours.resolve("OUR-README.md"));
        sameTrees(ours, theirs);
        Waits.until("the clash is over", TIMEOUT, () -> notices(id, FileNotice.Kind.NAME_CLASH).isEmpty(),
                () -> state(ours));
    }

    @Test
    public void filesReplacedOrDeletedByAPeerGoToTheArchiveForTheConfiguredTime() throws Exception {
        String secret = secrets.generate().text();
        Path theirs = dir("theirs");
        Path ours = dir("ours");
        write(theirs, "report.txt", "version 1");
        write(theirs, "gone.txt", "to be deleted");
        String id = sync.add(ours, secret).id();
        launcher("theirs", theirs, secret);
        sameTrees(theirs, ours);

        write(theirs, "report.txt", "version 2");
        Files.setLastModifiedTime(theirs.resolve("report.txt"), FileTime.from(Instant.now().plusSeconds(5)));
        Files.delete(theirs.resolve("gone.txt"));
        sameTrees(theirs, ours);
        assertEquals(List.of("to be deleted", "version 1"), archived(ours));

        // Retention: stamps in the names say when; the folder's archive_days decides.
        Path archive = ours.resolve(".sync/Archive");
        DateTimeFormatter stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
        Path old = Files.writeString(archive.resolve("old.txt~" + stamp.format(Instant.now().minusSeconds(8 * 86400))),
                "eight days old");
        Path young = Files.writeString(archive.resolve("young.txt~" + stamp.format(Instant.now().minusSeconds(86400))),
                "one day old");
        org.osgi.service.cm.Configuration folder = configAdmin
                .listConfigurations("(service.factoryPid=org.swarmsync.folder)")[0];
        Dictionary<String, Object> properties = folder.getProperties();
        properties.put("archive.days", 7);
        folder.update(properties);
        Waits.until("the archive dropped what is older than 7 days", TIMEOUT, () -> !Files.exists(old),
                () -> state(ours));
        assertTrue(Files.exists(young));
        assertEquals(List.of("one day old", "to be deleted", "version 1"), archived(ours));
        assertTrue(sync.folder(id).isPresent());
    }

    @Test
    public void ignoredPathsAreNeitherSentNorDeletedAndTheListStaysLocal() throws Exception {
        String secret = secrets.generate().text();
        Path theirs = dir("theirs");
        Path ours = dir("ours");
        String id = sync.add(ours, secret).id();
        // A scan already walking when the list appears uses the rules it started with.
        Waits.until("our folder scanned", TIMEOUT, () -> sync.folder(id).orElseThrow().state() == FolderState.IDLE,
                () -> state(ours));
        write(ours, ".sync/IgnoreList", "# ours only\n*.tmp\n/private\n");
        write(ours, "private/diary.txt", "not for peers");
        write(ours, "scratch.tmp", "ours");
        write(ours, "common.tmp", "our own common.tmp");
        write(ours, "shared.txt", "for everyone");
        write(theirs, "theirs.txt", "from them");
        write(theirs, "their.tmp", "their scratch");
        write(theirs, "common.tmp", "their common.tmp");
        launcher("theirs", theirs, secret);

        Waits.until("what is not ignored went both ways", TIMEOUT, () -> Files.exists(ours.resolve("theirs.txt"))
                && Files.exists(theirs.resolve("shared.txt")), () -> state(ours, theirs));
        Thread.sleep(3000);
        assertFalse(Files.exists(theirs.resolve("private")));
        assertFalse(Files.exists(theirs.resolve("scratch.tmp")));
        assertFalse(Files.exists(ours.resolve("their.tmp")));
        assertEquals("our own common.tmp", Files.readString(ours.resolve("common.tmp")));
        assertEquals("their common.tmp", Files.readString(theirs.resolve("common.tmp")));
        Path theirList = theirs.resolve(".sync/IgnoreList");
        assertFalse("the list is not synced", Files.exists(theirList)
                && Files.readString(theirList).contains("ours only"));

        Files.delete(theirs.resolve("common.tmp"));
        Files.delete(theirs.resolve("theirs.txt"));
        Waits.until("the deletion that is not ignored arrived", TIMEOUT,
                () -> !Files.exists(ours.resolve("theirs.txt")), () -> state(ours));
        assertEquals("our own common.tmp", Files.readString(ours.resolve("common.tmp")));
        // Apart from what we ignore, the trees are the same.
        Map<String, String> expected = Trees.fingerprint(theirs);
        Map<String, String> seen = Trees.fingerprint(ours);
        expected.keySet().removeIf(p -> p.endsWith(".tmp"));
        seen.keySet().removeIf(p -> p.endsWith(".tmp") || p.startsWith("private"));
        assertEquals(expected, seen);
    }

    private static List<Path> conflictCopies(Path root) throws IOException {
        try (Stream<Path> files = Files.list(root)) {
            return files.filter(p -> p.getFileName().toString().contains(".sync-conflict-")).toList();
        }
    }

    /** @return the contents of every file in the folder's archive, sorted */
    private static List<String> archived(Path root) throws IOException {
        Path archive = root.resolve(".sync/Archive");
        if (!Files.isDirectory(archive)) {
            return List.of();
        }
        List<String> contents = new ArrayList<>();
        try (Stream<Path> files = Files.walk(archive)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                contents.add(Files.readString(file));
            }
        }
        contents.sort(null);
        return contents;
    }
}
