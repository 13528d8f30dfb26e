package org.swarmsync.sync.internal.engine;

import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The umask line of {@code /proc/PID/status}, and what is made of a file without one. */
public class ProcessUmaskTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private OptionalInt read(String text) throws Exception {
        Path status = tmp.newFile().toPath();
        Files.writeString(status, text);
        return ProcessUmask.read(status);
    }

    @Test
    public void theUmaskLineIsReadAsOctal() throws Exception {
        assertEquals(OptionalInt.of(027), read("Name:\tjava\nUmask:\t0027\nState:\tS (sleeping)\n"));
        assertEquals(OptionalInt.of(0), read("Umask:\t0000\n"));
    }

    @Test
    public void noUmaskLineOrAnUnreadableOneOrNoFileTellsNothing() throws Exception {
        assertEquals(OptionalInt.empty(), read("Name:\tjava\nState:\tS (sleeping)\n"));
        assertEquals(OptionalInt.empty(), read("Umask:\t0o22\n"));
        assertEquals(OptionalInt.empty(), read("Umask:\t7777\n"));
        assertEquals(OptionalInt.empty(), ProcessUmask.read(tmp.getRoot().toPath().resolve("missing")));
    }
}
