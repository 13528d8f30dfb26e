package org.swarmsync.sync.internal.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swarmsync.sync.internal.index.BlockLocation;
import org.swarmsync.sync.internal.index.FolderIndex;
import org.swarmsync.sync.internal.model.EntryType;
import org.swarmsync.sync.internal.model.FileEntry;
import org.swarmsync.sync.internal.model.RelativePath;
import org.swarmsync.sync.internal.protocol.BlockRequest;
import org.swarmsync.sync.internal.session.PeerSession;
import org.swarmsync.sync.internal.session.SessionClosedException;
import org.swarmsync.sync.internal.session.SessionEnd;

/**
 * Answers peers' block requests on its own threads (never a session's reader thread): from
 * the requested file at the requested offset if our entry for it has that block there, else
 * from any local file the block lookup knows with that hash. Files are read through channels
 * kept open ({@link OpenFiles}). A block of a file that is unchanged by the scanner's rule
 * ({@link LocalTrust}) before and after the read is sent as read: the receiver hashes every
 * block anyway, and hashing it here too cost a second SHA-256 of everything served. Any other
 * block is hashed before it is sent, and one we cannot find or that no longer matches is
 * answered with an error (and the file is scanned again). If a peer closes a session because
 * data we sent did not match, the files we sent unhashed on it are hashed again by the scanner.
 */
final class BlockServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BlockServer.class);
    /** Other places to try for a hash when the named file no longer has it. */
    private static final int MAX_LOCATIONS = 8;
    /** Files remembered per session as sent unhashed: more than its requests in flight span. */
    private static final int UNHASHED_PATHS = 256;
    /**
     * The largest block a serving thread reads into a buffer it keeps: a fresh buffer per block
     * (a 1 MiB array is a humongous allocation in a small heap) made the sender of 1 GiB touch
     * new memory for every block. Direct, so the file's bytes are copied once, not through the
     * JDK's temporary buffer.
     */
    private static final int KEPT_BUFFER_BYTES = 4 << 20;
    /** What a receiver's close reason says when our data did not hash to what it asked for. */
    static final String MISMATCH = "does not match the hash";

    private final FolderIndex index;
    private final OpenFiles files;
    private final LocalTrust trust;
    private final ExecutorService pool;
    private final Progress progress;
    private final Map<PeerSession, Set<RelativePath>> unhashed = new ConcurrentHashMap<>();
    private final ThreadLocal<ByteBuffer> readBuffers = new ThreadLocal<>();
    private final Set<PeerSession> closedAtLastSweep = ConcurrentHashMap.newKeySet();
    private volatile Consumer<BlockRequest> beforeServe = request -> { };

    BlockServer(FolderIndex index, FolderFiles files, LocalTrust trust, ExecutorService pool, Progress progress) {
        this.index = index;
        this.files = new OpenFiles(files);
        this.trust = trust;
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

    /**
     * A session ended. If the peer closed it because a block did not match, the files we sent
     * it without hashing (those its reason names, else all) are not what the index says. A
     * connection that failed underneath counts as such a close too: a peer that rejects a block
     * closes at once with our blocks still unread in its socket, and the reset that follows can
     * swallow its close frame.
     */
    void sessionEnded(PeerSession session, SessionEnd end) {
        Set<RelativePath> sent = unhashed.remove(session);
        closedAtLastSweep.remove(session);
        boolean rejected = end.cause() == SessionEnd.Cause.PEER && end.reason().contains(MISMATCH);
        if (sent == null || !rejected && end.cause() != SessionEnd.Cause.TRANSPORT) {
            return;
        }
        List<RelativePath> suspects = new ArrayList<>();
        synchronized (sent) {
            for (var path : sent) {
                if (rejected && end.reason().contains(" of " + path.text() + " at ")) {
                    suspects.add(path);
                }
            }
            if (suspects.isEmpty()) {
                suspects.addAll(sent);
            }
        }
        LOG.info("{} {}; hashing {} file(s) we sent it unhashed again", session,
                rejected ? "found data we sent unhashed wrong" : "failed underneath", suspects.size());
        trust.peerRejected(suspects);
    }

    /**
     * Closes the files kept open that were not read for a while, and forgets what was sent
     * unhashed on sessions found closed at two sweeps in a row (their end was handled, or came
     * too late to matter).
     */
    void closeIdle() {
        files.closeIdle();
        for (PeerSession session : unhashed.keySet()) {
            if (!session.isOpen() && !closedAtLastSweep.add(session)) {
                unhashed.remove(session);
            }
        }
        closedAtLastSweep.removeIf(session -> !unhashed.containsKey(session));
    }

    /** Closes every file kept open; call once no request is served any more. */
    @Override
    public void close() {
        files.close();
    }

    private void serve(PeerSession session, BlockRequest request) {
        try {
            beforeServe.accept(request);
            ByteBuffer data = find(session, request);
            if (data == null) {
                progress.blocksRefused.incrementAndGet();
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

    private ByteBuffer find(PeerSession session, BlockRequest request) throws IOException {
        FileEntry local = index.local(request.path()).orElse(null);
        if (live(local) && local.holds(request.offset(), request.length(), request.hash())) {
            ByteBuffer data = readFrom(session, local, request.offset(), request);
            if (data != null) {
                return data;
            }
        }
        for (BlockLocation at : index.findBlocks(request.hash(), MAX_LOCATIONS)) {
            if (at.length() != request.length() || at.path().equals(request.path()) && at.offset() == request.offset()) {
                continue;
            }
            FileEntry entry = index.local(at.path()).orElse(null);
            if (live(entry) && entry.holds(at.offset(), request.length(), request.hash())) {
                ByteBuffer data = readFrom(session, entry, at.offset(), request);
                if (data != null) {
                    return data;
                }
            }
        }
        return null;
    }

    /** @return the block read from {@code entry}'s file, unhashed if the file is unchanged, else verified; null if not there */
    private ByteBuffer readFrom(PeerSession session, FileEntry entry, long offset, BlockRequest request)
            throws IOException {
        for (int attempt = 0; attempt < 2; attempt++) {
            try (OpenFiles.Handle handle = files.acquire(entry)) {
                if (handle == null) {
                    return null;
                }
                FileStamp before = FileStamp.of(handle.file);
                if (before == null) {
                    files.forget(handle);
                    return null;
                }
                // Only a channel known to be the file at the path now may skip the hash.
                boolean identified = handle.opened != null && sameFile(before, handle.opened);
                if (!identified) {
                    files.forget(handle); // the path names another file now, or we cannot tell
                    if (handle.opened != null && attempt == 0) {
                        continue;
                    }
                }
                boolean trusted = identified && trust.unchanged(entry, before);
                ByteBuffer data = readBuffer(request.length());
                if (!Blocks.readFully(handle.channel, data, offset)) {
                    return null;
                }
                data.flip();
                if (trusted && before.equals(FileStamp.of(handle.file))) {
                    progress.blocksServedUnhashed.incrementAndGet();
                    remember(session, entry.path());
                    return data;
                }
                if (request.hash().isHashOf(data)) {
                    return data;
                }
                trust.mismatch(entry.path(), before.matches(entry));
                return null;
            }
        }
        return null;
    }

    /**
     * @return a buffer for one block, {@code length} bytes from position 0: the serving thread's
     *         own, reused for every block up to {@link #KEPT_BUFFER_BYTES} (the block is written
     *         to the session before the thread serves the next one)
     */
    private ByteBuffer readBuffer(int length) {
        if (length > KEPT_BUFFER_BYTES) {
            return ByteBuffer.allocate(length);
        }
        ByteBuffer buffer = readBuffers.get();
        if (buffer == null || buffer.capacity() < length) {
            buffer = ByteBuffer.allocateDirect(Math.max(length, 1 << 20));
            readBuffers.set(buffer);
        }
        return buffer.clear().limit(length);
    }

    /** @return whether both stats are of one file (its content may have changed) */
    private static boolean sameFile(FileStamp a, FileStamp b) {
        return a.fileKey() != null && a.fileKey().equals(b.fileKey());
    }

    private void remember(PeerSession session, RelativePath path) {
        Set<RelativePath> sent = unhashed.computeIfAbsent(session,
                s -> Collections.synchronizedSet(new LinkedHashSet<>()));
        synchronized (sent) {
            if (sent.remove(path) || sent.size() < UNHASHED_PATHS) {
                sent.add(path);
            } else {
                var eldest = sent.iterator();
                eldest.next();
                eldest.remove();
                sent.add(path);
            }
        }
        // Not dropped here if the session has just ended: its end may not have been handled
        // yet, and that handling needs the set (closeIdle sweeps what is left behind).
    }

    private static boolean live(FileEntry entry) {
        return entry != null && !entry.deleted() && entry.type() == EntryType.FILE;
    }
}
