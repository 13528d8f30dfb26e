package org.swarmsync.sync.internal.engine;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the puller has to do and has done, and how fast blocks arrive; plus the block counters
 * tests use to see where data came from. Thread-safe; every counter is only ever raised
 * except the pass totals, which each pass resets.
 */
final class Progress {

    private static final int WINDOW_SECONDS = 5;

    final AtomicLong neededFiles = new AtomicLong();
    final AtomicLong neededBytes = new AtomicLong();
    final AtomicLong doneFiles = new AtomicLong();
    final AtomicLong doneBytes = new AtomicLong();
    /** Blocks requested from peers, retries included. */
    final AtomicLong blocksRequested = new AtomicLong();
    /** Blocks received from peers and written. */
    final AtomicLong blocksReceived = new AtomicLong();
    /** Blocks copied from local files instead of being requested. */
    final AtomicLong blocksCopied = new AtomicLong();
    /** Blocks served to peers. */
    final AtomicLong blocksServed = new AtomicLong();
    /** Of those, blocks sent without hashing them first: their files were unchanged. */
    final AtomicLong blocksServedUnhashed = new AtomicLong();
    /** Requests answered with an error: the block was not found, or did not match any more. */
    final AtomicLong blocksRefused = new AtomicLong();
    /** Of the blocks copied, those copied file to file in runs, without hashing: their files were unchanged. */
    final AtomicLong blocksCopiedUnhashed = new AtomicLong();
    /** Bytes received from peers and written. */
    final AtomicLong bytesReceived = new AtomicLong();
    /** Files, links and directories placed, and deletions applied. */
    final AtomicLong applied = new AtomicLong();
    /** Pull passes that had something to do. */
    final AtomicLong passes = new AtomicLong();
    /** Bytes of files this pass placed under their names: counted in the local totals now too. */
    final AtomicLong placedBytes = new AtomicLong();

    // Bytes received per second, in a ring of one-second buckets.
    private final AtomicLongArray buckets = new AtomicLongArray(WINDOW_SECONDS + 1);
    private final AtomicLongArray bucketSecond = new AtomicLongArray(WINDOW_SECONDS + 1);

    void startPass(long files, long bytes) {
        passes.incrementAndGet();
        neededFiles.set(files);
        neededBytes.set(bytes);
        doneFiles.set(0);
        doneBytes.set(0);
        placedBytes.set(0);
    }

    void received(int bytes) {
        blocksReceived.incrementAndGet();
        bytesReceived.addAndGet(bytes);
        doneBytes.addAndGet(bytes);
        long second = System.nanoTime() / 1_000_000_000L;
        int slot = (int) (second % buckets.length());
        long owner = bucketSecond.get(slot);
        if (owner != second && bucketSecond.compareAndSet(slot, owner, second)) {
            buckets.set(slot, 0);
        }
        buckets.addAndGet(slot, bytes);
    }

    void copied(int bytes) {
        blocksCopied.incrementAndGet();
        doneBytes.addAndGet(bytes);
    }

    /** @return bytes received per second over the last full seconds */
    long bytesPerSecond() {
        long now = System.nanoTime() / 1_000_000_000L;
        long sum = 0;
        for (int i = 0; i < buckets.length(); i++) {
            long second = bucketSecond.get(i);
            if (second < now && second >= now - WINDOW_SECONDS) {
                sum += buckets.get(i);
            }
        }
        return sum / WINDOW_SECONDS;
    }
}
