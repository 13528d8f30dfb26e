package org.swarmsync.sync.internal.scan;

/**
 * How big a file's blocks are: the smallest power of two from 128 KiB up to 16 MiB that
 * splits the file into at most 2,000 blocks; 16 MiB for files larger still (over 31.25 GiB,
 * which then have more blocks). Empty files have no blocks and block size 0.
 *
 * <p>Small blocks let a small edit cost a small transfer; the cap on their number keeps an
 * entry (32 bytes a block) small. Peers need not agree on the rule, since every entry
 * carries its own block size, but one file always gets the same blocks here, so its
 * unchanged parts hash the same after a rescan.
 */
public final class BlockSize {

    /** The smallest block size, 128 KiB. */
    public static final int MIN = 128 * 1024;
    /** The largest block size, 16 MiB. */
    public static final int MAX = 16 * 1024 * 1024;
    /** Most blocks a file gets before the block size doubles. */
    public static final int TARGET_BLOCKS = 2000;

    private BlockSize() {
    }

    /** @return the block size for a file of {@code size} bytes */
    public static int forFileSize(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
        if (size == 0) {
            return 0;
        }
        int blockSize = MIN;
        while (blockSize < MAX && (size - 1) / blockSize + 1 > TARGET_BLOCKS) {
            blockSize *= 2;
        }
        return blockSize;
    }
}
