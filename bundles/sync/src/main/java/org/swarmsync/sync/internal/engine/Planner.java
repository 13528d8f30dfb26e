package org.swarmsync.sync.internal.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.swarmsync.sync.internal.index.FolderIndex;
import org.swarmsync.sync.internal.model.EntryType;
import org.swarmsync.sync.internal.model.FileEntry;
import org.swarmsync.sync.internal.model.Ordering;
import org.swarmsync.sync.internal.model.RelativePath;
import org.swarmsync.sync.internal.model.VersionVector;
import org.swarmsync.sync.internal.scan.FolderMarker;

/**
 * Decides what the folder needs: for each path, the newest version among the entries of
 * connected writers (concurrent ones settled by {@link ConflictRule}), compared with ours.
 * Newer than ours, or no entry of ours: we need it. Concurrent with ours: the rule picks the
 * winner; if it is ours, nothing to do (the peer will take ours); with a read-only secret the
 * writer's version always wins, since ours can never reach anyone. Same content, different
 * history: we only record the merged history.
 */
final class Planner {

    /**
     * A plan, in the order the puller applies it, and the paths held back because their names
     * clash with ours (to look at again once something changes).
     */
    record Plan(List<Need> quick, List<Need> directories, List<Need> files, List<Need> deletions,
            List<RelativePath> held) {

        int size() {
            return quick.size() + directories.size() + files.size() + deletions.size();
        }

        long bytes() {
            return files.stream().mapToLong(Need::size).sum();
        }
    }

    private final FolderIndex index;
    private final boolean readOnly;
    private final Predicate<RelativePath> ignored;
    private final NameClashes clashes;
    private final Set<RelativePath> restoring = ConcurrentHashMap.newKeySet();

    Planner(FolderIndex index, boolean readOnly, Predicate<RelativePath> ignored, NameClashes clashes) {
        this.index = index;
        this.readOnly = readOnly;
        this.ignored = ignored;
        this.clashes = clashes;
    }

    /**
     * Read-only folders: the local changes of these paths give way to the writers' version
     * at the next pass that has a writer (see {@link #decide}).
     */
    void restore(Collection<RelativePath> paths) {
        restoring.addAll(paths);
    }

    /**
     * @param writers the devices of connected writers
     * @param paths the paths to look at, or null for every path the writers announced
     */
    Plan plan(List<Long> writers, Collection<RelativePath> paths) {
        List<Need> needs = new ArrayList<>();
        if (paths != null) {
            for (RelativePath path : paths) {
                evaluate(path, writers).ifPresent(needs::add);
            }
        } else {
            Set<RelativePath> seen = writers.size() > 1 ? new HashSet<>() : null;
            for (long device : writers) {
                try (Stream<FileEntry> entries = index.remoteEntries(device)) {
                    entries.forEach(entry -> {
                        if (seen == null || seen.add(entry.path())) {
                            evaluate(entry.path(), writers).ifPresent(needs::add);
                        }
                    });
                }
            }
        }
        List<Need> kept = clashes.filter(needs, paths);
        List<RelativePath> held = List.of();
        if (kept.size() != needs.size()) {
            Set<Need> applied = new HashSet<>(kept);
            held = needs.stream().filter(need -> !applied.contains(need)).map(Need::path).toList();
        }
        return order(kept, held);
    }

    private static Plan order(List<Need> needs, List<RelativePath> held) {
        List<Need> quick = new ArrayList<>();
        List<Need> directories = new ArrayList<>();
        List<Need> files = new ArrayList<>();
        List<Need> deletions = new ArrayList<>();
        for (Need need : needs) {
            switch (need.kind()) {
                case ADOPT, METADATA -> quick.add(need);
                case DIRECTORY -> directories.add(need);
                case FILE, SYMLINK -> files.add(need);
                case DELETE -> deletions.add(need);
            }
        }
        // Parents before what they hold; small files first (many done early); deepest
        // deletions first, so a directory is empty by the time its own deletion comes, and
        // every new file was filled (perhaps from a deleted one's blocks) before any deletion.
        directories.sort(Comparator.comparing(Need::path));
        files.sort(Comparator.comparingLong(Need::size).thenComparing(Need::path));
        deletions.sort(Comparator.comparing(Need::path).reversed());
        return new Plan(quick, directories, files, deletions, held);
    }

    /** @return what {@code path} needs, if anything */
    Optional<Need> evaluate(RelativePath path, List<Long> writers) {
        if (isInternal(path) || isIgnored(path)) {
            return Optional.empty(); // a peer announcing .sync/... gets nowhere
        }
        FileEntry best = null;
        long bestDevice = 0;
        for (long device : writers) {
            FileEntry candidate = index.remote(device, path).orElse(null);
            if (candidate != null && (best == null || newer(candidate, best))) {
                best = candidate;
                bestDevice = device;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        FileEntry local = index.local(path).orElse(null);
        return decide(best, bestDevice, local);
    }

    private Optional<Need> decide(FileEntry remote, long device, FileEntry local) {
        if (local == null) {
            return remote.deleted() ? Optional.empty() : Optional.of(need(kindOf(remote), remote, device, null, false));
        }
        Ordering order = remote.version().compare(local.version());
        if (order == Ordering.OLDER && restoring(local)) {
            order = Ordering.NEWER; // the user gave up the local change: the writers' version wins
        }
        if (order == Ordering.EQUAL || order == Ordering.OLDER) {
            return Optional.empty();
        }
        boolean conflict = order == Ordering.CONCURRENT;
        if (sameContent(remote, local)) {
            return adopted(remote, local).equals(local.version()) ? Optional.empty()
                    : Optional.of(need(Need.Kind.ADOPT, remote, device, local, false));
        }
        if (conflict && !readOnly && !ConflictRule.firstWins(remote, local)) {
            return Optional.empty(); // ours wins; the peer takes ours
        }
        if (remote.deleted()) {
            return local.deleted() ? Optional.empty()
                    : Optional.of(need(Need.Kind.DELETE, remote, device, local, conflict));
        }
        if (remote.type() == EntryType.FILE && !local.deleted() && local.type() == EntryType.FILE
                && remote.size() == local.size() && remote.blocks().equals(local.blocks())) {
            return Optional.of(need(Need.Kind.METADATA, remote, device, local, false));
        }
        return Optional.of(need(kindOf(remote), remote, device, local, conflict));
    }

    /**
     * @return whether the user asked to give up this local change of a read-only folder (a
     *         path restored already leaves the set: its entry no longer carries our counter)
     */
    private boolean restoring(FileEntry local) {
        if (!readOnly || !restoring.contains(local.path())) {
            return false;
        }
        if (local.version().counters().containsKey(index.localDevice())) {
            return true;
        }
        restoring.remove(local.path());
        return false;
    }

    /** @return the version to record when we take {@code remote}'s content over {@code local} */
    VersionVector adopted(FileEntry remote, FileEntry local) {
        if (local == null || readOnly) {
            // A read-only node records the writer's version as it is: one with our counter in
            // it would never be announced again (see IndexAnnouncer).
            return remote.version();
        }
        return remote.version().merge(local.version());
    }

    private static boolean sameContent(FileEntry remote, FileEntry local) {
        if (remote.deleted() || local.deleted()) {
            return remote.deleted() && local.deleted();
        }
        return remote.sameContent(local);
    }

    private static boolean newer(FileEntry candidate, FileEntry best) {
        Ordering order = candidate.version().compare(best.version());
        return order == Ordering.NEWER || order == Ordering.CONCURRENT && ConflictRule.firstWins(candidate, best);
    }

    private static Need.Kind kindOf(FileEntry remote) {
        return switch (remote.type()) {
            case FILE -> Need.Kind.FILE;
            case DIRECTORY -> Need.Kind.DIRECTORY;
            case SYMLINK -> Need.Kind.SYMLINK;
        };
    }

    private static Need need(Need.Kind kind, FileEntry remote, long device, FileEntry local, boolean conflict) {
        return new Need(kind, remote.path(), device, remote.sequence(), local == null ? 0 : local.sequence(),
                remote.deleted() ? 0 : remote.size(), conflict);
    }

    private boolean isIgnored(RelativePath path) {
        for (RelativePath at = path; at != null; at = at.parent().orElse(null)) {
            if (ignored.test(at)) {
                return true;
            }
        }
        return false;
    }

    static boolean isInternal(RelativePath path) {
        String text = path.text();
        return text.equals(FolderMarker.SYNC_DIRECTORY) || text.startsWith(FolderMarker.SYNC_DIRECTORY + "/");
    }
}
