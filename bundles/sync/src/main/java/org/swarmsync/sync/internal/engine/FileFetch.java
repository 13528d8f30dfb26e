package org.swarmsync.sync.internal.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swarmsync.sync.internal.index.BlockLocation;
import org.swarmsync.sync.internal.index.FolderIndex;
import org.swarmsync.sync.internal.model.Block;
import org.swarmsync.sync.internal.model.ContentHash;
import org.swarmsync.sync.internal.model.FileEntry;
import org.swarmsync.sync.internal.model.Hash256;
import org.swarmsync.sync.internal.model.RelativePath;
import org.swarmsync.sync.internal.scan.TempFiles;
import org.swarmsync.sync.internal.session.ReceivedBlock;

/**
 * Fills the temporary file of one download ({@link TempFiles#tempFor}) with the target's
 * blocks: those a resumed download already verified stay; those any local file holds are
 * copied (a rename, a move or an append costs no transfer); the rest are requested from the
 * peers that have them, many at once and spread over them, and written where they belong as
 * they arrive. Every block is verified against its hash before it is written (the session
 * checks received data; local copies are hashed here), except runs copied from local files
 * unchanged since they were hashed ({@link LocalCopy}). The resume state is saved every
 * {@code checkpointBytes} received and whenever the download stops short, without forcing the
 * temporary file to the disk first: a download resumed by a new process hashes every block the
 * state claims before keeping it ({@link #resume}), so a block that a crash of the system lost
 * is fetched again, and one that a killed process left in the page cache is kept. Forcing at
 * each checkpoint held the download still for the disk's write of every 64 MiB (bench/README.md,
 * "Fourth session"). Only the finished file is forced, before its rename. Large downloads are
 * written past the page cache ({@link TempFile}).
 */
final class FileFetch {

    private static final Logger LOG = LoggerFactory.getLogger(FileFetch.class);
    /** How long a block request may stay unanswered before others are asked for the block. */
    private static final long PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(20);
    private static final long PATIENCE_CHECK_MILLIS = 1000;

    /**
     * What the engine shares with every download.
     *
     * @param checked the contents whose temporary files this engine already checked against
     *        their resume state: a download retried while it waits for a peer need not read
     *        its partial file again each time
     * @param trust when local blocks may be copied without hashing them
     * @param hooks test seams
     */
    record Context(Path root, FolderIndex index, FolderFiles files, PeerRegistry registry, Progress progress,
            long inFlightBytes, long checkpointBytes, Set<Hash256> checked, LocalTrust trust, Hooks hooks) {
    }

    /** For tests: code run at chosen points of every download of the engine. */
    static final class Hooks {
        /** Runs before a run of blocks is transferred from this local file (after it was found unchanged). */
        volatile Consumer<RelativePath> beforeRun = path -> { };
    }

    /** An answer to one request, handed from the session's reader thread to ours. */
    private record Arrival(long id, Hash256 hash, PeerLink from, ReceivedBlock block, Throwable failure) {
    }

    private final Context context;
    private final FileEntry target;
    private final RelativePath path;
    private final Hash256 content;
    private final Path temp;
    /** Block indexes by hash, in file order: equal blocks are fetched once and written everywhere. */
    private final Map<Hash256, List<Integer>> missing = new LinkedHashMap<>();
    private BitSet done;
    private TempFile file;
    private FileChannel channel;
    private long sinceCheckpoint;
    private int resumed;
    private int requested;

    FileFetch(Context context, FileEntry target) {
        this.context = context;
        this.target = target;
        this.path = target.path();
        this.content = ContentHash.of(target);
        this.temp = TempFiles.tempFor(context.root(), path);
    }

    Path temp() {
        return temp;
    }

    /** @return the permission bits {@link #temp()} was created with in this run (umask aside), or -1 */
    int createdBits() {
        return file == null ? -1 : file.createdBits();
    }

    /**
     * Fills the temporary file.
     *
     * @return true when every block is in and forced to the disk; false if some block is
     *         available from no connected peer (the state is saved, to go on later)
     */
    boolean run() throws IOException, InterruptedException {
        int bits = context.files().creationBits(target.permissions());
        try {
            file = TempFile.open(temp, target.size(), bits);
        } catch (NoSuchFileException e) {
            TempFiles.createDirectory(context.root());
            file = TempFile.open(temp, target.size(), bits);
        }
        channel = file.channel();
        boolean complete = false;
        try {
            resume();
            resumed = done.cardinality();
            copyLocal();
            complete = missing.isEmpty() || fetch();
            if (complete) {
                channel.force(true);
                if (resumed > 0) {
                    // What a user (and the kill-and-restart test) wants to see: nothing verified is fetched again.
                    LOG.info("{}: finished a resumed download: {} of {} blocks kept, {} requested from peers", path,
                            resumed, target.blocks().size(), requested);
                }
            } else {
                checkpoint();
            }
            return complete;
        } catch (IOException | InterruptedException | RuntimeException e) {
            saveQuietly();
            throw e;
        } finally {
            file.close();
        }
    }

    /** Keeps what an interrupted download of this same content verified; starts afresh otherwise. */
    private void resume() throws IOException {
        List<Block> blocks = target.blocks();
        done = context.index().resume(path, content).orElse(null);
        if (done == null) {
            done = new BitSet(blocks.size());
            if (channel.size() > 0) {
                channel.truncate(0); // left by a download of other content
            }
        } else {
            if (channel.size() > target.size()) {
                channel.truncate(target.size());
            }
            // The state claims what was written, not what reached the disk, and the file may have
            // been touched while the engine was not running: check it, once per engine (a local read).
            int last = Math.min(done.length(), blocks.size()) - 1;
            long needed = last < 0 ? 0 : blocks.get(last).offset() + blocks.get(last).length();
            boolean trusted = context.checked().contains(content) && channel.size() >= needed;
            for (int i = done.nextSetBit(0); i >= 0 && i < blocks.size() && !trusted; i = done.nextSetBit(i + 1)) {
                Block block = blocks.get(i);
                ByteBuffer data = ByteBuffer.allocate(block.length());
                if (!Blocks.readFully(channel, data, block.offset()) || !block.hash().isHashOf(data.flip())) {
                    done.clear(i);
                }
            }
            done.clear(blocks.size(), Math.max(blocks.size(), done.length()));
            context.checked().add(content);
            LOG.debug("resuming {} with {} of {} blocks", path, done.cardinality(), blocks.size());
        }
        for (int i = 0; i < blocks.size(); i++) {
            if (!done.get(i)) {
                missing.computeIfAbsent(blocks.get(i).hash(), h -> new ArrayList<>(1)).add(i);
            }
        }
    }

    /**
     * Copies what local files hold. No checkpoint is taken on the way: a copy that stops short
     * still saves what it copied ({@link #saveQuietly}); only a crash loses it, and a local
     * copy is cheap to make again.
     */
    private void copyLocal() throws IOException {
        if (missing.isEmpty()) {
            return;
        }
        try (LocalCopy local = new LocalCopy(context, target, file)) {
            local.copyRuns(done, this::copiedUnhashed);
            var it = missing.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<Hash256, List<Integer>> wanted = it.next();
                int length = target.blocks().get(wanted.getValue().get(0)).length();
                for (BlockLocation at : context.index().findBlocks(wanted.getKey(), LocalCopy.LOCATIONS)) {
                    if (at.length() != length) {
                        continue;
                    }
                    ByteBuffer data = local.readVerified(at, length, wanted.getKey());
                    if (data != null) {
                        write(wanted.getValue(), data);
                        context.progress().copied(length);
                        it.remove();
                        break;
                    }
                }
            }
        }
    }

    /** One block a run copied from an unchanged local file. */
    private void copiedUnhashed(int index) throws IOException {
        Block block = target.blocks().get(index);
        List<Integer> indexes = missing.get(block.hash());
        if (indexes == null || !indexes.remove(Integer.valueOf(index))) {
            return;
        }
        if (indexes.isEmpty()) {
            missing.remove(block.hash());
        }
        done.set(index);
        context.progress().copied(block.length());
        context.progress().blocksCopiedUnhashed.incrementAndGet();
    }

    /** @return whether every block arrived */
    private boolean fetch() throws IOException, InterruptedException {
        BlockSources sources = new BlockSources(context.index(), path, content, context.registry());
        Deque<Hash256> queue = new ArrayDeque<>(missing.keySet());
        Map<Hash256, Set<PeerLink>> tried = new HashMap<>();
        BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
        Set<Hash256> unavailable = new HashSet<>();
        InFlight inFlight = new InFlight();
        while (!queue.isEmpty() || inFlight.count() > 0) {
            while (!queue.isEmpty() && (inFlight.count() == 0
                    || !missing.containsKey(queue.peek())
                    || inFlight.bytes() + lengthOf(queue.peek()) <= context.inFlightBytes())) {
                Hash256 hash = queue.poll();
                if (!missing.containsKey(hash)) {
                    continue; // a late answer to a request given up brought it meanwhile
                }
                PeerLink from = pick(sources, hash, tried.get(hash), inFlight.silent());
                if (from == null) {
                    unavailable.add(hash);
                    continue;
                }
                int index = missing.get(hash).get(0);
                Block block = target.blocks().get(index);
                CompletableFuture<ReceivedBlock> answer;
                try {
                    answer = from.session.request(path, block.offset(), block.length(), hash);
                } catch (IOException e) {
                    tried.computeIfAbsent(hash, h -> new HashSet<>()).add(from);
                    queue.addFirst(hash);
                    continue;
                }
                context.progress().blocksRequested.incrementAndGet();
                requested++;
                long id = inFlight.add(hash, from, block.length(), System.nanoTime()).id();
                answer.whenComplete((reply, failure) -> arrivals.add(new Arrival(id, hash, from, reply, failure)));
            }
            if (inFlight.count() == 0) {
                break;
            }
            Arrival arrival = arrivals.poll(PATIENCE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
            List<InFlight.Request> overdue = inFlight.giveUpOverdue(System.nanoTime(), PATIENCE_NANOS);
            if (!overdue.isEmpty()) {
                LOG.info("{}: {} block request(s) unanswered for {} s by {}; asking others", path, overdue.size(),
                        TimeUnit.NANOSECONDS.toSeconds(PATIENCE_NANOS),
                        overdue.stream().map(r -> r.from().toString()).distinct().toList());
            }
            for (InFlight.Request request : overdue) {
                tried.computeIfAbsent(request.hash(), h -> new HashSet<>()).add(request.from());
                queue.addLast(request.hash());
            }
            if (arrival == null) {
                continue;
            }
            boolean wasOut = inFlight.answered(arrival.id()) != null;
            if (arrival.failure() == null) {
                inFlight.heardFrom(arrival.from());
                List<Integer> indexes = missing.remove(arrival.hash());
                if (indexes == null) {
                    arrival.block().release();
                    continue; // asked twice, answered twice: the first answer was written
                }
                int length = target.blocks().get(indexes.get(0)).length();
                write(indexes, arrival.block().data());
                arrival.block().release(); // written: the frame may carry a later block
                context.progress().received(length);
                sinceCheckpoint += length;
                if (sinceCheckpoint >= context.checkpointBytes()) {
                    // Committed at once: a process killed right after must find these blocks
                    // kept. One commit per checkpoint (64 MiB by default) stays rare.
                    checkpoint();
                }
            } else if (wasOut) {
                LOG.debug("{}: block {} from {} failed: {}", path, arrival.hash(), arrival.from(),
                        arrival.failure().toString());
                tried.computeIfAbsent(arrival.hash(), h -> new HashSet<>()).add(arrival.from());
                queue.addLast(arrival.hash());
            }
        }
        if (!unavailable.isEmpty()) {
            LOG.debug("{}: {} of {} blocks are available from no connected peer", path, unavailable.size(),
                    target.blocks().size());
            return false;
        }
        return true;
    }

    /** Picks a source, leaving silent peers for when nobody else has the block. */
    private static PeerLink pick(BlockSources sources, Hash256 hash, Set<PeerLink> tried, Set<PeerLink> silent) {
        if (!silent.isEmpty()) {
            Set<PeerLink> avoid = new HashSet<>(silent);
            if (tried != null) {
                avoid.addAll(tried);
            }
            PeerLink other = sources.pick(hash, avoid);
            if (other != null) {
                return other;
            }
        }
        return sources.pick(hash, tried);
    }

    private int lengthOf(Hash256 hash) {
        return target.blocks().get(missing.get(hash).get(0)).length();
    }

    private void write(List<Integer> indexes, ByteBuffer data) throws IOException {
        for (int index : indexes) {
            file.write(data.duplicate(), target.blocks().get(index).offset());
            done.set(index);
        }
        if (indexes.size() > 1) {
            context.progress().doneBytes.addAndGet((long) data.remaining() * (indexes.size() - 1));
        }
    }

    /** Records which blocks the temporary file holds, and commits it. */
    private void checkpoint() throws IOException {
        context.index().putResume(path, content, (BitSet) done.clone());
        context.index().commit();
        sinceCheckpoint = 0;
    }

    /**
     * Saves the state after a failure. An interrupt may have closed the channel under a write;
     * the blocks written before it are in the file.
     */
    private void saveQuietly() {
        if (done == null || done.isEmpty()) {
            return;
        }
        boolean interrupted = Thread.interrupted();
        try {
            checkpoint();
        } catch (IOException | RuntimeException e) {
            LOG.debug("{}: could not save the download state: {}", path, e.toString());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
