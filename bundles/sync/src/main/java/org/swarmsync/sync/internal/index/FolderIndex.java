package org.swarmsync.sync.internal.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;
import org.swarmsync.sync.internal.model.ContentHash;
import org.swarmsync.sync.internal.model.EntryType;
import org.swarmsync.sync.internal.model.FileEntry;
import org.swarmsync.sync.internal.model.Hash256;
import org.swarmsync.sync.internal.model.RelativePath;

/**
 * A folder's index, one H2 MVStore file per folder: what this device has (local entries,
 * each at a local sequence number), what each remote device announced, where local blocks
 * lie, and how far interrupted downloads got.
 *
 * <h2>Commits</h2>
 * Nothing is written to the file until {@link #commit()}: the store is opened with no
 * background writer and no memory-pressure commit, so it never commits on its own. Every
 * mutating method leaves the maps consistent when it returns (an entry, its sequence slot
 * and its block lookups change together, under one lock that {@code commit} also takes),
 * so any commit is a consistent state, and after a crash the index is exactly the last
 * commit. Callers commit at their own consistent points: the scanner every 1,000 changes or
 * 256 MiB hashed and at the end of a scan; a session after applying a batch of remote
 * entries; the puller after placing files ({@link #commitIfDue()} keeps that to one commit
 * a second). {@link #close()} commits what is pending. A commit does not force the file to
 * the disk; {@link #sync()} does (the scanner calls it after a scan that changed something).
 * Every 64th commit also rewrites sparse chunks, the work the background writer would do.
 *
 * <p>The local sequence is not stored apart: it is the highest sequence slot, which always
 * belongs to the latest change, so it cannot fall out of step with the entries. Local
 * entries are therefore never removed, only replaced (a deletion is a tombstone).
 *
 * <h2>Threads</h2>
 * Reads take no lock and may run beside a writer; each read sees one map as of some
 * moment. Writes are serialised.
 */
public final class FolderIndex implements AutoCloseable {

    /** Layout of the maps in the file; raised when it changes incompatibly. */
    static final long STORE_FORMAT = 1;

    private static final String META = "meta";
    private static final String LOCAL = "local";
    private static final String LOCAL_BY_SEQUENCE = "local.bySequence";
    private static final String BLOCKS = "blocks";
    private static final String RESUME = "resume";
    private static final String REMOTE_SEQUENCES = "remote.sequences";
    private static final String REMOTE_PREFIX = "remote.device.";
    private static final String KEY_FORMAT = "format";
    private static final String KEY_DEVICE = "device";
    /** Commits between two attempts to rewrite sparse chunks (the background writer that would do it is off). */
    private static final int COMMITS_PER_COMPACTION = 64;
    /** Below this share of live data in the file's chunks, compaction rewrites them. */
    private static final int TARGET_FILL_RATE = 50;
    /** Least time between two commits by {@link #commitIfDue()}. */
    public static final long COMMIT_INTERVAL_MILLIS = 1000;
    /** Most time {@link #close()} spends shrinking the file. */
    private static final int CLOSE_COMPACT_MILLIS = 200;

    private final Path file;
    private final MVStore store;
    private final MVMap<String, Long> meta;
    private final MVMap<String, byte[]> local;
    private final MVMap<Long, String> localBySequence;
    private final BlockLookup blocks;
    private final MVMap<String, byte[]> resume;
    private final MVMap<Long, Long> remoteSequences;
    private final Map<Long, MVMap<String, byte[]>> remotes = new ConcurrentHashMap<>();
    private final DecodedEntries decodedLocal = new DecodedEntries();
    private final Object writeLock = new Object();
    private final long device;
    private volatile long sequence;
    private int commitsSinceCompaction;
    private long lastCommitNanos = System.nanoTime();

    private FolderIndex(Path file, MVStore store) throws IOException {
        this.file = file;
        this.store = store;
        meta = store.openMap(META, new MVMap.Builder<String, Long>().keyType(StringDataType.INSTANCE)
                .valueType(LongDataType.INSTANCE));
        local = store.openMap(LOCAL, entryMap());
        localBySequence = store.openMap(LOCAL_BY_SEQUENCE, new MVMap.Builder<Long, String>()
                .keyType(LongDataType.INSTANCE).valueType(StringDataType.INSTANCE));
        blocks = new BlockLookup(store.openMap(BLOCKS, new MVMap.Builder<byte[], Long>()
                .keyType(BytesKeyType.INSTANCE).valueType(LongDataType.INSTANCE)));
        resume = store.openMap(RESUME, entryMap());
        remoteSequences = store.openMap(REMOTE_SEQUENCES, new MVMap.Builder<Long, Long>()
                .keyType(LongDataType.INSTANCE).valueType(LongDataType.INSTANCE));
        Long format = meta.get(KEY_FORMAT);
        if (format == null) {
            device = newDeviceId();
            meta.put(KEY_FORMAT, STORE_FORMAT);
            meta.put(KEY_DEVICE, device);
            store.commit();
        } else if (format != STORE_FORMAT) {
            throw new IOException("index " + file + " has format " + format + "; this version reads format "
                    + STORE_FORMAT);
        } else {
            device = meta.get(KEY_DEVICE);
        }
        // The latest local change always holds the highest sequence slot, so the counter
        // needs no map of its own and cannot fall out of step with the entries.
        Long last = localBySequence.isEmpty() ? null : localBySequence.lastKey();
        sequence = last == null ? 0 : last;
    }

    /**
     * Opens the index in {@code file}, creating it (with a new random device id) if it does
     * not exist. The directory must exist: a missing one is more likely an unmounted disk
     * than a new folder. Only one process may hold the file open.
     *
     * @throws IOException if the directory is missing, the file is locked, unreadable or of
     *         another format
     */
    public static FolderIndex open(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new NoSuchFileException(String.valueOf(parent), null, "the index's directory does not exist");
        }
        MVStore store;
        try {
            store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().autoCommitBufferSize(0)
                    .open();
        } catch (MVStoreException e) {
            throw new IOException("index " + file + " cannot be opened: " + e.getMessage(), e);
        }
        try {
            return new FolderIndex(file, store);
        } catch (IOException | RuntimeException e) {
            store.closeImmediately();
            throw e;
        }
    }

    private static MVMap.Builder<String, byte[]> entryMap() {
        return new MVMap.Builder<String, byte[]>().keyType(StringDataType.INSTANCE)
                .valueType(ByteArrayDataType.INSTANCE);
    }

    private static long newDeviceId() {
        SecureRandom random = new SecureRandom();
        long id;
        do {
            id = random.nextLong();
        } while (id == 0);
        return id;
    }

    /** @return this index's device id: random, non-zero, fixed for the life of the file */
    public long localDevice() {
        return device;
    }

    /** @return the sequence number of the latest local change, 0 before the first */
    public long localSequence() {
        return sequence;
    }

    // ---- local entries ----------------------------------------------------------------

    /** @return the local entry at {@code path}, tombstones included */
    public Optional<FileEntry> local(RelativePath path) {
        String key = path.text();
        byte[] bytes = local.get(key);
        return bytes == null ? Optional.empty() : Optional.of(decodedLocal.decode(key, bytes));
    }

    /**
     * Records a local change at the next local sequence number, replacing the path's entry,
     * its sequence slot and its block lookups. The version is stored as given: whoever
     * changed the file bumps it.
     *
     * @return the entry as recorded, with its sequence number
     * @throws EntryFormatException if the entry's layout is wrong; the index is then untouched
     */
    public FileEntry putLocal(FileEntry entry) {
        synchronized (writeLock) {
            return record(local(entry.path()).orElse(null), entry);
        }
    }

    /**
     * Records {@code entry} as {@link #putLocal} does, but only if the path's local entry is
     * still the one recorded at {@code expectedSequence} (0: still absent), so a change
     * computed from a stale reading cannot overwrite a newer one.
     *
     * @return the entry as recorded, or empty if the path's entry had changed
     */
    public Optional<FileEntry> replaceLocal(long expectedSequence, FileEntry entry) {
        synchronized (writeLock) {
            FileEntry current = local(entry.path()).orElse(null);
            long currentSequence = current == null ? 0 : current.sequence();
            if (currentSequence != expectedSequence) {
                return Optional.empty();
            }
            return Optional.of(record(current, entry));
        }
    }

    private FileEntry record(FileEntry old, FileEntry entry) {
        long next = sequence + 1;
        FileEntry stored = entry.withSequence(next);
        // Encode first: a bad entry fails here, before any map is touched.
        byte[] bytes = EntryBytes.encode(stored);
        String key = stored.path().text();
        if (old != null) {
            localBySequence.remove(old.sequence());
            blocks.remove(old);
        }
        local.put(key, bytes);
        localBySequence.put(next, key);
        blocks.add(stored);
        sequence = next;
        byte[] pending = resume.get(key);
        if (pending != null && stored.type() == EntryType.FILE && !stored.deleted()
                && ContentHash.of(stored).matches(Arrays.copyOf(pending, Hash256.LENGTH))) {
            resume.remove(key); // the download it described is in place
        }
        return stored;
    }

    /** @return every local entry, tombstones included, in path order, decoded lazily */
    public Stream<FileEntry> localEntries() {
        return Cursors.stream(local.cursor(null), (path, bytes) -> EntryBytes.decode(bytes));
    }

    /** @return the local entries at {@code top} and beneath it, in path order */
    public Stream<FileEntry> localEntriesUnder(RelativePath top) {
        String text = top.text();
        String below = text + "/";
        return Cursors.stream(local.cursor(text), (path, bytes) -> {
            if (!path.startsWith(text)) {
                return Cursors.STOP;
            }
            // "a/b-c" sorts between "a/b" and "a/b/c": same prefix, not beneath.
            return path.equals(text) || path.startsWith(below) ? EntryBytes.decode(bytes) : null;
        });
    }

    /**
     * The index delta for a peer that has seen up to {@code afterSequence}: each path's
     * current entry if it was recorded later, in ascending sequence order, each once. An
     * entry recorded while the stream runs is left for the next delta.
     */
    public Stream<FileEntry> localSince(long afterSequence) {
        if (afterSequence == Long.MAX_VALUE) {
            return Stream.empty();
        }
        return Cursors.stream(localBySequence.cursor(afterSequence + 1), (at, path) -> {
            byte[] bytes = local.get(path);
            if (bytes == null) {
                return null;
            }
            FileEntry entry = EntryBytes.decode(bytes);
            return entry.sequence() == at ? entry : null;
        });
    }

    // ---- remote entries ---------------------------------------------------------------

    /**
     * Records what {@code remoteDevice} announced for a path, as received (its sequence is
     * the remote's), and raises the highest sequence received from it.
     *
     * @throws EntryFormatException if the entry's layout is wrong
     * @throws IllegalArgumentException if the device is this one
     */
    public void putRemote(long remoteDevice, FileEntry entry) {
        if (remoteDevice == device) {
            throw new IllegalArgumentException("a remote device claims this device's id");
        }
        byte[] bytes = EntryBytes.encode(entry);
        synchronized (writeLock) {
            remoteMap(remoteDevice, true).put(entry.path().text(), bytes);
            Long highest = remoteSequences.get(remoteDevice);
            if (highest == null || entry.sequence() > highest) {
                remoteSequences.put(remoteDevice, entry.sequence());
            }
        }
    }

    /** @return what {@code remoteDevice} last announced for {@code path} */
    public Optional<FileEntry> remote(long remoteDevice, RelativePath path) {
        MVMap<String, byte[]> map = remoteMap(remoteDevice, false);
        byte[] bytes = map == null ? null : map.get(path.text());
        return bytes == null ? Optional.empty() : Optional.of(EntryBytes.decode(bytes));
    }

    /** @return everything {@code remoteDevice} announced, in path order */
    public Stream<FileEntry> remoteEntries(long remoteDevice) {
        MVMap<String, byte[]> map = remoteMap(remoteDevice, false);
        return map == null ? Stream.empty() : Cursors.stream(map.cursor(null), (path, bytes) -> EntryBytes.decode(bytes));
    }

    /** @return the highest sequence received from {@code remoteDevice}, 0 if none: ask it for what follows */
    public long remoteSequence(long remoteDevice) {
        Long highest = remoteSequences.get(remoteDevice);
        return highest == null ? 0 : highest;
    }

    /** @return the remote devices this index holds entries from */
    public Set<Long> remoteDevices() {
        return Set.copyOf(remoteSequences.keySet());
    }

    /** Forgets everything {@code remoteDevice} announced (e.g. it was removed from the folder). */
    public void dropRemote(long remoteDevice) {
        synchronized (writeLock) {
            MVMap<String, byte[]> map = remoteMap(remoteDevice, false);
            if (map != null) {
                remotes.remove(remoteDevice);
                store.removeMap(map);
            }
            remoteSequences.remove(remoteDevice);
        }
    }

    private MVMap<String, byte[]> remoteMap(long remoteDevice, boolean create) {
        MVMap<String, byte[]> map = remotes.get(remoteDevice);
        if (map != null) {
            return map;
        }
        String name = REMOTE_PREFIX + String.format("%016x", remoteDevice);
        if (!create && !store.hasMap(name)) {
            return null;
        }
        return remotes.computeIfAbsent(remoteDevice, d -> store.openMap(name, entryMap()));
    }

    // ---- block lookup -----------------------------------------------------------------

    /**
     * @return a local file that held a block with this hash when last scanned or placed;
     *         verify the bytes read from it before use
     */
    public Optional<BlockLocation> findBlock(Hash256 hash) {
        return blocks.find(hash);
    }

    /** @return up to {@code max} local places holding a block with this hash */
    public List<BlockLocation> findBlocks(Hash256 hash, int max) {
        return blocks.findAll(hash, max);
    }

    // ---- resume state -----------------------------------------------------------------

    /**
     * Records which blocks of the download of {@code path} towards content {@code target}
     * (see {@link ContentHash}) are verified and written into its temporary file. Write the
     * temporary file to the disk ({@code FileChannel.force}) before committing this, or a
     * power cut may leave the index claiming blocks the file lacks. It replaces any state
     * for another target, and is dropped when a local entry with that content is recorded.
     */
    public void putResume(RelativePath path, Hash256 target, BitSet done) {
        byte[] bits = done.toByteArray();
        byte[] value = Arrays.copyOf(target.toBytes(), Hash256.LENGTH + bits.length);
        System.arraycopy(bits, 0, value, Hash256.LENGTH, bits.length);
        synchronized (writeLock) {
            resume.put(path.text(), value);
        }
    }

    /** @return the blocks already in place for a download of {@code path} towards {@code target}; empty if none or for another target */
    public Optional<BitSet> resume(RelativePath path, Hash256 target) {
        byte[] value = resume.get(path.text());
        if (value == null || value.length < Hash256.LENGTH || !target.matches(Arrays.copyOf(value, Hash256.LENGTH))) {
            return Optional.empty();
        }
        return Optional.of(BitSet.valueOf(Arrays.copyOfRange(value, Hash256.LENGTH, value.length)));
    }

    /** Forgets the download state of {@code path} (e.g. the download was abandoned). */
    public void clearResume(RelativePath path) {
        synchronized (writeLock) {
            resume.remove(path.text());
        }
    }

    /** @return the paths with download state, e.g. to clean up temporary files no longer wanted */
    public Set<RelativePath> resumePaths() {
        return Set.copyOf(resume.keySet().stream().map(RelativePath::of).toList());
    }

    // ---- lifecycle --------------------------------------------------------------------

    /**
     * Makes everything recorded so far the state a reopen (even after a crash) will find.
     *
     * @return the store version committed
     */
    public long commit() {
        synchronized (writeLock) {
            lastCommitNanos = System.nanoTime();
            long version = store.commit();
            if (++commitsSinceCompaction >= COMMITS_PER_COMPACTION) {
                commitsSinceCompaction = 0;
                // Rewrites the live pages of mostly-dead chunks so they can be reused; itself
                // a commit, of a state that is consistent because we hold the write lock.
                store.compact(TARGET_FILL_RATE, 4 << 20);
            }
            return version;
        }
    }

    /**
     * Commits if the last commit is at least {@link #COMMIT_INTERVAL_MILLIS} old: for callers
     * recording many small changes, such as the puller after each file it places. Every
     * commit writes the pages it changed anew, and the store keeps old pages for 45 seconds
     * (so a reader or a crash always finds a whole version), so committing after each of
     * hundreds of changes a second would grow the file by tens of megabytes.
     *
     * @return whether it committed
     */
    public boolean commitIfDue() {
        synchronized (writeLock) {
            if (System.nanoTime() - lastCommitNanos < COMMIT_INTERVAL_MILLIS * 1_000_000) {
                return false;
            }
            commit();
            return true;
        }
    }

    /** Forces committed state to the disk, so it survives a power cut too. */
    public void sync() {
        synchronized (writeLock) {
            store.sync();
        }
    }

    /** @return whether something was recorded since the last commit */
    public boolean hasUncommittedChanges() {
        return store.hasUnsavedChanges();
    }

    /** Commits what is pending, compacts briefly and closes the file. Idempotent. */
    @Override
    public void close() {
        synchronized (writeLock) {
            if (!store.isClosed()) {
                store.close(CLOSE_COMPACT_MILLIS);
            }
        }
    }

    /** Drops the file without committing: what a crash does. For tests. */
    void simulateCrash() {
        synchronized (writeLock) {
            store.closeImmediately();
        }
    }

    @Override
    public String toString() {
        return "FolderIndex[" + file + ", device " + Long.toHexString(device) + ", sequence " + sequence + "]";
    }
}
