package org.swarmsync.sync.internal.scan;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.swarmsync.sync.internal.model.Block;
import org.swarmsync.sync.internal.model.Hash256;

/**
 * Hashes files on a small bounded pool while the caller's thread collects the results, so
 * the index is written from one thread only. A large file is cut into segments of about
 * 32 MiB hashed side by side. A file is accepted only if a stat after hashing shows the
 * size and modification time seen before it; otherwise it is hashed again from a fresh
 * stat, and after {@code maxAttempts} left for the next scan, never recorded half-written.
 */
final class ParallelHasher implements AutoCloseable {

    /** What happened to one file; called on the thread that called {@link #hashAll}. */
    interface Sink {
        /**
         * Hashed consistently; {@code stat} is the stat the blocks belong to, and reading
         * began at {@code readStartedMillis}.
         */
        void hashed(Observation stat, int blockSize, List<Block> blocks, long readStartedMillis) throws IOException;

        /** Kept changing, or vanished: left as the index has it. */
        void busy(Observation observed);

        /** Could not be read. */
        void failed(Observation observed, IOException e);
    }

    static final int SEGMENT_BYTES = 32 << 20;

    private final boolean posix;
    private final int maxAttempts;
    private final int maxFilesInFlight;
    private final ExecutorService pool;
    private final FileHasher hasher = new FileHasher();
    private volatile Consumer<Path> afterHashing = path -> { };
    private long bytesHashed;
    private int filesHashed;

    ParallelHasher(boolean posix, int threads, int maxAttempts) {
        this.posix = posix;
        this.maxAttempts = maxAttempts;
        this.maxFilesInFlight = 4 * threads;
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "swarmsync-hash-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.pool = Executors.newFixedThreadPool(threads, factory);
    }

    /** For tests: runs between hashing a file and checking it did not change. */
    void afterHashing(Consumer<Path> hook) {
        afterHashing = hook;
    }

    long bytesHashed() {
        return bytesHashed;
    }

    int filesHashed() {
        return filesHashed;
    }

    /** One attempt at one file. */
    private final class Work {
        final Observation stat;
        final int attempt;
        final long startedMillis = System.currentTimeMillis();
        final int blockSize;
        final Hash256[] hashes;
        int pendingSegments;
        IOException error;

        Work(Observation stat, int attempt) {
            this.stat = stat;
            this.attempt = attempt;
            this.blockSize = BlockSize.forFileSize(stat.size());
            this.hashes = new Hash256[(int) ((stat.size() - 1) / blockSize + 1)];
        }
    }

    private record SegmentDone(Work work, long bytes, IOException error) {
    }

    /**
     * Hashes every file, at most a few at a time, calling {@code sink} on this thread.
     *
     * @param base the folder's real path
     * @param files non-empty regular files as observed
     * @throws InterruptedIOException if this thread is interrupted; pending work is cancelled
     */
    void hashAll(Path base, Iterator<Observation> files, Sink sink) throws IOException {
        CompletionService<SegmentDone> done = new ExecutorCompletionService<>(pool);
        List<Future<SegmentDone>> submitted = new ArrayList<>();
        int inFlight = 0;
        try {
            while (true) {
                while (inFlight < maxFilesInFlight && files.hasNext()) {
                    start(base, new Work(files.next(), 1), done, submitted);
                    inFlight++;
                }
                if (inFlight == 0) {
                    return;
                }
                SegmentDone segment = take(done);
                Work work = segment.work();
                bytesHashed += segment.bytes();
                if (segment.error() != null && work.error == null) {
                    work.error = segment.error();
                }
                if (--work.pendingSegments > 0) {
                    continue;
                }
                inFlight--;
                Work retry = finish(base, work, sink);
                if (retry != null) {
                    start(base, retry, done, submitted);
                    inFlight++;
                }
                if (submitted.size() > 1024) {
                    submitted.removeIf(Future::isDone);
                }
            }
        } finally {
            submitted.forEach(future -> future.cancel(true));
        }
    }

    private void start(Path base, Work work, CompletionService<SegmentDone> done, List<Future<SegmentDone>> submitted) {
        int perSegment = Math.max(1, SEGMENT_BYTES / work.blockSize);
        int blocks = work.hashes.length;
        work.pendingSegments = (blocks + perSegment - 1) / perSegment;
        Path file = work.stat.path().resolveIn(base);
        for (int first = 0; first < blocks; first += perSegment) {
            int from = first;
            int count = Math.min(perSegment, blocks - first);
            submitted.add(done.submit(() -> {
                try {
                    return new SegmentDone(work, hasher.hashBlocks(file, work.stat.size(), work.blockSize, from,
                            work.hashes, count), null);
                } catch (IOException e) {
                    return new SegmentDone(work, 0, e);
                }
            }));
        }
    }

    private static SegmentDone take(CompletionService<SegmentDone> done) throws IOException {
        try {
            return done.take().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("scan interrupted");
        } catch (ExecutionException e) {
            throw new IOException("hashing failed", e.getCause());
        }
    }

    /** @return the next attempt, or null when the file is settled one way or another */
    private Work finish(Path base, Work work, Sink sink) throws IOException {
        Path file = work.stat.path().resolveIn(base);
        boolean changed = work.error instanceof FileHasher.ShortReadException;
        if (work.error instanceof NoSuchFileException) {
            sink.busy(work.stat);
            return null;
        }
        if (work.error != null && !changed) {
            sink.failed(work.stat, work.error);
            return null;
        }
        afterHashing.accept(file);
        Observation after;
        try {
            after = TreeWalker.observe(file, work.stat.path(), posix);
        } catch (NoSuchFileException e) {
            sink.busy(work.stat);
            return null;
        }
        if (!changed && after != null && after.sameFileStat(work.stat)) {
            filesHashed++;
            List<Block> blocks = new ArrayList<>(work.hashes.length);
            for (int i = 0; i < work.hashes.length; i++) {
                long offset = (long) i * work.blockSize;
                blocks.add(new Block(offset, (int) Math.min(work.blockSize, work.stat.size() - offset), work.hashes[i]));
            }
            sink.hashed(after, work.blockSize, blocks, work.startedMillis);
            return null;
        }
        if (work.attempt < maxAttempts && after != null && after.type() == work.stat.type() && after.size() > 0) {
            return new Work(after, work.attempt + 1);
        }
        sink.busy(work.stat);
        return null;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
