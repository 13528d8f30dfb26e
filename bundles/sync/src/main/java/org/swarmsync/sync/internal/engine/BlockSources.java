package org.swarmsync.sync.internal.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.swarmsync.sync.internal.index.FolderIndex;
import org.swarmsync.sync.internal.model.Block;
import org.swarmsync.sync.internal.model.ContentHash;
import org.swarmsync.sync.internal.model.EntryType;
import org.swarmsync.sync.internal.model.FileEntry;
import org.swarmsync.sync.internal.model.Hash256;
import org.swarmsync.sync.internal.model.RelativePath;

/**
 * The connected peers that can give us the blocks of one file: those that announced this
 * very content for the path (they have every block), and those whose entry for the path
 * holds some of the blocks (an older version that shares them). Read-only peers count: they
 * announce only what they received from writers. Requests are spread over the candidates in
 * turn, and the candidates are read again as peers come and go.
 */
final class BlockSources {

    /** How often the candidates are read again even if no peer came, went or announced anything. */
    private static final long REFRESH_NANOS = 2_000_000_000L;

    private final FolderIndex index;
    private final RelativePath path;
    private final Hash256 content;
    private final PeerRegistry registry;
    private final List<PeerLink> full = new ArrayList<>();
    private final Map<PeerLink, Set<Hash256>> partial = new HashMap<>();
    private long generation = -1;
    private long refreshedNanos;
    private int turn;

    BlockSources(FolderIndex index, RelativePath path, Hash256 content, PeerRegistry registry) {
        this.index = index;
        this.path = path;
        this.content = content;
        this.registry = registry;
        refresh();
    }

    /** Reads the candidates again: peers come and go, and announce new versions, during a long download. */
    private void refresh() {
        generation = registry.generation();
        refreshedNanos = System.nanoTime();
        full.clear();
        partial.clear();
        for (PeerLink link : registry.links()) {
            if (!link.session.isOpen()) {
                continue;
            }
            FileEntry entry = index.remote(link.device(), path).orElse(null);
            if (entry == null || entry.deleted() || entry.type() != EntryType.FILE || entry.blocks().isEmpty()) {
                continue;
            }
            if (ContentHash.of(entry).equals(content)) {
                full.add(link);
            } else {
                Set<Hash256> hashes = new HashSet<>();
                for (Block block : entry.blocks()) {
                    hashes.add(block.hash());
                }
                partial.put(link, hashes);
            }
        }
    }

    /**
     * @param hash the block wanted
     * @param tried peers that failed to give it already
     * @return the next open peer that should have it and has not failed, or null if none is left
     */
    PeerLink pick(Hash256 hash, Set<PeerLink> tried) {
        if (registry.generation() != generation || System.nanoTime() - refreshedNanos > REFRESH_NANOS) {
            refresh();
        }
        List<PeerLink> candidates = candidates(hash, tried);
        if (candidates.isEmpty() && System.nanoTime() - refreshedNanos > REFRESH_NANOS / 40) {
            refresh(); // one last look before calling it unavailable
            candidates = candidates(hash, tried);
        }
        if (candidates.isEmpty()) {
            return null;
        }
        return candidates.get(Math.floorMod(turn++, candidates.size()));
    }

    private List<PeerLink> candidates(Hash256 hash, Set<PeerLink> tried) {
        List<PeerLink> candidates = new ArrayList<>(full.size() + partial.size());
        for (PeerLink link : full) {
            if (link.session.isOpen() && (tried == null || !tried.contains(link))) {
                candidates.add(link);
            }
        }
        partial.forEach((link, hashes) -> {
            if (link.session.isOpen() && hashes.contains(hash) && (tried == null || !tried.contains(link))) {
                candidates.add(link);
            }
        });
        return candidates;
    }
}
