package org.swarmsync.sync.internal.scan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swarmsync.sync.internal.index.EntryBytes;
import org.swarmsync.sync.internal.model.EntryType;
import org.swarmsync.sync.internal.model.RelativePath;

/**
 * Walks a folder, or a part of it, without following links: what is there, and which
 * directories could not be read (whose contents must then be kept as they were, not taken
 * for deleted). Skips the folder's own {@code .sync/} directory, ignored paths, and what
 * cannot be synced (sockets, devices, names that are not valid relative paths).
 */
final class TreeWalker {

    private static final Logger LOG = LoggerFactory.getLogger(TreeWalker.class);

    /** What one walk found. */
    record Walk(List<Observation> seen, Set<RelativePath> unreadable, int skipped) {
    }

    private final Predicate<RelativePath> ignored;

    TreeWalker(Predicate<RelativePath> ignored) {
        this.ignored = ignored;
    }

    /** @return whether the path is the folder's own directory or lies inside it */
    static boolean isInternal(RelativePath path) {
        String text = path.text();
        return text.equals(FolderMarker.SYNC_DIRECTORY) || text.startsWith(FolderMarker.SYNC_DIRECTORY + "/");
    }

    /** @return whether the path or one of the directories holding it is ignored */
    boolean isIgnored(RelativePath path) {
        for (RelativePath at = path; at != null; at = at.parent().orElse(null)) {
            if (ignored.test(at)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param base the folder's real path
     * @param start where to walk from, or null for the whole folder
     */
    Walk walk(Path base, RelativePath start) throws IOException {
        List<Observation> seen = new ArrayList<>();
        Set<RelativePath> unreadable = new HashSet<>();
        int[] skipped = {0};
        IOException[] fatal = {null};
        Path from = start == null ? base : start.resolveIn(base);
        if (start != null && !Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
            return new Walk(seen, unreadable, 0);
        }
        boolean posix = Files.getFileAttributeView(base, PosixFileAttributeView.class) != null;
        Files.walkFileTree(from, EnumSet.noneOf(java.nio.file.FileVisitOption.class), Integer.MAX_VALUE,
                new FileVisitor<Path>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        if (dir.equals(base)) {
                            return FileVisitResult.CONTINUE;
                        }
                        RelativePath path = relative(base, dir);
                        if (path == null || isInternal(path) || ignored.test(path)) {
                            skipped[0] += path == null ? 1 : 0;
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        addObservation(dir, path);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        RelativePath path = relative(base, file);
                        if (path == null || isInternal(path) || ignored.test(path)) {
                            skipped[0] += path == null ? 1 : 0;
                            return FileVisitResult.CONTINUE;
                        }
                        addObservation(file, path);
                        return FileVisitResult.CONTINUE;
                    }

                    private void addObservation(Path file, RelativePath path) {
                        try {
                            Observation observed = observe(file, path, posix);
                            if (observed == null) {
                                skipped[0]++;
                            } else {
                                seen.add(observed);
                            }
                        } catch (NoSuchFileException gone) {
                            // Vanished between listing and stat: it is not there.
                        } catch (IOException e) {
                            LOG.warn("cannot read {}, keeping what the index has: {}", path, e.toString());
                            unreadable.add(path);
                        }
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        if (e instanceof NoSuchFileException) {
                            return FileVisitResult.CONTINUE;
                        }
                        if (file.equals(base) || file.equals(from)) {
                            fatal[0] = e;
                            return FileVisitResult.TERMINATE;
                        }
                        RelativePath path = relative(base, file);
                        if (path == null) {
                            skipped[0]++;
                            return FileVisitResult.CONTINUE;
                        }
                        if (isInternal(path) || ignored.test(path)) {
                            return FileVisitResult.CONTINUE;
                        }
                        LOG.warn("cannot read {}, keeping what the index has under it: {}", path, e.toString());
                        addObservation(file, path); // it exists, even if it cannot be listed
                        unreadable.add(path);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                        if (e == null) {
                            return FileVisitResult.CONTINUE;
                        }
                        if (dir.equals(base) || dir.equals(from)) {
                            fatal[0] = e;
                            return FileVisitResult.TERMINATE;
                        }
                        RelativePath path = relative(base, dir);
                        if (path != null) {
                            LOG.warn("listing {} failed, keeping what the index has under it: {}", path, e.toString());
                            unreadable.add(path);
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
        if (fatal[0] != null) {
            throw new IOException("cannot list " + from + "; not scanning it: " + fatal[0], fatal[0]);
        }
        return new Walk(seen, unreadable, skipped[0]);
    }

    private static RelativePath relative(Path base, Path file) {
        try {
            return RelativePath.between(base, file);
        } catch (IllegalArgumentException e) {
            LOG.warn("skipping {}: its name cannot be synced ({})", file, e.getMessage());
            return null;
        }
    }

    /**
     * One stat, links not followed.
     *
     * @return what is at {@code file}, or null if it is something that is not synced
     */
    static Observation observe(Path file, RelativePath path, boolean posix) throws IOException {
        BasicFileAttributes attrs = posix
                ? Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                : Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        long modified = attrs.lastModifiedTime().toMillis();
        if (attrs.isSymbolicLink()) {
            String target = Files.readSymbolicLink(file).toString();
            if (target.isEmpty() || target.getBytes(StandardCharsets.UTF_8).length > EntryBytes.MAX_TARGET_BYTES) {
                LOG.warn("skipping link {}: its target is empty or longer than {} bytes", path,
                        EntryBytes.MAX_TARGET_BYTES);
                return null;
            }
            return new Observation(path, EntryType.SYMLINK, 0, modified, 0, target);
        }
        int permissions = posix ? bits(((PosixFileAttributes) attrs).permissions()) : 0;
        if (attrs.isDirectory()) {
            return new Observation(path, EntryType.DIRECTORY, 0, modified, permissions, "");
        }
        if (attrs.isRegularFile()) {
            return new Observation(path, EntryType.FILE, attrs.size(), modified, permissions, "");
        }
        return null;
    }

    /** @return the 0777 bits of a permission set (owner read is 0400, others execute 0001) */
    static int bits(Set<PosixFilePermission> permissions) {
        int bits = 0;
        for (PosixFilePermission permission : permissions) {
            bits |= 1 << (8 - permission.ordinal());
        }
        return bits;
    }
}
