package org.swarmsync.sync.internal.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.junit.Test;
import org.swarmsync.sync.internal.model.EntryType;
import org.swarmsync.sync.internal.model.FileEntry;
import org.swarmsync.sync.internal.model.RelativePath;
import org.swarmsync.sync.internal.model.VersionVector;

/** The rule that lets a local file's blocks be used without hashing them. */
public class LocalTrustTest {

    private static final long NOW = 1_700_000_000_000L;
    private static final RelativePath PATH = RelativePath.of("a/file");
    private static final RelativePath DOUBTED = RelativePath.of("doubted");
    private static final Object KEY = "(dev=1,ino=2)";

    private final List<Collection<RelativePath>> rechecked = new ArrayList<>();
    private final List<Collection<RelativePath>> rescanned = new ArrayList<>();
    private final LocalTrust trust = new LocalTrust(Set.of(DOUBTED)::contains, rechecked::add, rescanned::add,
            () -> NOW);

    private static FileEntry entry(RelativePath path, long modified) {
        return new FileEntry(path, EntryType.FILE, 100, modified, 0644, 128 * 1024, List.of(), VersionVector.EMPTY,
                false, "", 1);
    }

    @Test
    public void aFileWhoseSizeAndTimeMatchItsEntryIsUnchanged() {
        FileEntry entry = entry(PATH, NOW - 60_000);
        assertTrue(trust.unchanged(entry, new FileStamp(100, NOW - 60_000, KEY)));
        assertFalse("size", trust.unchanged(entry, new FileStamp(101, NOW - 60_000, KEY)));
        assertFalse("time", trust.unchanged(entry, new FileStamp(100, NOW - 59_999, KEY)));
        assertFalse("gone", trust.unchanged(entry, null));
        assertFalse("no identity", trust.unchanged(entry, new FileStamp(100, NOW - 60_000, null)));
    }

    @Test
    public void aFileJustWrittenOrDoubtedByTheScannerIsNot() {
        FileEntry recent = entry(PATH, NOW - LocalTrust.SETTLE_MILLIS + 1);
        assertFalse(trust.unchanged(recent, new FileStamp(100, recent.modifiedMillis(), KEY)));
        FileEntry settled = entry(PATH, NOW - LocalTrust.SETTLE_MILLIS);
        assertTrue(trust.unchanged(settled, new FileStamp(100, settled.modifiedMillis(), KEY)));
        FileEntry doubted = entry(DOUBTED, NOW - 60_000);
        assertFalse(trust.unchanged(doubted, new FileStamp(100, doubted.modifiedMillis(), KEY)));
        FileEntry deleted = new FileEntry(PATH, EntryType.FILE, 100, NOW - 60_000, 0644, 0, List.of(),
                VersionVector.EMPTY, true, "", 1);
        assertFalse(trust.unchanged(deleted, new FileStamp(100, NOW - 60_000, KEY)));
    }

    @Test
    public void aMismatchTheStatCannotShowMakesTheScannerHashTheFileAgain() {
        trust.mismatch(PATH, true);
        assertEquals(List.of(List.of(PATH)), rechecked);
        trust.mismatch(PATH, false);
        assertEquals("an ordinary scan sees a changed stat", List.of(List.of(PATH)), rescanned);
        trust.peerRejected(List.of());
        assertEquals(1, rechecked.size());
    }
}
