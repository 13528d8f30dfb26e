package org.swarmsync.sync.internal.engine;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.swarmsync.sync.internal.model.EntryType;
import org.swarmsync.sync.internal.model.FileEntry;
import org.swarmsync.sync.internal.model.RelativePath;
import org.swarmsync.sync.internal.scan.FolderMarker;

/**
 * The puller's and the block server's only way onto the disk. Every path comes from a
 * {@link RelativePath} (so it cannot climb out), and every directory on the way to it must be
 * a real directory inside the folder: a link there is never followed, for reading or writing.
 * Files are opened and examined without following links.
 *
 * <p>Overwritten and deleted files go to the archive first,
 * {@code .sync/Archive/<path>~YYYYMMDD-HHMMSS} (UTC), so no remote change loses local data.
 */
final class FolderFiles {

    /** The archive directory inside {@code .sync}. */
    static final String ARCHIVE = "Archive";
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** What a stat found, links not followed. */
    record Stat(EntryType type, long size, long modifiedMillis, int permissions, String target) {
    }

    private final Path root;
    private final boolean posix;
    private final Clock clock;

    /** @param root the folder's real path */
    FolderFiles(Path root, Clock clock) {
        this.root = root;
        this.posix = Files.getFileAttributeView(root, PosixFileAttributeView.class) != null;
        this.clock = clock;
    }

    Path root() {
        return root;
    }

    boolean posix() {
        return posix;
    }

    /**
     * @return where {@code path} lies, after checking that every directory above it is a real
     *         directory inside the folder (a missing one is fine: nothing is there to follow)
     * @throws UnsafePathException if one is a link or not a directory
     */
    Path resolve(RelativePath path) throws IOException {
        Path file = path.resolveIn(root);
        Path parent = file.getParent();
        if (!parent.equals(root)) {
            Path real;
            try {
                real = parent.toRealPath();
            } catch (NoSuchFileException e) {
                return file;
            }
            if (!real.equals(parent)) {
                throw new UnsafePathException(path + ": a directory on the way is a link; not following it");
            }
        }
        return file;
    }

    /**
     * Creates the directories above {@code path} that are missing.
     *
     * @return where {@code path} lies
     * @throws UnsafePathException if one of them is a link or a file
     */
    Path createParents(RelativePath path) throws IOException {
        Path at = root;
        java.util.List<String> segments = path.segments();
        for (int i = 0; i < segments.size() - 1; i++) {
            at = at.resolve(segments.get(i));
            Optional<Stat> stat = stat(at);
            if (stat.isEmpty()) {
                Path dir = at;
                try {
                    inWritableParent(dir, () -> Files.createDirectory(dir));
                } catch (FileAlreadyExistsException e) {
                    // made meanwhile: checked below
                }
                stat = stat(at);
            }
            if (stat.isEmpty() || stat.get().type() != EntryType.DIRECTORY) {
                throw new UnsafePathException(path + ": " + root.relativize(at) + " is not a directory");
            }
        }
        // Every directory on the way was just seen, not following links, to be a real one.
        return path.resolveIn(root);
    }

    /** @return what is at {@code file}, links not followed; empty if nothing (or something we do not sync) */
    Optional<Stat> stat(Path file) throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = posix ? Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    : Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        long modified = attrs.lastModifiedTime().toMillis();
        if (attrs.isSymbolicLink()) {
            return Optional.of(new Stat(EntryType.SYMLINK, 0, modified, 0, Files.readSymbolicLink(file).toString()));
        }
        int bits = posix ? bits(((PosixFileAttributes) attrs).permissions()) : 0;
        if (attrs.isDirectory()) {
            return Optional.of(new Stat(EntryType.DIRECTORY, 0, modified, bits, ""));
        }
        if (attrs.isRegularFile()) {
            return Optional.of(new Stat(EntryType.FILE, attrs.size(), modified, bits, ""));
        }
        return Optional.of(new Stat(null, 0, modified, 0, "")); // a socket or device: never ours to replace
    }

    /**
     * @return whether what the disk holds is what {@code local} recorded: same type, and for a
     *         file the same size and time (the scanner's fast-path test), for a link the same target
     */
    static boolean matches(Stat disk, FileEntry local) {
        if (local == null || local.deleted() || disk.type() != local.type()) {
            return false;
        }
        return switch (local.type()) {
            case FILE -> disk.size() == local.size() && disk.modifiedMillis() == local.modifiedMillis();
            case SYMLINK -> disk.target().equals(local.symlinkTarget());
            case DIRECTORY -> true;
        };
    }

    /**
     * Keeps a copy of what is at {@code file} in the archive, leaving it in place (a hard link,
     * or a copy where links are not possible), so that replacing it stays one atomic rename.
     *
     * @return the archived copy
     */
    Path archiveCopy(RelativePath path, Path file) throws IOException {
        Path target = archiveTarget(path);
        keepCopy(file, target);
        return target;
    }

    /** Moves what is at {@code file} into the archive: a remote deletion. @return where it went */
    Path archiveMove(RelativePath path, Path file) throws IOException {
        Path target = archiveTarget(path);
        inWritableParent(file, () -> Files.move(file, target, StandardCopyOption.ATOMIC_MOVE));
        return target;
    }

    /** A change of a directory's entries. */
    interface DirectoryChange {
        void run() throws IOException;
    }

    /**
     * Runs {@code change} (creating, renaming or removing {@code file}), lending the owner
     * write access to the directory holding it for that moment if its bits deny it: a
     * directory synced read-only (say {@code r-x}) must still be filled and emptied.
     */
    void inWritableParent(Path file, DirectoryChange change) throws IOException {
        Path parent = file.getParent();
        Optional<Stat> stat = posix && !parent.equals(root) ? stat(parent) : Optional.empty();
        int bits = stat.map(Stat::permissions).orElse(0);
        boolean lend = stat.isPresent() && stat.get().type() == EntryType.DIRECTORY && (bits & 0300) != 0300;
        if (!lend) {
            change.run();
            return;
        }
        Files.setPosixFilePermissions(parent, permissions(bits | 0300));
        try {
            change.run();
        } finally {
            Files.setPosixFilePermissions(parent, permissions(bits));
        }
    }

    /**
     * Keeps what is at {@code file} under {@code conflict} beside it (a hard link or a copy), for
     * the scanner to find as a new file.
     */
    void conflictCopy(Path file, RelativePath conflict) throws IOException {
        Path target = createParents(conflict);
        inWritableParent(target, () -> keepCopy(file, target));
    }

    private void keepCopy(Path file, Path target) throws IOException {
        boolean link = Files.isSymbolicLink(file);
        if (!link) {
            try {
                Files.createLink(target, file);
                return;
            } catch (UnsupportedOperationException | IOException e) {
                if (e instanceof FileAlreadyExistsException) {
                    throw (FileAlreadyExistsException) e;
                }
                // no hard links here: copy below
            }
        }
        Files.copy(file, target, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
    }

    private Path archiveTarget(RelativePath path) throws IOException {
        Path archive = FolderMarker.syncDirectory(root).resolve(ARCHIVE);
        Path base = path.resolveIn(archive);
        Files.createDirectories(base.getParent());
        String name = base.getFileName() + "~" + STAMP.format(clock.instant());
        Path target = base.resolveSibling(name);
        for (int n = 1; Files.exists(target, LinkOption.NOFOLLOW_LINKS); n++) {
            target = base.resolveSibling(name + "-" + n);
        }
        return target;
    }

    /** Sets the permission bits, where the file system has them and the bits are known. */
    void setPermissions(Path file, int bits) throws IOException {
        if (posix && bits != 0) {
            Files.setPosixFilePermissions(file, permissions(bits));
        }
    }

    /**
     * The bits to create a download's temporary file with: the wanted ones and owner write (an
     * interrupted download is reopened for writing); 0 where the bits are not ours to set.
     */
    int creationBits(int wanted) {
        return posix && wanted != 0 ? wanted | 0200 : 0;
    }

    /**
     * Gives a temporary file created with {@code createdBits} (-1: unknown) the wanted bits,
     * unless the umask already left it with exactly those.
     */
    void setPermissionsOfNew(Path file, int wanted, int createdBits) throws IOException {
        OptionalInt umask = ProcessUmask.get();
        if (createdBits > 0 && umask.isPresent() && (createdBits & ~umask.getAsInt()) == wanted) {
            return;
        }
        setPermissions(file, wanted);
    }

    static void setModified(Path file, long millis) throws IOException {
        Files.getFileAttributeView(file, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(FileTime.fromMillis(millis), null, null);
    }

    /** Sets both times: with the access time given, the JDK need not read the old one first. */
    static void setTimes(Path file, long modifiedMillis, long accessMillis) throws IOException {
        Files.getFileAttributeView(file, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(FileTime.fromMillis(modifiedMillis), FileTime.fromMillis(accessMillis), null);
    }

    /** @return the 0777 bits of a permission set (owner read is 0400, others execute 0001) */
    static int bits(Set<PosixFilePermission> permissions) {
        int bits = 0;
        for (PosixFilePermission permission : permissions) {
            bits |= 1 << (8 - permission.ordinal());
        }
        return bits;
    }

    static Set<PosixFilePermission> permissions(int bits) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission permission : PosixFilePermission.values()) {
            if ((bits & 1 << (8 - permission.ordinal())) != 0) {
                set.add(permission);
            }
        }
        return set;
    }
}
