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
        String line = line(status, true);
        if (terminal) {
            out.print("\r" + line + "\u001b[K");
            out.flush();
        } else {
            // A log gets a line at once when the state or the peer count changes (a script
            // waiting for "1 peer" or "idle" learns it within one refresh), when the counts
            // change at most every half second, and while busy at least every 10 s.
            String withoutRate = line(status, false);
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

    /**
     * Built by hand rather than with {@code String.format}: the view refreshes ten times a
     * second from the first moment of a sync, and the formatter's parsing, regular
     * expressions and decimal arithmetic cost a starting JVM their interpretation and
     * compilation right when the transfer needs the processor.
     */
    private String line(FolderStatus s, boolean withRate) {
        StringBuilder line = new StringBuilder(96);
        if (terminal) {
            double fraction = s.bytesTotal() == 0 ? (s.filesTotal() == s.filesDone() ? 1 : 0)
                    : (double) s.bytesDone() / s.bytesTotal();
            int filled = (int) Math.round(Math.min(1, fraction) * BAR);
            line.append('[').append("#".repeat(filled)).append(" ".repeat(BAR - filled)).append("] ");
        }
        line.append(s.id()).append(' ').append(s.state().name().toLowerCase(Locale.ROOT)).append(": ")
                .append(s.filesDone()).append('/').append(s.filesTotal()).append(" files, ")
                .append(size(s.bytesDone())).append('/').append(size(s.bytesTotal())).append(", ");
        if (withRate) {
            line.append(size((long) rate)).append("/s, ");
        }
        line.append(s.peers()).append(s.peers() == 1 ? " peer" : " peers");
        if (!s.message().isEmpty()) {
            line.append(" (").append(s.message()).append(')');
        }
        return line.toString();
    }

    /** @return {@code bytes} in B, or in KiB to EiB with one decimal (rounded half up) */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        int unit = (63 - Long.numberOfLeadingZeros(bytes)) / 10;
        long tenths = Math.round(bytes * 10.0 / (1L << (10 * unit)));
        return tenths / 10 + "." + tenths % 10 + " " + "KMGTPE".charAt(unit - 1) + "iB";
    }
}
