package org.swarmsync.cli.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.swarmsync.api.sync.FileNotice;
import org.swarmsync.api.sync.FolderStatus;

/**
 * Shows a folder's progress: a bar redrawn in place on a terminal, plain lines otherwise
 * (only when something changed, so a log stays readable).
 */
final class ProgressView {

    private static final int BAR = 30;
    private static final long PLAIN_EVERY_NANOS = 10_000_000_000L;
    /** Counts that change are printed at most this often; a new state or peer count at once. */
    private static final long PLAIN_COUNTS_NANOS = 500_000_000L;
    /** The rate is measured over at least this long, however often the view is refreshed. */
    private static final long RATE_NANOS = 500_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private String lastWithoutRate = "";
    private String lastStateAndPeers = "";
    private long lastPrinted;
    private long lastBytes = -1;
    private long lastNanos;
    private double rate;
    private Map<String, FileNotice> shown = Map.of();

    ProgressView(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    void show(FolderStatus status, long nowNanos) {
        if (lastBytes < 0 || status.bytesDone() < lastBytes) {
            lastBytes = status.bytesDone();
            lastNanos = nowNanos;
        } else if (nowNanos - lastNanos >= RATE_NANOS) {
            double instant = (status.bytesDone() - lastBytes) / ((nowNanos - lastNanos) / 1e9);
            rate = rate == 0 ? instant : 0.7 * rate + 0.3 * Math.max(0, instant);
            lastBytes = status.bytesDone();
            lastNanos = nowNanos;
        }
        String line = line(status);
        if (terminal) {
            out.print("\r" + line + "\u001b[K");
            out.flush();
        } else {
            // A log gets a line at once when the state or the peer count changes (a script
            // waiting for "1 peer" or "idle" learns it within one refresh), when the counts
            // change at most every half second, and while busy at least every 10 s.
            String withoutRate = line.replaceAll(", [^,]*/s,", ",");
            String stateAndPeers = status.state() + " " + status.peers() + " " + status.message();
            boolean busy = status.bytesDone() < status.bytesTotal() || status.filesDone() < status.filesTotal();
            long since = nowNanos - lastPrinted;
            if (!stateAndPeers.equals(lastStateAndPeers)
                    || (!withoutRate.equals(lastWithoutRate) && since >= PLAIN_COUNTS_NANOS)
                    || (busy && since > PLAIN_EVERY_NANOS)) {
                out.println(line);
                lastWithoutRate = withoutRate;
                lastStateAndPeers = stateAndPeers;
                lastPrinted = nowNanos;
            }
        }
    }

    /**
     * Prints each notice the first time it is seen (a conflict copy, a local change of a
     * read-only folder, a name clash), and a line when one is over.
     */
    void notices(List<FileNotice> now) {
        Map<String, FileNotice> current = new LinkedHashMap<>();
        now.forEach(n -> current.put(n.kind() + " " + n.path(), n));
        List<String> lines = new ArrayList<>();
        current.forEach((key, n) -> {
            if (!shown.containsKey(key)) {
                lines.add(n.kind().label() + ": " + n.path() + ": " + n.detail());
            }
        });
        shown.forEach((key, n) -> {
            if (!current.containsKey(key)) {
                lines.add(n.kind().label() + " over: " + n.path());
            }
        });
        shown = current;
        for (String line : lines) {
            out.println(terminal ? "\r" + line + "\u001b[K" : line);
        }
    }

    void finish() {
        if (terminal) {
            out.println();
        }
    }

    String line(FolderStatus s) {
        double fraction = s.bytesTotal() == 0 ? (s.filesTotal() == s.filesDone() ? 1 : 0)
                : (double) s.bytesDone() / s.bytesTotal();
        int filled = (int) Math.round(Math.min(1, fraction) * BAR);
        String bar = terminal ? "[" + "#".repeat(filled) + " ".repeat(BAR - filled) + "] " : "";
        return String.format(Locale.ROOT, "%s%s %s: %d/%d files, %s/%s, %s/s, %d peer%s%s", bar, s.id(),
                s.state().name().toLowerCase(Locale.ROOT), s.filesDone(), s.filesTotal(), size(s.bytesDone()),
                size(s.bytesTotal()), size((long) rate), s.peers(), s.peers() == 1 ? "" : "s",
                s.message().isEmpty() ? "" : " (" + s.message() + ")");
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String units = "KMGTPE";
        int unit = (int) (Math.log(bytes) / Math.log(1024));
        return String.format(Locale.ROOT, "%.1f %siB", bytes / Math.pow(1024, unit), units.charAt(unit - 1));
    }
}
