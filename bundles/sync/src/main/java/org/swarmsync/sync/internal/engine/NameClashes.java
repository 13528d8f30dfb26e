package org.swarmsync.sync.internal.engine;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swarmsync.sync.internal.model.RelativePath;

/**
 * Keeps a peer's name from landing beside one that differs from it only in upper/lower case
 * or in Unicode normalisation ({@code Readme.md} and {@code README.md}; {@code é} composed
 * and decomposed). Many file systems (macOS, Windows) would merge such names into one file,
 * so, as Syncthing does by default, the second name is never applied, on any file system:
 * it is reported until someone renames one of them. Nothing is merged silently.
 */
final class NameClashes {

    private static final Logger LOG = LoggerFactory.getLogger(NameClashes.class);

    private final Path root;
    private final Map<RelativePath, String> clashes = new ConcurrentHashMap<>();

    NameClashes(Path root) {
        this.root = root;
    }

    /**
     * Drops from a plan the needs that would create a clashing name, and what lies under a
     * dropped directory, and records why.
     *
     * @param needs the plan's needs, in any order
     * @param evaluated the paths the plan looked at, or null for every path: clashes recorded
     *        for them before and not found again are over
     * @return the needs to apply
     */
    List<Need> filter(List<Need> needs, Collection<RelativePath> evaluated) {
        Map<RelativePath, Map<String, Set<String>>> directories = new HashMap<>();
        Set<RelativePath> dropped = new HashSet<>();
        Map<RelativePath, String> found = new HashMap<>();
        List<Need> sorted = new ArrayList<>(needs);
        sorted.sort(Comparator.comparing(Need::path)); // parents first, the same winner every time
        List<Need> kept = new ArrayList<>(needs.size());
        for (Need need : sorted) {
            if (underDropped(need.path(), dropped)) {
                dropped.add(need.path());
                continue;
            }
            if (createsName(need.kind()) && clashes(need.path(), directories, found)) {
                dropped.add(need.path());
                continue;
            }
            kept.add(need);
        }
        if (evaluated == null) {
            clashes.keySet().retainAll(found.keySet());
        } else {
            evaluated.forEach(clashes::remove);
        }
        found.forEach((path, why) -> {
            if (clashes.put(path, why) == null) {
                LOG.warn("{}: {}", path, why);
            }
        });
        return kept;
    }

    /**
     * Checks the path and each directory on its way that the need would create, from the
     * root down, against the names already there or planned; records the names it adds.
     *
     * @return whether a name clashes (recorded in {@code found} under {@code path})
     */
    private boolean clashes(RelativePath path, Map<RelativePath, Map<String, Set<String>>> directories,
            Map<RelativePath, String> found) {
        List<RelativePath> way = new ArrayList<>();
        for (RelativePath at = path; at != null; at = at.parent().orElse(null)) {
            way.add(0, at);
        }
        for (RelativePath at : way) {
            String name = at.name();
            Set<String> names = directories.computeIfAbsent(at.parent().orElse(null), this::namesOnDisk)
                    .computeIfAbsent(fold(name), f -> new HashSet<>());
            if (!names.contains(name)) {
                Optional<String> other = names.stream().findFirst();
                if (other.isPresent()) {
                    String why = describe(name, other.get());
                    found.put(path, at.equals(path) ? why : "its directory \"" + at.text() + "\": " + why);
                    return true;
                }
                names.add(name);
            }
        }
        return false;
    }

    /** @return the paths not applied because of a clash, each with why */
    Map<RelativePath, String> current() {
        return Map.copyOf(clashes);
    }

    /** @return the form under which two names count as the same */
    static String fold(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    private static boolean createsName(Need.Kind kind) {
        return kind == Need.Kind.FILE || kind == Need.Kind.DIRECTORY || kind == Need.Kind.SYMLINK;
    }

    private static boolean underDropped(RelativePath path, Set<RelativePath> dropped) {
        for (RelativePath at = path.parent().orElse(null); at != null; at = at.parent().orElse(null)) {
            if (dropped.contains(at)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(String ours, String theirs) {
        boolean normalisation = Normalizer.normalize(ours, Normalizer.Form.NFC)
                .equals(Normalizer.normalize(theirs, Normalizer.Form.NFC));
        return "a peer's name differs from \"" + theirs + "\" here only in "
                + (normalisation ? "Unicode normalisation" : "upper/lower case")
                + "; not applied, since many file systems would merge the two: rename one of them";
    }

    /** @return the names in a directory of the folder, by folded name; empty if it is not there */
    private Map<String, Set<String>> namesOnDisk(RelativePath directory) {
        Map<String, Set<String>> names = new HashMap<>();
        Path dir = directory == null ? root : directory.resolveIn(root);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return names;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                names.computeIfAbsent(fold(name), f -> new HashSet<>()).add(name);
            }
        } catch (IOException e) {
            LOG.debug("cannot list {} to look for name clashes: {}", dir, e.toString());
        }
        return names;
    }
}
