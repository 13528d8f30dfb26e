package org.swarmsync.sync.internal.scan;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.swarmsync.sync.internal.model.RelativePath;

public class IgnoreListTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static boolean ignores(String list, String path) {
        return IgnoreList.parse(list).ignores(RelativePath.of(path));
    }

    @Test
    public void aNameWithoutSlashMatchesAtAnyDepth() {
        assertTrue(ignores("*.tmp", "a.tmp"));
        assertTrue(ignores("*.tmp", "deep/er/a.tmp"));
        assertFalse(ignores("*.tmp", "a.tmp.txt"));
        assertTrue(ignores("node_modules", "web/node_modules"));
        assertFalse(ignores("node_modules", "web/node_modules_x"));
    }

    @Test
    public void aLeadingOrInnerSlashAnchorsAtTheRoot() {
        assertTrue(ignores("/build", "build"));
        assertFalse(ignores("/build", "sub/build"));
        assertTrue(ignores("docs/*.pdf", "docs/a.pdf"));
        assertFalse(ignores("docs/*.pdf", "x/docs/a.pdf"));
        assertTrue(ignores("build/", "build"));
    }

    @Test
    public void starStaysInOneNameAndDoubleStarCrossesThem() {
        assertFalse(ignores("/a/*.log", "a/b/c.log"));
        assertTrue(ignores("/a/**/c.log", "a/b/x/c.log"));
        assertTrue(ignores("/a/**/c.log", "a/c.log"));
        assertTrue(ignores("/a/**", "a/b/c"));
        assertTrue(ignores("**/cache", "x/y/cache"));
        assertTrue(ignores("?.txt", "a.txt"));
        assertFalse(ignores("?.txt", "ab.txt"));
        assertFalse(ignores("/?", "a/b"));
    }

    @Test
    public void setsAndNegatedSetsMatchOneCharacter() {
        assertTrue(ignores("file[0-9].bin", "file7.bin"));
        assertFalse(ignores("file[0-9].bin", "filex.bin"));
        assertTrue(ignores("file[!0-9].bin", "filex.bin"));
        assertTrue(ignores("[ab]d", "ad"));
        assertFalse(ignores("[ab]d", "dd"));
    }

    @Test
    public void theFirstMatchingLineDecidesAndBangKeeps() {
        String list = "!keep.tmp\n*.tmp\n";
        assertFalse(ignores(list, "keep.tmp"));
        assertTrue(ignores(list, "other.tmp"));
        // An exception after the rule comes too late: the first match decides.
        assertTrue(ignores("*.tmp\n!keep.tmp", "keep.tmp"));
    }

    @Test
    public void caseIsIgnoredOnlyWhenAsked() {
        assertFalse(ignores("*.JPG", "a.jpg"));
        assertTrue(ignores("(?i)*.JPG", "a.jpg"));
    }

    @Test
    public void commentsBlankLinesAndRegexCharactersAreLiteral() {
        String list = "# a comment\n\n// another\n  a+b(c).txt  \r\n";
        assertTrue(ignores(list, "a+b(c).txt"));
        assertFalse(ignores(list, "aab(c).txt"));
        assertFalse(ignores(list, "# a comment"));
    }

    @Test
    public void aBadLineIsSkippedAndNamedWhileTheOthersWork() {
        IgnoreList list = IgnoreList.parse("*.tmp\nbad[\n/\n*.log");
        assertEquals(2, list.problems().size());
        assertTrue(list.problems().get(0), list.problems().get(0).startsWith("line 2: "));
        assertTrue(list.problems().get(1).startsWith("line 3: "));
        assertTrue(list.ignores(RelativePath.of("x.log")));
        assertTrue(list.ignores(RelativePath.of("x.tmp")));
    }

    @Test
    public void theFileIsReadAgainWhenItChangesAndAMissingFileIgnoresNothing() throws Exception {
        Path root = tmp.getRoot().toPath();
        Files.createDirectories(root.resolve(".sync"));
        IgnoreFile file = new IgnoreFile(root);
        assertTrue(file.list().isEmpty());
        assertFalse(file.refresh());

        Path list = root.resolve(".sync").resolve(IgnoreFile.FILE_NAME);
        Files.writeString(list, "*.tmp\n", StandardCharsets.UTF_8);
        assertTrue(file.refresh());
        assertTrue(file.test(RelativePath.of("a.tmp")));
        assertFalse(file.refresh());

        Files.writeString(list, "*.log\n", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(list, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertTrue(file.refresh());
        assertFalse(file.test(RelativePath.of("a.tmp")));
        assertTrue(file.test(RelativePath.of("a.log")));

        Files.delete(list);
        assertTrue(file.refresh());
        assertFalse(file.test(RelativePath.of("a.log")));
    }

    @Test
    public void aListThatIsNotTextKeepsTheRulesReadBefore() throws Exception {
        Path root = tmp.getRoot().toPath();
        Files.createDirectories(root.resolve(".sync"));
        Path list = root.resolve(".sync").resolve(IgnoreFile.FILE_NAME);
        Files.writeString(list, "*.tmp\n", StandardCharsets.UTF_8);
        IgnoreFile file = new IgnoreFile(root);
        Files.write(list, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        assertFalse(file.refresh());
        assertTrue(file.test(RelativePath.of("a.tmp")));
    }
}
