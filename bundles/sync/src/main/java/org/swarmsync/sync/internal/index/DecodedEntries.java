package org.swarmsync.sync.internal.index;

import java.util.concurrent.atomic.AtomicReferenceArray;
import org.swarmsync.sync.internal.model.FileEntry;

/**
 * The decoded form of a few large stored entries, kept so that reading the same entry again
 * does not decode all its block hashes again. A peer fetching a large file asks for its blocks
 * one by one, and each request looks the entry up: serving a 1 GiB file of 1,024 blocks decoded
 * a million hashes, half a CPU second (bench/README.md, "Sixth session").
 *
 * <p>An entry is found by the stored byte array itself, not by its path: the index never
 * changes an array it stored, it only stores another, so the same array always means the same
 * entry, and a changed entry can never be answered from here. Direct-mapped by path, bounded,
 * without locks; a miss only costs the decode it would have cost anyway.
 */
final class DecodedEntries {

    /** Entries with fewer blocks decode about as fast as they are found here. */
    static final int MIN_BLOCKS = 64;
    /** Entries with more blocks are decoded each time: each slot then holds at most ~1 MB. */
    static final int MAX_BLOCKS = 8192;
    private static final int SLOTS = 8;

    private record Slot(byte[] stored, FileEntry entry) {
    }

    private final AtomicReferenceArray<Slot> slots = new AtomicReferenceArray<>(SLOTS);

    /**
     * @param key the entry's key in its map
     * @param stored the bytes stored under it
     * @return the entry those bytes hold
     * @throws EntryFormatException if they hold none
     */
    FileEntry decode(String key, byte[] stored) {
        int slot = (key.hashCode() ^ key.hashCode() >>> 16) & (SLOTS - 1);
        Slot kept = slots.get(slot);
        if (kept != null && kept.stored == stored) {
            return kept.entry;
        }
        FileEntry entry = EntryBytes.decode(stored);
        int blocks = entry.blocks().size();
        if (blocks >= MIN_BLOCKS && blocks <= MAX_BLOCKS) {
            slots.set(slot, new Slot(stored, entry));
        }
        return entry;
    }
}
