package org.swarmsync.sync.internal.scan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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

    /** A directory still to list. */
    private record Pending(Path directory, RelativePath path) {
    }

    /**
     * Lists directories with one stat per entry, parents before their contents.
     *
     * @param base the folder's real path
     * @param start where to walk from, or null for the whole folder
     * @throws IOException if the folder itself cannot be listed
     */
    Walk walk(Path base, RelativePath start) throws IOException {
        List<Observation> seen = new ArrayList<>();
        Set<RelativePath> unreadable = new HashSet<>();
        int skipped = 0;
        boolean posix = Files.getFileAttributeView(base, PosixFileAttributeView.class) != null;
        Deque<Pending> pending = new ArrayDeque<>();
        if (start == null) {
            pending.push(new Pending(base, null));
        } else {
            skipped += visit(start.resolveIn(base), start, posix, seen, unreadable, pending);
        }
        while (!pending.isEmpty()) {
            Pending dir = pending.pop();
            try (DirectoryStream<Path> children = Files.newDirectoryStream(dir.directory())) {
                for (Path child : children) {
                    RelativePath path = child(dir.path(), child);
                    if (path == null) {
                        skipped++;
                    } else if (!isInternal(path) && !ignored.test(path)) {
                        skipped += visit(child, path, posix, seen, unreadable, pending);
                    }
                }
            } catch (IOException | DirectoryIteratorException e) {
                if (dir.path() == null) {
                    throw new IOException("cannot list the folder " + base + "; not scanning: " + e, e);
                }
                if (!(e instanceof NoSuchFileException)) {
                    // What was not listed must be kept, not taken for deleted.
                    LOG.warn("cannot list {}, keeping what the index has under it: {}", dir.path(), e.toString());
                    unreadable.add(dir.path());
                }
            }
        }
        return new Walk(seen, unreadable, skipped);
    }

    /** @return 1 if the path was skipped as something that cannot be synced, else 0 */
    private static int visit(Path file, RelativePath path, boolean posix, List<Observation> seen,
            Set<RelativePath> unreadable, Deque<Pending> pending) {
        Observation observed;
        try {
            observed = observe(file, path, posix);
        } catch (NoSuchFileException gone) {
            return 0; // vanished between listing and stat: it is not there
        } catch (IOException e) {
            LOG.warn("cannot read {}, keeping what the index has: {}", path, e.toString());
            unreadable.add(path);
            return 0;
        }
        if (observed == null) {
            return 1;
        }
        seen.add(observed);
        if (observed.type() == EntryType.DIRECTORY) {
            pending.push(new Pending(file, path));
        }
        return 0;
    }

    private static RelativePath child(RelativePath parent, Path file) {
        String name = file.getFileName().toString();
        try {
            return RelativePath.of(parent == null ? name : parent.text() + "/" + name);
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
        boolean wholeSeconds = attrs.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS) % 1_000_000_000L == 0;
        if (attrs.isSymbolicLink()) {
            String target = Files.readSymbolicLink(file).toString();
            if (target.isEmpty() || target.getBytes(StandardCharsets.UTF_8).length > EntryBytes.MAX_TARGET_BYTES) {
                LOG.warn("skipping link {}: its target is empty or longer than {} bytes", path,
                        EntryBytes.MAX_TARGET_BYTES);
                return null;
            }
            if (!path.linkStaysInside(target)) {
                LOG.info("not syncing link {}: its target {} is outside the folder", path, target);
                return null;
            }
            return new Observation(path, EntryType.SYMLINK, 0, modified, 0, target, wholeSeconds);
        }
        int permissions = posix ? bits(((PosixFileAttributes) attrs).permissions()) : 0;
        if (attrs.isDirectory()) {
            return new Observation(path, EntryType.DIRECTORY, 0, modified, permissions, "", wholeSeconds);
        }
        if (attrs.isRegularFile()) {
            return new Observation(path, EntryType.FILE, attrs.size(), modified, permissions, "", wholeSeconds);
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
