package org.swarmsync.sync.internal.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.swarmsync.sync.internal.index.BlockLocation;
import org.swarmsync.sync.internal.model.Block;
import org.swarmsync.sync.internal.model.EntryType;
import org.swarmsync.sync.internal.model.FileEntry;
import org.swarmsync.sync.internal.model.Hash256;
import org.swarmsync.sync.internal.model.RelativePath;

/**
 * The local part of one download: target blocks that local files (the file's own old version
 * among them) hold, copied into the temporary file. Each source file is opened once per
 * download. Runs of consecutive target blocks that one file holds at consecutive offsets are
 * copied file to file ({@link TempFile#copyFrom}: in the kernel, or through one direct buffer into
 * direct writes), not hashed, when the file is unchanged by {@link LocalTrust}'s rule; after
 * each piece of a run the file is stat'ed again, and if it changed meanwhile the piece does not
 * count (the caller copies those blocks verified, or fetches them). Every other block is read
 * and hashed before it is used.
 */
final class LocalCopy implements AutoCloseable {

    /** Most bytes transferred before the source is stat'ed again and the blocks count as done. */
    static final long PIECE_BYTES = 16L << 20;
    /** Local places tried per block hash. */
    static final int LOCATIONS = 4;

    /** Told of each block a confirmed piece copied. */
    interface Copied {
        void copied(int index) throws IOException;
    }

    /** One local file blocks may come from, opened once. */
    private static final class Source {
        final RelativePath path;
        FileEntry entry;
        Path file;
        FileChannel channel;
        /** The stat when opened; null if the file could not be told apart from another (never trusted). */
        FileStamp stamp;
        boolean trusted;

        Source(RelativePath path) {
            this.path = path;
        }
    }

    /** Consecutive target blocks from consecutive places of one source. */
    private static final class Run {
        final Source source;
        final int first;
        final long sourceOffset;
        int count;
        long length;

        Run(Source source, int first, long sourceOffset) {
            this.source = source;
            this.first = first;
            this.sourceOffset = sourceOffset;
        }
    }

    private final FileFetch.Context context;
    private final List<Block> blocks;
    private final TempFile temp;
    private final Map<RelativePath, Source> sources = new HashMap<>();

    LocalCopy(FileFetch.Context context, FileEntry target, TempFile temp) {
        this.context = context;
        this.blocks = target.blocks();
        this.temp = temp;
    }

    /**
     * Transfers the runs of blocks not yet done that unchanged local files hold.
     *
     * @param done the blocks the temporary file holds already (not changed here)
     * @param copied told of each block copied and confirmed, in file order
     */
    void copyRuns(BitSet done, Copied copied) throws IOException {
        Run run = null;
        for (int i = done.nextClearBit(0); i < blocks.size(); i = done.nextClearBit(i + 1)) {
            Block block = blocks.get(i);
            if (run != null && (run.first + run.count != i || run.length >= PIECE_BYTES || !continues(run, block))) {
                finish(run, copied);
                run = null;
            }
            if (run == null) {
                run = start(i, block);
                if (run == null) {
                    continue;
                }
            }
            run.count++;
            run.length += block.length();
        }
        if (run != null) {
            finish(run, copied);
        }
    }

    /**
     * Reads a block from a local place and checks it against its hash.
     *
     * @return the block, or null if that place does not hold it (any more)
     */
    ByteBuffer readVerified(BlockLocation at, int length, Hash256 hash) throws IOException {
        Source source = source(at.path());
        if (source.channel == null) {
            return null;
        }
        ByteBuffer data = ByteBuffer.allocate(length);
        try {
            if (!Blocks.readFully(source.channel, data, at.offset())) {
                return null;
            }
        } catch (IOException e) {
            return null; // unreadable now: not a source
        }
        data.flip();
        return hash.isHashOf(data) ? data : null;
    }

    private Run start(int index, Block block) throws IOException {
        for (BlockLocation at : context.index().findBlocks(block.hash(), LOCATIONS)) {
            if (at.length() != block.length()) {
                continue;
            }
            Source source = source(at.path());
            if (source.trusted && source.entry.holds(at.offset(), block.length(), block.hash())) {
                return new Run(source, index, at.offset());
            }
        }
        return null;
    }

    /** @return whether the run's source holds {@code block} right after the run (its entry says so) */
    private static boolean continues(Run run, Block block) {
        return run.source.trusted && run.source.entry.holds(run.sourceOffset + run.length, block.length(), block.hash());
    }

    private void finish(Run run, Copied copied) throws IOException {
        Source source = run.source;
        if (!source.trusted) {
            return;
        }
        context.hooks().beforeRun.accept(source.path);
        long moved = temp.copyFrom(source.channel, run.sourceOffset, run.length, blocks.get(run.first).offset());
        // Unchanged throughout only if the stat after the transfer still equals the one before
        // it: a write during the transfer changes the time (a same-tick write is what the
        // settle time in the trust rule excludes).
        FileStamp now = FileStamp.of(source.file);
        if (moved != run.length || !source.stamp.equals(now) || !context.trust().unchanged(source.entry, now)) {
            source.trusted = false;
            return;
        }
        for (int i = run.first; i < run.first + run.count; i++) {
            copied.copied(i);
        }
    }

    private Source source(RelativePath path) throws IOException {
        Source source = sources.get(path);
        if (source == null) {
            source = open(path);
            sources.put(path, source);
        }
        return source;
    }

    private Source open(RelativePath path) throws IOException {
        Source source = new Source(path);
        FileEntry entry = context.index().local(path).orElse(null);
        if (entry == null || entry.deleted() || entry.type() != EntryType.FILE) {
            return source;
        }
        try {
            source.file = context.files().resolve(path);
        } catch (UnsafePathException e) {
            return source;
        }
        FileStamp.Opened opened = FileStamp.openRead(source.file);
        if (opened == null) {
            return source;
        }
        source.channel = opened.channel();
        source.entry = entry;
        if (opened.stamp() != null) {
            source.stamp = opened.stamp();
            source.trusted = context.trust().unchanged(entry, opened.stamp());
        }
        return source;
    }

    /** Closes the source files. */
    @Override
    public void close() {
        for (Source source : sources.values()) {
            if (source.channel != null) {
                try {
                    source.channel.close();
                } catch (IOException e) {
                    // a read channel: nothing was lost
                }
            }
        }
        sources.clear();
    }
}
