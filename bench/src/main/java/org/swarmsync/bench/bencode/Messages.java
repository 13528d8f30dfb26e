package org.swarmsync.bench.bencode;

import java.util.Random;
import org.swarmsync.codec.bencode.BDict;
import org.swarmsync.codec.bencode.BList;
import org.swarmsync.codec.bencode.BValue;

/**
 * The message mix, built deterministically (fixed seeds) so every run and every library sees
 * the same bytes.
 *
 * <ul>
 *   <li>{@code lanPing}: {@code {m:"ping", peer:<20>, port, share:<20>}} (PROTOCOLS.md §1.5);
 *   <li>{@code trackerReply5}, {@code trackerReply50}: a tracker {@code peers} reply with 5 or 50
 *       peers {@code {a:<6>, la:<6>, p:<20>}} (§1.4);
 *   <li>{@code fileIndex10k}: a folder index of 10,000 file entries {@code {blocks:[<32>...],
 *       mtime, path, perm, size, version:[[<20-byte peer id>, counter]...]}}.
 * </ul>
 *
 * <p>All keys are ASCII, so every library can represent every message exactly.
 */
final class Messages {

    static final String[] NAMES = {"lanPing", "trackerReply5", "trackerReply50", "fileIndex10k"};

    private static final int BLOCK = 128 * 1024;
    private static final String[] DIRS = {"photos/2023", "photos/2024/holiday", "docs", "docs/invoices",
        "src/main/java/org/example", "music/Ch\u00e9rie", "backup/db", "notes"};
    private static final String[] STEMS = {"IMG_", "report-", "Main", "track", "dump-", "todo", "scan", "v"};
    private static final String[] EXTS = {".jpg", ".pdf", ".java", ".flac", ".sql", ".md", ".png", ".txt"};

    private Messages() {
    }

    static BValue build(String name) {
        switch (name) {
            case "lanPing":
                return lanPing(new Random(1));
            case "trackerReply5":
                return trackerReply(new Random(2), 5);
            case "trackerReply50":
                return trackerReply(new Random(3), 50);
            case "fileIndex10k":
                return fileIndex(new Random(4), 10_000);
            default:
                throw new IllegalArgumentException("unknown message " + name);
        }
    }

    static BDict lanPing(Random r) {
        return BDict.builder()
                .putUtf8("m", "ping")
                .put("peer", bytes(r, 20))
                .put("port", 3838)
                .put("share", bytes(r, 20))
                .build();
    }

    static BDict trackerReply(Random r, int peers) {
        BList.Builder list = BList.builder();
        for (int i = 0; i < peers; i++) {
            list.add(BDict.builder().put("a", bytes(r, 6)).put("la", bytes(r, 6)).put("p", bytes(r, 20)).build());
        }
        return BDict.builder()
                .putUtf8("m", "peers")
                .put("share", bytes(r, 32))
                .put("time", 1_700_000_000L + r.nextInt(1_000_000))
                .put("ea", bytes(r, 6))
                .put("peers", list.build())
                .build();
    }

    static BDict fileIndex(Random r, int files) {
        byte[][] peers = new byte[4][];
        for (int i = 0; i < peers.length; i++) {
            peers[i] = bytes(r, 20);
        }
        BList.Builder entries = BList.builder();
        for (int i = 0; i < files; i++) {
            long size = fileSize(r);
            BList.Builder blocks = BList.builder();
            for (long b = 0; b < Math.max(1, (size + BLOCK - 1) / BLOCK); b++) {
                blocks.add(bytes(r, 32));
            }
            BList.Builder version = BList.builder();
            for (int v = 1 + r.nextInt(3); v > 0; v--) {
                version.add(BList.builder().add(peers[r.nextInt(peers.length)]).add(1 + r.nextInt(5000)).build());
            }
            String path = DIRS[r.nextInt(DIRS.length)] + "/" + STEMS[r.nextInt(STEMS.length)] + i
                    + EXTS[r.nextInt(EXTS.length)];
            entries.add(BDict.builder()
                    .put("blocks", blocks.build())
                    .put("mtime", 1_600_000_000L + r.nextInt(100_000_000))
                    .putUtf8("path", path)
                    .put("perm", r.nextInt(4) == 0 ? 0755 : 0644)
                    .put("size", size)
                    .put("version", version.build())
                    .build());
        }
        return BDict.builder()
                .put("files", entries.build())
                .put("folder", bytes(r, 32))
                .put("seq", 123_456)
                .build();
    }

    /** Mostly small files, some medium, a few large: about 4.5 blocks per file on average. */
    private static long fileSize(Random r) {
        int kind = r.nextInt(100);
        if (kind < 70) {
            return r.nextInt(BLOCK);
        }
        if (kind < 95) {
            return BLOCK + (long) r.nextInt(15 * BLOCK);
        }
        return 16L * BLOCK + (long) r.nextInt(48 * BLOCK);
    }

    private static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }
}
