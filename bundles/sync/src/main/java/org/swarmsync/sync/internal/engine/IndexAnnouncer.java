package org.swarmsync.sync.internal.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swarmsync.sync.internal.index.FolderIndex;
import org.swarmsync.sync.internal.model.FileEntry;
import org.swarmsync.sync.internal.session.SessionClosedException;

/**
 * Sends our index to each peer that asked: first everything above the sequence its want
 * named, then a delta whenever the local index changes, each entry once by sequence. Each
 * peer has its own serial runs on the sender pool (never a reader thread), so a slow peer
 * delays only itself, and many changes in a row become one delta (at most one every
 * {@link #DELTA_INTERVAL_NANOS}).
 *
 * <p><b>Read-only rule.</b> With a read-only secret we announce only entries whose version
 * vector has no counter of our own device: versions we received from a writer and hold
 * unchanged, so we can serve their blocks. A local edit (or a deletion, or a conflict copy)
 * bumps our device in the vector and is never sent; if a writer later supersedes it, the
 * applied writer version carries no counter of ours and is announced again.
 */
final class IndexAnnouncer {

    private static final Logger LOG = LoggerFactory.getLogger(IndexAnnouncer.class);
    /** Entries encoded per {@code sendIndex} call: a few frames' worth. */
    static final int SLICE = 1000;
    /**
     * Entries in the first frame of the answer to a want: small, so that a peer that needs
     * everything (a new device) starts pulling before the rest of a large index is read,
     * encoded and sent.
     */
    static final int FIRST_SLICE = 100;
    /**
     * Least time between two deltas to one peer. While the puller places hundreds of files a
     * second, one delta a tenth of a second carries them all, instead of hundreds of small
     * frames each of which makes the peer look at its index again.
     */
    static final long DELTA_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Entries with more blocks than this cannot fit one index frame (docs/protocol.md §3.1). */
    private static final int MAX_BLOCKS = 130_000;

    private final FolderIndex index;
    private final boolean readOnly;
    private final long device;
    private final Executor senders;
    private final ScheduledExecutorService timer;
    private final PeerRegistry registry;

    IndexAnnouncer(FolderIndex index, boolean readOnly, Executor senders, ScheduledExecutorService timer,
            PeerRegistry registry) {
        this.index = index;
        this.readOnly = readOnly;
        this.device = index.localDevice();
        this.senders = senders;
        this.timer = timer;
        this.registry = registry;
    }

    /** The peer sent its want: answer it. Called on the session's reader thread. */
    void wanted(PeerLink link, long since) {
        // A since above our sequence means the peer remembers a history we lost (an index
        // restored from a backup): send everything rather than nothing.
        link.wantSince = since > index.localSequence() ? 0 : since;
        schedule(link, 0);
    }

    /** The local index changed: send deltas to every peer that asked. */
    void localChanged() {
        long now = System.nanoTime();
        for (PeerLink link : registry.links()) {
            if (link.wantSince >= 0) {
                schedule(link, link.lastSentNanos + DELTA_INTERVAL_NANOS - now);
            }
        }
    }

    private void schedule(PeerLink link, long delayNanos) {
        if (!link.scheduled.compareAndSet(false, true)) {
            return; // a run is due already and will see this change
        }
        try {
            if (delayNanos <= 0) {
                senders.execute(() -> run(link));
            } else {
                timer.schedule(() -> {
                    try {
                        senders.execute(() -> run(link));
                    } catch (RejectedExecutionException e) {
                        link.scheduled.set(false); // closing
                    }
                }, delayNanos, TimeUnit.NANOSECONDS);
            }
        } catch (RejectedExecutionException e) {
            link.scheduled.set(false); // closing
        }
    }

    private void run(PeerLink link) {
        synchronized (link) { // one run per peer at a time
            link.scheduled.set(false); // a change from now on schedules the next run
            try {
                send(link);
            } catch (SessionClosedException e) {
                // nothing more to send it
            } catch (IOException | RuntimeException e) {
                if (link.session.isOpen()) {
                    LOG.warn("sending the index to {} failed", link, e);
                    link.session.close("internal error: index");
                }
            } finally {
                link.lastSentNanos = System.nanoTime();
            }
        }
    }

    /** One serial run: everything above what this peer got so far. */
    private void send(PeerLink link) throws IOException {
        if (!link.session.isOpen()) {
            return;
        }
        if (!link.answered) {
            link.sentUpTo = link.wantSince;
        }
        long highest = link.sentUpTo;
        boolean lastWasDone = false;
        boolean sentAny = false;
        List<FileEntry> slice = new ArrayList<>(SLICE);
        int limit = link.answered ? SLICE : FIRST_SLICE;
        try (Stream<FileEntry> since = index.localSince(link.sentUpTo)) {
            Iterator<FileEntry> entries = since.iterator();
            while (entries.hasNext()) {
                FileEntry entry = entries.next();
                highest = Math.max(highest, entry.sequence());
                if (announce(entry)) {
                    slice.add(entry);
                }
                if (slice.size() == limit) {
                    // Frames before the last one of the answer to a want carry done = 0.
                    boolean done = link.answered || !entries.hasNext();
                    link.session.sendIndex(slice, index.localSequence(), done);
                    lastWasDone = done;
                    sentAny = true;
                    slice.clear();
                    limit = SLICE;
                }
            }
        }
        if (!slice.isEmpty() || (!link.answered && !lastWasDone)) {
            link.session.sendIndex(slice, index.localSequence(), true);
            sentAny = true;
        }
        link.sentUpTo = highest;
        if (!link.answered) {
            link.answered = true;
            LOG.debug("answered the want of {} up to sequence {}", link, highest);
        } else if (sentAny) {
            LOG.trace("sent {} a delta up to sequence {}", link, highest);
        }
    }

    private boolean announce(FileEntry entry) {
        if (readOnly && entry.version().counters().containsKey(device)) {
            return false;
        }
        if (entry.blocks().size() > MAX_BLOCKS) {
            LOG.warn("{} has {} blocks, more than an index frame can carry; not announced", entry.path(),
                    entry.blocks().size());
            return false;
        }
        return true;
    }

    /** @return the highest local sequence {@code link} has been sent (tests) */
    static long sentUpTo(PeerLink link) {
        return link.sentUpTo;
    }
}
