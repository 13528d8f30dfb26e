package org.swarmsync.sync.internal.node;

import static org.junit.Assert.assertArrayEquals;

import org.junit.Test;

/** List properties arrive as arrays from Config Admin, but as one string from a .cfg file. */
public class FolderComponentListTest {

    @Test
    public void oneCfgLineWithCommasBecomesSeveralEntries() {
        assertArrayEquals(new String[] {"127.0.0.1:4000", "[::1]:4001"},
                FolderComponent.list(new String[] {"127.0.0.1:4000, [::1]:4001"}));
    }

    @Test
    public void arraysPassThroughAndBlanksVanish() {
        assertArrayEquals(new String[] {"static", "-lan"}, FolderComponent.list(new String[] {" static ", "", "-lan,"}));
        assertArrayEquals(new String[0], FolderComponent.list(new String[0]));
    }
}
