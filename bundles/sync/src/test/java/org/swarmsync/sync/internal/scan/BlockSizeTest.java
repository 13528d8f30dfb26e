package org.swarmsync.sync.internal.scan;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

public class BlockSizeTest {

    private static final int KIB = 1024;
    private static final long MIB = 1024 * 1024;

    @Test
    public void smallestPowerOfTwoGivingAtMostTwoThousandBlocks() {
        assertEquals(0, BlockSize.forFileSize(0));
        assertEquals(128 * KIB, BlockSize.forFileSize(1));
        assertEquals(128 * KIB, BlockSize.forFileSize(200 * MIB)); // 1,600 blocks
        assertEquals(128 * KIB, BlockSize.forFileSize(2000L * 128 * KIB)); // exactly 2,000 blocks
        assertEquals(256 * KIB, BlockSize.forFileSize(2000L * 128 * KIB + 1));
        assertEquals(1024 * KIB, BlockSize.forFileSize(1024 * MIB)); // 1 GiB: 1,024 blocks
        assertEquals(16 * MIB, BlockSize.forFileSize(2000L * 16 * MIB));
        assertEquals(16 * MIB, BlockSize.forFileSize(Long.MAX_VALUE)); // capped
        assertThrows(IllegalArgumentException.class, () -> BlockSize.forFileSize(-1));
    }
}
