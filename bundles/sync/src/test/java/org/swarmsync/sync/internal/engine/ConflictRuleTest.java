package org.swarmsync.sync.internal.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.swarmsync.sync.internal.model.EntryType;
import org.swarmsync.sync.internal.model.FileEntry;
import org.swarmsync.sync.internal.model.RelativePath;
import org.swarmsync.sync.internal.model.VersionVector;

public class ConflictRuleTest {

    private static FileEntry entry(long mtime, boolean deleted, Map<Long, Long> version) {
        return new FileEntry(RelativePath.of("f.txt"), EntryType.FILE, 0, mtime, 0644, 0, List.of(),
                VersionVector.of(version), deleted, "", 1);
    }

    @Test
    public void aVersionThatKeepsTheFileBeatsADeletionWhateverTheTimes() {
        FileEntry edit = entry(1000, false, Map.of(1L, 2L));
        FileEntry deletion = entry(9000, true, Map.of(2L, 2L));
        assertTrue(ConflictRule.firstWins(edit, deletion));
        assertFalse(ConflictRule.firstWins(deletion, edit));
    }

    @Test
    public void theLaterModificationWins() {
        FileEntry early = entry(1000, false, Map.of(9L, 5L));
        FileEntry late = entry(2000, false, Map.of(1L, 1L));
        assertTrue(ConflictRule.firstWins(late, early));
        assertFalse(ConflictRule.firstWins(early, late));
    }

    @Test
    public void equalTimesFallBackToTheVectorsComparedAsUnsignedDevices() {
        // Device 0xff.. is negative as a long, but sorts after device 5 on the wire and here.
        FileEntry high = entry(1000, false, Map.of(-1L, 1L));
        FileEntry low = entry(1000, false, Map.of(5L, 1L));
        assertTrue(ConflictRule.firstWins(high, low));
        assertFalse(ConflictRule.firstWins(low, high));
        assertTrue(ConflictRule.compare(VersionVector.of(Map.of(5L, 2L)), VersionVector.of(Map.of(5L, 1L))) > 0);
        assertTrue(ConflictRule.compare(VersionVector.of(Map.of(5L, 1L, 7L, 1L)),
                VersionVector.of(Map.of(5L, 1L))) > 0);
    }

    @Test
    public void conflictCopiesNameTheTimeAndTheDevice() {
        Instant when = Instant.parse("2024-03-05T07:08:09Z");
        long device = 0x0123456789abcdefL;
        assertEquals("docs/plan.sync-conflict-20240305-070809-0123456.txt",
                ConflictRule.conflictName(RelativePath.of("docs/plan.txt"), device, when).text());
        assertEquals("README.sync-conflict-20240305-070809-0123456",
                ConflictRule.conflictName(RelativePath.of("README"), device, when).text());
        assertEquals(".bashrc.sync-conflict-20240305-070809-0123456",
                ConflictRule.conflictName(RelativePath.of(".bashrc"), device, when).text());
        assertEquals("a.tar.sync-conflict-20240305-070809-fedcba9.gz",
                ConflictRule.conflictName(RelativePath.of("a.tar.gz"), 0xfedcba9876543210L, when).text());
    }

    @Test
    public void aLongNameIsShortenedToFitOneSegment() {
        String name = "é".repeat(120) + ".txt"; // 244 bytes
        RelativePath copy = ConflictRule.conflictName(RelativePath.of(name), 1, Instant.EPOCH);
        assertTrue(copy.text().getBytes(StandardCharsets.UTF_8).length <= RelativePath.MAX_SEGMENT_BYTES);
        assertTrue(copy.text().endsWith("-0000000.txt"));
        assertNotEquals(name, copy.text());
    }
}
