package org.swarmsync.sync.internal.scan;

/**
 * What one scan did.
 *
 * @param entriesScanned files, directories and links found on the disk in the scanned part
 * @param filesHashed files whose content was read and hashed (the rest took the fast path)
 * @param bytesHashed bytes read to hash them, retries included
 * @param added paths recorded that the index did not have, or had as deleted
 * @param modified paths recorded with new content or metadata
 * @param deleted paths recorded as deleted (tombstones)
 * @param busy files left for the next scan because they kept changing while hashed
 * @param failed paths that could not be read, left as the index had them
 */
public record ScanResult(int entriesScanned, int filesHashed, long bytesHashed, int added, int modified,
        int deleted, int busy, int failed) {

    /** @return how many local changes the scan recorded (each at a new local sequence) */
    public int changes() {
        return added + modified + deleted;
    }
}
