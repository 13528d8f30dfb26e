package org.swarmsync.sync.internal.engine;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.swarmsync.sync.internal.model.ContentHash;
import org.swarmsync.sync.internal.model.FileEntry;
import org.swarmsync.sync.internal.model.RelativePath;
import org.swarmsync.sync.internal.model.VersionVector;

/**
 * Which of two concurrent versions of a path wins, by a rule every peer computes alike from
 * the entries alone (they travel unchanged), so both sides of a conflict pick the same winner
 * and converge without talking about it:
 * <ol>
 * <li>a version that keeps the file beats a deletion (no edit is lost to a delete);</li>
 * <li>then the later modification time wins;</li>
 * <li>then the greater version vector, compared as a list of (device as unsigned, counter)
 * pairs in unsigned device order;</li>
 * <li>then the greater content hash (only equal vectors get here, which concurrent versions
 * never have).</li>
 * </ol>
 * The loser's content is kept as a conflict copy by whoever held it:
 * {@code NAME.sync-conflict-YYYYMMDD-HHMMSS-<first 7 hex digits of the device>.EXT} (UTC),
 * which that peer's scanner then announces as a new file.
 */
final class ConflictRule {

    static final String MARK = ".sync-conflict-";

    private ConflictRule() {
    }

    /** @return whether {@code a} wins over {@code b} */
    static boolean firstWins(FileEntry a, FileEntry b) {
        if (a.deleted() != b.deleted()) {
            return !a.deleted();
        }
        if (a.modifiedMillis() != b.modifiedMillis()) {
            return a.modifiedMillis() > b.modifiedMillis();
        }
        int byVector = compare(a.version(), b.version());
        if (byVector != 0) {
            return byVector > 0;
        }
        return ContentHash.of(a).compareTo(ContentHash.of(b)) >= 0;
    }

    /** A total order on version vectors, the same on every peer. */
    static int compare(VersionVector a, VersionVector b) {
        List<long[]> left = unsignedOrder(a);
        List<long[]> right = unsignedOrder(b);
        for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
            int byDevice = Long.compareUnsigned(left.get(i)[0], right.get(i)[0]);
            if (byDevice != 0) {
                return byDevice;
            }
            int byCounter = Long.compare(left.get(i)[1], right.get(i)[1]);
            if (byCounter != 0) {
                return byCounter;
            }
        }
        return Integer.compare(left.size(), right.size());
    }

    private static List<long[]> unsignedOrder(VersionVector vector) {
        List<long[]> pairs = new ArrayList<>();
        for (Map.Entry<Long, Long> e : vector.counters().entrySet()) {
            pairs.add(new long[] {e.getKey(), e.getValue()});
        }
        pairs.sort((x, y) -> Long.compareUnsigned(x[0], y[0]));
        return pairs;
    }

    /**
     * @param path the file that lost
     * @param device the device that keeps the copy (ours)
     * @param when the time of the conflict
     * @return the conflict copy's path, beside the file
     */
    static RelativePath conflictName(RelativePath path, long device, Instant when) {
        String name = path.name();
        int dot = name.lastIndexOf('.');
        boolean hasExtension = dot > 0 && dot < name.length() - 1;
        String base = hasExtension ? name.substring(0, dot) : name;
        String extension = hasExtension ? name.substring(dot) : "";
        String mark = MARK + FolderFiles.STAMP.format(when) + "-" + String.format("%016x", device).substring(0, 7);
        // Keep the name within a segment's 255 bytes by shortening the base.
        while (utf8(base + mark + extension) > RelativePath.MAX_SEGMENT_BYTES && !base.isEmpty()) {
            base = base.substring(0, base.offsetByCodePoints(base.length(), -1));
        }
        String text = base + mark + extension;
        return RelativePath.of(path.parent().map(p -> p.text() + "/" + text).orElse(text));
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
