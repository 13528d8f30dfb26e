package org.swarmsync.sync.internal.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swarmsync.sync.internal.index.BlockLocation;
import org.swarmsync.sync.internal.index.FolderIndex;
import org.swarmsync.sync.internal.model.Block;
import org.swarmsync.sync.internal.model.EntryType;
import org.swarmsync.sync.internal.model.FileEntry;
import org.swarmsync.sync.internal.protocol.BlockRequest;
import org.swarmsync.sync.internal.session.PeerSession;
import org.swarmsync.sync.internal.session.SessionClosedException;

/**
 * Answers peers' block requests on its own threads (never a session's reader thread): from
 * the requested file at the requested offset if our entry for it has that block there, else
 * from any local file the block lookup knows with that hash. What is read is hashed before it
 * is sent; a block we cannot find or that no longer matches is answered with an error.
 */
final class BlockServer {

    private static final Logger LOG = LoggerFactory.getLogger(BlockServer.class);
    /** Other places to try for a hash when the named file no longer has it. */
    private static final int MAX_LOCATIONS = 8;

    private final FolderIndex index;
    private final FolderFiles files;
    private final ExecutorService pool;
    private final Progress progress;
    private volatile Consumer<BlockRequest> beforeServe = request -> { };

    BlockServer(FolderIndex index, FolderFiles files, ExecutorService pool, Progress progress) {
        this.index = index;
        this.files = files;
        this.pool = pool;
        this.progress = progress;
    }

    /** For tests: runs on the serving thread before each request is answered. */
    void beforeServe(Consumer<BlockRequest> hook) {
        beforeServe = hook;
    }

    /** Queues the request for a serving thread; called on the session's reader thread. */
    void submit(PeerSession session, BlockRequest request) {
        try {
            pool.execute(() -> serve(session, request));
        } catch (RejectedExecutionException e) {
            // The engine is closing, and with it this session.
        }
    }

    private void serve(PeerSession session, BlockRequest request) {
        try {
            beforeServe.accept(request);
            ByteBuffer data = find(request);
            if (data == null) {
                session.sendBlockError(request.id(), "not found or changed");
            } else {
                session.sendBlock(request.id(), data);
                progress.blocksServed.incrementAndGet();
            }
        } catch (SessionClosedException e) {
            // nothing to answer any more
        } catch (IOException | RuntimeException e) {
            LOG.debug("serving {} at {} to {} failed: {}", request.path(), request.offset(), session, e.toString());
            try {
                session.sendBlockError(request.id(), "cannot read it");
            } catch (IOException | RuntimeException again) {
                // the session ended, or the request was answered before the failure
            }
        }
    }

    private ByteBuffer find(BlockRequest request) throws IOException {
        FileEntry local = index.local(request.path()).orElse(null);
        if (local != null && !local.deleted() && local.type() == EntryType.FILE && holds(local, request)) {
            ByteBuffer data = readFrom(request.path(), request.offset(), request);
            if (data != null) {
                return data;
            }
        }
        for (BlockLocation at : index.findBlocks(request.hash(), MAX_LOCATIONS)) {
            if (at.length() == request.length()) {
                ByteBuffer data = readFrom(at.path(), at.offset(), request);
                if (data != null) {
                    return data;
                }
            }
        }
        return null;
    }

    private ByteBuffer readFrom(org.swarmsync.sync.internal.model.RelativePath path, long offset, BlockRequest request)
            throws IOException {
        Path file;
        try {
            file = files.resolve(path);
        } catch (UnsafePathException e) {
            return null;
        }
        return Blocks.readVerified(file, offset, request.length(), request.hash());
    }

    private static boolean holds(FileEntry entry, BlockRequest request) {
        if (entry.blockSize() == 0 || request.offset() % entry.blockSize() != 0) {
            return false;
        }
        long index = request.offset() / entry.blockSize();
        if (index >= entry.blocks().size()) {
            return false;
        }
        Block block = entry.blocks().get((int) index);
        return block.length() == request.length() && block.hash().equals(request.hash());
    }
}
