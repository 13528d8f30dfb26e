package org.swarmsync.cli.internal;

import static org.junit.Assert.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.Test;
import org.swarmsync.api.secrets.Access;
import org.swarmsync.api.secrets.ShareHash;
import org.swarmsync.api.sync.FolderState;
import org.swarmsync.api.sync.FolderStatus;

/** The plain (log) lines of the progress view, refreshed every tenth of a second. */
public class ProgressViewTest {

    private static final long MS = 1_000_000L;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ProgressView view = new ProgressView(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);

    @Test
    public void aNewPeerOrStateIsPrintedAtTheNextRefresh() {
        view.show(status(FolderState.IDLE, 0, 0, 0), 0);
        view.show(status(FolderState.IDLE, 0, 0, 1), 100 * MS);
        view.show(status(FolderState.SYNCING, 10, 0, 1), 200 * MS);
        assertEquals(List.of("f idle: 0/0 files, 0 B/0 B, 0 B/s, 0 peers",
                "f idle: 0/0 files, 0 B/0 B, 0 B/s, 1 peer",
                "f syncing: 0/10 files, 0 B/10.0 KiB, 0 B/s, 1 peer"), lines());
    }

    @Test
    public void countsAlonePrintAtMostEveryHalfSecond() {
        view.show(status(FolderState.SYNCING, 10, 0, 1), 0);
        for (int i = 1; i <= 9; i++) {
            view.show(status(FolderState.SYNCING, 10, i, 1), i * 100 * MS);
        }
        view.show(status(FolderState.IDLE, 10, 10, 1), 1000 * MS);
        List<String> lines = lines();
        assertEquals(lines.toString(), 3, lines.size());
        assertEquals("f syncing: 0/10 files", lines.get(0).substring(0, 21));
        assertEquals("f syncing: 5/10 files", lines.get(1).substring(0, 21));
        assertEquals("f idle: 10/10 files", lines.get(2).substring(0, 19));
    }

    @Test
    public void sizesHaveOneDecimalRoundedHalfUpInTheLargestUnitBelowThem() {
        assertEquals("0 B", ProgressView.size(0));
        assertEquals("1023 B", ProgressView.size(1023));
        assertEquals("1.0 KiB", ProgressView.size(1024));
        assertEquals("1.5 KiB", ProgressView.size(1536));
        assertEquals("1.0 KiB", ProgressView.size(1075)); // 1.0498: down
        assertEquals("1.1 KiB", ProgressView.size(1076)); // 1.0508: up
        assertEquals("1024.0 KiB", ProgressView.size((1 << 20) - 1)); // still below one MiB
        assertEquals("1.0 MiB", ProgressView.size(1 << 20));
        assertEquals("1.0 GiB", ProgressView.size(1L << 30));
        assertEquals("8.0 EiB", ProgressView.size(Long.MAX_VALUE));
        // The same figures as the formatter the view used before, over many magnitudes.
        for (long bytes = 1024; bytes > 0 && bytes < Long.MAX_VALUE / 3; bytes = bytes * 3 + 7) {
            int unit = (63 - Long.numberOfLeadingZeros(bytes)) / 10;
            String expected = String.format(java.util.Locale.ROOT, "%.1f %siB", bytes / Math.pow(1024, unit),
                    "KMGTPE".charAt(unit - 1));
            assertEquals(expected, ProgressView.size(bytes));
        }
    }

    @Test
    public void aTerminalGetsABarRedrawnInPlaceWithTheMessage() {
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        ProgressView bar = new ProgressView(new PrintStream(shown, true, StandardCharsets.UTF_8), true);
        bar.show(new FolderStatus("f", Path.of("/f"), Access.READ_WRITE, ShareHash.of(new byte[ShareHash.LENGTH]),
                FolderState.SYNCING, "waiting for a peer", 4, 1, 4096, 1024, 2), 0);
        assertEquals("\r[########                      ] f syncing: 1/4 files, 1.0 KiB/4.0 KiB, 0 B/s, 2 peers"
                + " (waiting for a peer)\u001b[K", shown.toString(StandardCharsets.UTF_8));
    }

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static FolderStatus status(FolderState state, long total, long done, int peers) {
        return new FolderStatus("f", Path.of("/f"), Access.READ_WRITE, ShareHash.of(new byte[ShareHash.LENGTH]), state,
                "", total, done, total * 1024, done * 1024, peers);
    }
}
