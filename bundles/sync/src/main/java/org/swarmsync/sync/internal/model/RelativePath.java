package org.swarmsync.sync.internal.model;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A path inside a folder, as peers exchange it: segments joined by {@code /}, never absolute,
 * never climbing out. Every path from the network is parsed here before anything touches
 * the disk.
 */
public final class RelativePath implements Comparable<RelativePath> {

    /** Longest segment in UTF-8 bytes (the common file system limit). */
    public static final int MAX_SEGMENT_BYTES = 255;
    /** Longest path in UTF-8 bytes. */
    public static final int MAX_PATH_BYTES = 4096;

    private final String text;

    private RelativePath(String text) {
        this.text = text;
    }

    /**
     * @param text segments joined by {@code /}
     * @return the validated path
     * @throws IllegalArgumentException naming what is wrong: empty, absolute, a {@code .} or
     *         {@code ..} segment, an empty segment, a NUL or backslash, too long
     */
    public static RelativePath of(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("path is empty");
        }
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            throw new IllegalArgumentException("path is longer than " + MAX_PATH_BYTES + " bytes");
        }
        if (text.startsWith("/")) {
            throw new IllegalArgumentException("path is absolute");
        }
        for (String segment : text.split("/", -1)) {
            checkSegment(segment);
        }
        return new RelativePath(text);
    }

    private static void checkSegment(String segment) {
        if (segment.isEmpty()) {
            throw new IllegalArgumentException("path has an empty segment");
        }
        if (segment.equals(".") || segment.equals("..")) {
            throw new IllegalArgumentException("path has a '" + segment + "' segment");
        }
        if (segment.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("path has a NUL character");
        }
        if (segment.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("path has a backslash");
        }
        if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
            throw new IllegalArgumentException("path has a segment longer than " + MAX_SEGMENT_BYTES + " bytes");
        }
    }

    /** @return the path of {@code file} relative to {@code root}, with {@code /} separators */
    public static RelativePath between(Path root, Path file) {
        Path relative = root.relativize(file);
        StringBuilder text = new StringBuilder();
        for (Path segment : relative) {
            text.append(text.length() == 0 ? "" : "/").append(segment);
        }
        return of(text.toString());
    }

    /**
     * @param root the folder, absolute and normalised
     * @return where this path lies under {@code root}
     * @throws IllegalArgumentException if it would lie anywhere else (it cannot, by
     *         construction; this is the last guard before the disk)
     */
    public Path resolveIn(Path root) {
        Path resolved = root;
        for (String segment : segments()) {
            resolved = resolved.resolve(segment);
        }
        resolved = resolved.normalize();
        if (!resolved.startsWith(root) || resolved.equals(root)) {
            throw new IllegalArgumentException("path leaves the folder");
        }
        return resolved;
    }

    public List<String> segments() {
        return List.of(text.split("/"));
    }

    /** @return the path of the directory holding this one, if it is not at the top */
    public java.util.Optional<RelativePath> parent() {
        int slash = text.lastIndexOf('/');
        return slash < 0 ? java.util.Optional.empty() : java.util.Optional.of(new RelativePath(text.substring(0, slash)));
    }

    /**
     * Whether a symbolic link at this path with this target points inside the folder, read
     * as text (nothing on the disk is looked at): relative, never above the folder's root.
     * Links that point outside are neither sent nor accepted, so a peer's link can never
     * lead a later write or read out of the folder.
     *
     * @param target the link's target as stored in the link
     * @return false for an empty or absolute target or one that climbs out
     */
    public boolean linkStaysInside(String target) {
        if (target.isEmpty() || target.startsWith("/") || target.startsWith("\\")
                || target.length() > 1 && target.charAt(1) == ':') {
            return false;
        }
        int depth = segments().size() - 1; // the link's own directory
        for (String segment : target.split("[/\\\\]")) {
            if (segment.equals("..")) {
                if (--depth < 0) {
                    return false;
                }
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                depth++;
            }
        }
        return true;
    }

    public String name() {
        return text.substring(text.lastIndexOf('/') + 1);
    }

    public String text() {
        return text;
    }

    @Override
    public int compareTo(RelativePath other) {
        return text.compareTo(other.text);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RelativePath that && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
