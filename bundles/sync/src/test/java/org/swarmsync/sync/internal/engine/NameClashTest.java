package org.swarmsync.sync.internal.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.text.Normalizer;
import java.util.List;
import java.util.stream.Stream;

import org.junit.Test;
import org.swarmsync.api.sync.FileNotice;
import org.swarmsync.sync.internal.engine.Swarm.Node;

/** Names that differ only in case or Unicode normalisation are reported, never merged. */
public class NameClashTest extends SwarmTestBase {

    private static final String CAFE_NFC = Normalizer.normalize("caf\u00e9.txt", Normalizer.Form.NFC);
    private static final String CAFE_NFD = Normalizer.normalize("caf\u00e9.txt", Normalizer.Form.NFD);

    private static List<FileNotice> clashes(Node node) {
        return node.engine.notices().stream().filter(n -> n.kind() == FileNotice.Kind.NAME_CLASH).toList();
    }

    @Test
    public void caseAndNormalisationClashesAreReportedUntilRenamedAndNothingIsMerged() throws Exception {
        Node a = swarm.create("a", secret);
        Node b = swarm.create("b", secret);
        Trees.write(a.root, "Readme.md", "a's readme".getBytes(StandardCharsets.UTF_8));
        Trees.write(a.root, CAFE_NFC, "a's café".getBytes(StandardCharsets.UTF_8));
        Trees.write(a.root, "Docs/a.txt", "in a's Docs".getBytes(StandardCharsets.UTF_8));
        Trees.write(b.root, "README.md", "b's readme".getBytes(StandardCharsets.UTF_8));
        Trees.write(b.root, CAFE_NFD, "b's café".getBytes(StandardCharsets.UTF_8));
        Trees.write(b.root, "docs/b.txt", "in b's docs".getBytes(StandardCharsets.UTF_8));
        Trees.write(b.root, "plain.txt", "no clash".getBytes(StandardCharsets.UTF_8));
        a.start();
        b.start();
        swarm.connectAll();

        Swarm.await("a got the file that does not clash", () -> Files.exists(a.file("plain.txt")));
        Swarm.await("both report three clashes", () -> clashes(a).size() == 3 && clashes(b).size() == 3);
        assertEquals(Stream.of("README.md", "docs", CAFE_NFD).sorted().toList(), clashes(a).stream().map(FileNotice::path).sorted().toList());
        assertTrue(clashes(a).get(0).detail(), clashes(a).stream().anyMatch(n -> n.path().equals("README.md")
                && n.detail().contains("\"Readme.md\"") && n.detail().contains("upper/lower case")));
        assertTrue(clashes(a).stream().anyMatch(n -> n.path().equals(CAFE_NFD)
                && n.detail().contains("Unicode normalisation")));
        // Each side keeps its own files, untouched, and nothing landed in the other's directory.
        assertEquals("a's readme", Files.readString(a.file("Readme.md")));
        assertEquals("b's readme", Files.readString(b.file("README.md")));
        assertEquals("a's café", Files.readString(a.file(CAFE_NFC)));
        assertFalse(Files.exists(a.file("Docs/b.txt")));
        assertFalse(Files.exists(a.file("docs")));
        assertFalse(Files.exists(b.file("Docs")));

        // Renaming one side ends the clashes; then both names flow.
        Files.move(a.file("Readme.md"), a.file("notes.md"));
        Files.move(a.file(CAFE_NFC), a.file("cafe-a.txt"));
        Files.move(a.file("Docs"), a.file("docs-a"));
        swarm.awaitSameTrees();
        Swarm.await("no clash is left", () -> clashes(a).isEmpty() && clashes(b).isEmpty());
        assertEquals("b's readme", Files.readString(a.file("README.md")));
        assertEquals("a's readme", Files.readString(b.file("notes.md")));
        assertEquals("in b's docs", Files.readString(a.file("docs/b.txt")));
    }
}
