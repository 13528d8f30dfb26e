package org.swarmsync.sync.internal.engine;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import org.swarmsync.sync.internal.model.FileEntry;
import org.swarmsync.sync.internal.model.RelativePath;

/**
 * Read channels of the files peers ask blocks of, kept open between requests so a file is
 * opened once rather than once per block. At most {@link #MAX} stay open (least recently used
 * first out); one is replaced when the index has another version of its file or the path now
 * names another file, and closed when idle for {@link #IDLE_MILLIS} (so a deleted file's space
 * is not held for long) and when the engine closes. A channel is closed only when the last
 * reader using it is done with it.
 */
final class OpenFiles implements AutoCloseable {

    /** Most files kept open. */
    static final int MAX = 16;
    /** A file not read for this long is closed. */
    static final long IDLE_MILLIS = 10_000;

    /** One open file, shared by the readers that hold it; close it when done. */
    final class Handle implements AutoCloseable {
        final RelativePath path;
        final Path file;
        final FileChannel channel;
        /** The stat taken around opening it, or null if the path changed meanwhile (never trusted). */
        final FileStamp opened;
        final long sequence;
        private int users = 1; // the cache's own hold
        private long lastUsedMillis;

        private Handle(RelativePath path, Path file, FileChannel channel, FileStamp opened, long sequence) {
            this.path = path;
            this.file = file;
            this.channel = channel;
            this.opened = opened;
            this.sequence = sequence;
            this.lastUsedMillis = clock.getAsLong();
        }

        @Override
        public void close() {
            release(this);
        }
    }

    private final FolderFiles files;
    private final LongSupplier clock;
    private final Map<RelativePath, Handle> open = new LinkedHashMap<>(MAX * 2, 0.75f, true);
    private boolean closed;

    OpenFiles(FolderFiles files) {
        this(files, System::currentTimeMillis);
    }

    /** @param clock now, in ms (tests pass their own) */
    OpenFiles(FolderFiles files, LongSupplier clock) {
        this.files = files;
        this.clock = clock;
    }

    /**
     * @param entry the local entry of the file to read
     * @return an open channel of the file as it is on the disk now (the caller closes the
     *         handle), or null if there is no regular file to read there
     */
    Handle acquire(FileEntry entry) throws IOException {
        synchronized (this) {
            Handle known = open.get(entry.path());
            if (known != null && known.sequence == entry.sequence()) {
                known.users++;
                known.lastUsedMillis = clock.getAsLong();
                return known;
            }
        }
        Handle fresh = openFile(entry);
        if (fresh == null) {
            return null;
        }
        List<Handle> drop = new ArrayList<>(2);
        synchronized (this) {
            if (closed) {
                return fresh; // not cached: the caller's close closes it
            }
            Handle old = open.put(entry.path(), fresh);
            if (old != null) {
                drop.add(old);
            }
            if (open.size() > MAX) {
                Iterator<Handle> eldest = open.values().iterator();
                drop.add(eldest.next());
                eldest.remove();
            }
            fresh.users++;
        }
        drop.forEach(this::uncache);
        return fresh;
    }

    /** Forgets the cached channel of this path (it showed another file, or none): the next acquire opens it again. */
    void forget(Handle handle) {
        boolean removed;
        synchronized (this) {
            removed = open.remove(handle.path, handle);
        }
        if (removed) {
            uncache(handle);
        }
    }

    /** Closes what was not read for {@link #IDLE_MILLIS}. */
    void closeIdle() {
        long now = clock.getAsLong();
        List<Handle> drop = new ArrayList<>();
        synchronized (this) {
            open.values().removeIf(h -> {
                boolean idle = now - h.lastUsedMillis > IDLE_MILLIS;
                if (idle) {
                    drop.add(h);
                }
                return idle;
            });
        }
        drop.forEach(this::uncache);
    }

    /** @return how many files are open in the cache */
    synchronized int size() {
        return open.size();
    }

    private Handle openFile(FileEntry entry) throws IOException {
        Path file;
        try {
            file = files.resolve(entry.path());
        } catch (UnsafePathException e) {
            return null;
        }
        FileStamp.Opened opened = FileStamp.openRead(file);
        return opened == null ? null
                : new Handle(entry.path(), file, opened.channel(), opened.stamp(), entry.sequence());
    }

    /** Drops the cache's hold of a handle it no longer maps. */
    private void uncache(Handle handle) {
        release(handle);
    }

    private void release(Handle handle) {
        boolean last;
        synchronized (this) {
            last = --handle.users == 0;
        }
        if (last) {
            try {
                handle.channel.close();
            } catch (IOException e) {
                // a read channel: nothing was lost
            }
        }
    }

    @Override
    public void close() {
        List<Handle> drop;
        synchronized (this) {
            closed = true;
            drop = new ArrayList<>(open.values());
            open.clear();
        }
        drop.forEach(this::uncache);
    }
}
