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

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static FolderStatus status(FolderState state, long total, long done, int peers) {
        return new FolderStatus("f", Path.of("/f"), Access.READ_WRITE, ShareHash.of(new byte[ShareHash.LENGTH]), state,
                "", total, done, total * 1024, done * 1024, peers);
    }
}
