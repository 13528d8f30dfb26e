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
 * turn.
 */
final class BlockSources {

    private final List<PeerLink> full = new ArrayList<>();
    private final Map<PeerLink, Set<Hash256>> partial = new HashMap<>();
    private int turn;

    BlockSources(FolderIndex index, RelativePath path, Hash256 content, List<PeerLink> links) {
        for (PeerLink link : links) {
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
        if (candidates.isEmpty()) {
            return null;
        }
        return candidates.get(Math.floorMod(turn++, candidates.size()));
    }

    boolean isEmpty() {
        return full.isEmpty() && partial.isEmpty();
    }
}
