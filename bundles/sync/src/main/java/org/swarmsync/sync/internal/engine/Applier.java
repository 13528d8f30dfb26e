package org.swarmsync.sync.internal.engine;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swarmsync.sync.internal.index.FolderIndex;
import org.swarmsync.sync.internal.model.EntryType;
import org.swarmsync.sync.internal.model.FileEntry;
import org.swarmsync.sync.internal.model.RelativePath;
import org.swarmsync.sync.internal.model.VersionVector;
import org.swarmsync.sync.internal.scan.TempFiles;

/**
 * Puts remote versions in place on the disk and records them in the index. Before anything on
 * the disk is replaced or removed, it must still be what our index says we have (the
 * scanner's size-and-time test); otherwise the user changed it since the last scan, and
 * nothing is touched ({@link DiskChangedException}: rescan, then decide again). What is
 * replaced or deleted goes to the archive first, or, when the remote version won a conflict
 * against different content of ours, to a conflict copy beside it. A file appears under its
 * name only complete, by an atomic rename of its temporary file; the old content is linked
 * into the archive before, so a crash at any moment leaves the old or the new file there.
 *
 * <p>After placing, the time and permissions are read back and recorded, so the scanner's
 * fast path matches and does not read the file again. Recording is a compare-and-set on our
 * entry's sequence: if the scanner recorded the path meanwhile, ours is dropped and the next
 * pass sees the difference.
 */
final class Applier {

    private static final Logger LOG = LoggerFactory.getLogger(Applier.class);

    private final FolderIndex index;
    private final FolderFiles files;
    private final Planner planner;
    private final RecentPlacements placements;
    private final Clock clock;

    Applier(FolderIndex index, FolderFiles files, Planner planner, RecentPlacements placements, Clock clock) {
        this.index = index;
        this.files = files;
        this.planner = planner;
        this.placements = placements;
        this.clock = clock;
    }

    /** Records the merged history of content we already have. */
    void adopt(FileEntry remote, FileEntry local) {
        record(local, with(local, planner.adopted(remote, local)));
    }

    void directory(Need need, FileEntry remote, FileEntry local) throws IOException {
        Path dir = files.createParents(remote.path());
        Optional<FolderFiles.Stat> disk = files.stat(dir);
        if (disk.isPresent() && disk.get().type() != EntryType.DIRECTORY) {
            moveAside(need, local, dir, disk.get());
            disk = Optional.empty();
        }
        if (disk.isEmpty()) {
            files.inWritableParent(dir, () -> Files.createDirectory(dir));
        }
        files.setPermissions(dir, remote.permissions());
        FolderFiles.Stat back = stillThere(dir, remote);
        record(local, placed(remote, local, remote.modifiedMillis(), back.permissions()));
    }

    void symlink(Need need, FileEntry remote, FileEntry local) throws IOException {
        Path link = files.createParents(remote.path());
        Optional<FolderFiles.Stat> disk = files.stat(link);
        if (disk.isEmpty() || !(disk.get().type() == EntryType.SYMLINK
                && disk.get().target().equals(remote.symlinkTarget()))) {
            Path temp = TempFiles.tempFor(files.root(), remote.path());
            TempFiles.createDirectory(files.root());
            Files.deleteIfExists(temp);
            Files.createSymbolicLink(temp, Path.of(remote.symlinkTarget()));
            install(need, local, link, disk, temp);
        }
        record(local, placed(remote, local, remote.modifiedMillis(), 0));
    }

    /**
     * Puts a complete, forced temporary file in place of {@code remote.path()}.
     *
     * @param createdBits the permission bits {@code temp} was created with (umask aside), or -1
     */
    void file(Need need, FileEntry remote, FileEntry local, Path temp, int createdBits) throws IOException {
        files.setPermissionsOfNew(temp, remote.permissions(), createdBits);
        FolderFiles.setTimes(temp, remote.modifiedMillis(), clock.millis());
        Path file = files.createParents(remote.path());
        install(need, local, file, files.stat(file), temp);
        FolderFiles.Stat back = stillThere(file, remote);
        record(local, placed(remote, local, back.modifiedMillis(), back.permissions()));
    }

    /** Only permissions or time differ: changes them in place. */
    void metadata(FileEntry remote, FileEntry local) throws IOException {
        Path file = files.resolve(remote.path());
        FolderFiles.Stat disk = files.stat(file).orElse(null);
        if (disk == null || !FolderFiles.matches(disk, local)) {
            throw new DiskChangedException(remote.path() + " changed on the disk since it was scanned");
        }
        files.setPermissions(file, remote.permissions());
        FolderFiles.setModified(file, remote.modifiedMillis());
        FolderFiles.Stat back = stillThere(file, remote);
        record(local, placed(remote, local, back.modifiedMillis(), back.permissions()));
    }

    /**
     * Applies a remote deletion: the file goes to the archive; a directory is removed only
     * when empty.
     *
     * @return false if a directory still holds something, so nothing was recorded yet
     */
    boolean delete(FileEntry remote, FileEntry local) throws IOException {
        Path file = files.resolve(remote.path());
        Optional<FolderFiles.Stat> disk = files.stat(file);
        if (disk.isPresent()) {
            if (!FolderFiles.matches(disk.get(), local)) {
                throw new DiskChangedException(remote.path() + " changed on the disk since it was scanned");
            }
            if (disk.get().type() == EntryType.DIRECTORY) {
                if (!isEmpty(file)) {
                    LOG.debug("{} is not empty; its deletion waits", remote.path());
                    return false;
                }
                files.inWritableParent(file, () -> Files.delete(file));
            } else {
                Path archived = files.archiveMove(remote.path(), file);
                LOG.debug("{} deleted by a peer; kept as {}", remote.path(), archived);
            }
        }
        FileEntry tombstone = new FileEntry(remote.path(), remote.type(), 0, remote.modifiedMillis(),
                remote.permissions(), 0, List.of(), planner.adopted(remote, local), true, "", 0);
        record(local, tombstone);
        return true;
    }

    /**
     * Renames {@code temp} over {@code target}, after keeping what is there: in the archive,
     * or as a conflict copy if our different content lost a conflict.
     */
    private void install(Need need, FileEntry local, Path target, Optional<FolderFiles.Stat> disk, Path temp)
            throws IOException {
        if (disk.isPresent()) {
            FolderFiles.Stat there = disk.get();
            if (!FolderFiles.matches(there, local)) {
                throw new DiskChangedException(need.path() + " changed on the disk since it was scanned");
            }
            if (there.type() == EntryType.DIRECTORY) {
                if (!isEmpty(target)) {
                    throw new DiskChangedException(need.path() + " is a directory that is not empty yet");
                }
                files.inWritableParent(target, () -> Files.delete(target));
            } else if (need.conflict() && there.type() == EntryType.FILE) {
                RelativePath copy = ConflictRule.conflictName(need.path(), index.localDevice(), clock.instant());
                files.conflictCopy(target, copy);
                LOG.info("conflict on {}: the other version won; ours is kept as {}", need.path(), copy);
            } else {
                files.archiveCopy(need.path(), target);
            }
        }
        files.inWritableParent(target, () -> Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE));
    }

    /** Moves a file or link out of the way of a directory. */
    private void moveAside(Need need, FileEntry local, Path path, FolderFiles.Stat there) throws IOException {
        if (!FolderFiles.matches(there, local)) {
            throw new DiskChangedException(need.path() + " changed on the disk since it was scanned");
        }
        if (need.conflict() && there.type() == EntryType.FILE) {
            RelativePath copy = ConflictRule.conflictName(need.path(), index.localDevice(), clock.instant());
            Path aside = files.createParents(copy);
            files.inWritableParent(path, () -> Files.move(path, aside, StandardCopyOption.ATOMIC_MOVE));
        } else {
            files.archiveMove(need.path(), path);
        }
    }

    private FileEntry placed(FileEntry remote, FileEntry local, long modified, int permissions) {
        int bits = files.posix() ? permissions : remote.permissions();
        return new FileEntry(remote.path(), remote.type(), remote.size(), modified, bits, remote.blockSize(),
                remote.blocks(), planner.adopted(remote, local), false, remote.symlinkTarget(), 0);
    }

    private static FileEntry with(FileEntry entry, VersionVector version) {
        return new FileEntry(entry.path(), entry.type(), entry.size(), entry.modifiedMillis(), entry.permissions(),
                entry.blockSize(), entry.blocks(), version, entry.deleted(), entry.symlinkTarget(), 0);
    }

    private void record(FileEntry local, FileEntry entry) {
        long expected = local == null ? 0 : local.sequence();
        if (index.replaceLocal(expected, entry).isEmpty()) {
            LOG.debug("{} was recorded by the scanner meanwhile; the next pass looks again", entry.path());
        } else {
            placements.add(entry.path());
        }
    }

    private FolderFiles.Stat stillThere(Path path, FileEntry remote) throws IOException {
        return files.stat(path).orElseThrow(() -> new DiskChangedException(remote.path() + " vanished"));
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            return !children.iterator().hasNext();
        }
    }
}
