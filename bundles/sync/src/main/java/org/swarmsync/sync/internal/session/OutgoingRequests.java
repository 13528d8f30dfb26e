package org.swarmsync.sync.internal.session;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.swarmsync.sync.internal.model.Hash256;
import org.swarmsync.sync.internal.model.RelativePath;
import org.swarmsync.sync.internal.protocol.BlockData;
import org.swarmsync.sync.internal.protocol.BlockError;
import org.swarmsync.sync.internal.protocol.BlockRequest;
import org.swarmsync.sync.internal.protocol.Limits;
import org.swarmsync.sync.internal.protocol.ProtocolException;

/**
 * Our requests that the peer has not answered yet, within the protocol's budget of 256
 * requests and 64 MiB. A caller over budget waits until answers come back; that wait is the
 * backpressure a puller feels.
 */
final class OutgoingRequests {

    /** A request of ours and the future its answer completes. */
    record Pending(BlockRequest request, CompletableFuture<ReceivedBlock> future) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private final Map<Long, Pending> pending = new HashMap<>();
    private long nextId;
    private long bytes;
    private SessionEnd end;

    /**
     * Waits for room in the budget, then records a new request under a fresh id.
     *
     * @throws InterruptedException if interrupted while waiting
     * @throws SessionClosedException if the session ended before or while waiting
     */
    Pending register(RelativePath path, long offset, int length, Hash256 hash)
            throws InterruptedException, SessionClosedException {
        lock.lockInterruptibly();
        try {
            while (end == null && (pending.size() >= Limits.MAX_OUTSTANDING_REQUESTS
                    || bytes + length > Limits.MAX_OUTSTANDING_BYTES)) {
                released.await();
            }
            if (end != null) {
                throw new SessionClosedException(end);
            }
            Pending p = new Pending(new BlockRequest(nextId++, path, offset, length, hash), new CompletableFuture<>());
            pending.put(p.request().id(), p);
            bytes += length;
            return p;
        } finally {
            lock.unlock();
        }
    }

    /** @return the request with this id, now removed and its budget returned, or null if there is none */
    Pending remove(long id) {
        lock.lock();
        try {
            Pending p = pending.remove(id);
            if (p != null) {
                bytes -= p.request().length();
                released.signalAll();
            }
            return p;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Completes the request a block answers, with the data once it matches the requested
     * length and hash.
     *
     * @param frame the frame body {@code block} was decoded from (its data is a view of it)
     * @throws ProtocolException if no such request is outstanding or the data does not match
     *         (the request's future fails with the same exception)
     */
    void complete(BlockData block, ByteBuffer frame) throws ProtocolException {
        Pending p = answered(block.id());
        BlockRequest request = p.request();
        ByteBuffer data = block.data();
        ProtocolException wrong = null;
        if (data.remaining() != request.length()) {
            wrong = new ProtocolException("block " + block.id() + ": " + data.remaining() + " bytes for " + describe(request));
        } else if (!request.hash().isHashOf(data)) {
            wrong = new ProtocolException("block " + block.id() + ": data does not match the hash of " + describe(request));
        }
        if (wrong != null) {
            p.future().completeExceptionally(wrong);
            throw wrong;
        }
        p.future().complete(new ReceivedBlock(data, frame));
    }

    /**
     * Fails the request an error reply answers with {@link BlockUnavailableException}.
     *
     * @throws ProtocolException if no such request is outstanding
     */
    void fail(BlockError error) throws ProtocolException {
        Pending p = answered(error.id());
        p.future().completeExceptionally(new BlockUnavailableException(
                describe(p.request()) + ": the peer no longer has it (" + error.reason() + ")"));
    }

    private Pending answered(long id) throws ProtocolException {
        Pending p = remove(id);
        if (p == null) {
            throw new ProtocolException("block: id " + id + " is not an outstanding request");
        }
        return p;
    }

    private static String describe(BlockRequest request) {
        return request.path() + " at " + request.offset() + " (" + request.length() + " bytes)";
    }


    /** @return how many requests are outstanding */
    int size() {
        lock.lock();
        try {
            return pending.size();
        } finally {
            lock.unlock();
        }
    }

    /** Fails every outstanding request and every waiting caller with the session's end, and refuses new ones. */
    void closeAll(SessionEnd why) {
        List<Pending> failed;
        lock.lock();
        try {
            if (end == null) {
                end = why;
            }
            failed = new ArrayList<>(pending.values());
            pending.clear();
            bytes = 0;
            released.signalAll();
        } finally {
            lock.unlock();
        }
        for (Pending p : failed) {
            p.future().completeExceptionally(new SessionClosedException(why));
        }
    }
}
