package org.swarmsync.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.swarmsync.api.secrets.SecretService;
import org.swarmsync.api.sync.FolderState;
import org.swarmsync.api.sync.SyncService;

/** The swarmsync Gogo commands drive the SyncService in a real framework. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class ShellCommandsIT {

    @Inject
    private CommandProcessor processor;

    @Inject
    private SecretService secrets;

    @Inject
    private SyncService sync;

    @Configuration
    public Option[] config() {
        return new Option[] {NodeOptions.node()};
    }

    @Inject
    private BundleContext context;

    @Test
    public void addListStatusPeersAndRemoveAFolder() throws Exception {
        // A folder announces on every discovery source; LAN multicast must not leave the machine.
        for (Bundle bundle : context.getBundles()) {
            if ("org.swarmsync.discovery-lan".equals(bundle.getSymbolicName())) {
                bundle.stop();
            }
        }
        Path dir = Files.createTempDirectory("swarmsync-shell-it");
        String secret = secrets.generate().text();
        String id = secrets.parse(secret).shareHash().hex().substring(0, 8);

        String added = run("swarmsync:add " + dir + " " + secret);
        assertTrue(added, added.contains("added folder " + id));
        assertTrue(Files.isRegularFile(dir.resolve(".sync/folder-id")));

        String folders = run("swarmsync:folders");
        assertTrue(folders, folders.contains(id) && folders.contains("read-write") && folders.contains(dir.toString()));

        long deadline = System.currentTimeMillis() + 10_000;
        while (sync.folder(id).orElseThrow().state() != FolderState.IDLE && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        String status = run("swarmsync:status " + id);
        assertTrue(status, status.startsWith(id + "  read-write  idle  0/0 files"));

        assertEquals("folder " + id + " has no peers connected", run("swarmsync:peers " + id));
        assertEquals("no folder nope", run("swarmsync:status nope"));

        assertEquals("removed folder " + id, run("swarmsync:remove " + id));
        deadline = System.currentTimeMillis() + 10_000;
        while (!sync.folders().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertEquals("no folders; add one with: swarmsync:add PATH SECRET", run("swarmsync:folders"));
        assertTrue("the files stay on disk", Files.isDirectory(dir.resolve(".sync")));
    }

    private String run(String command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
                CommandSession session = processor.createSession(System.in, print, print)) {
            Object result = session.execute(command);
            if (result != null) {
                print.print(session.format(result, 0));
            }
        }
        return out.toString(StandardCharsets.UTF_8).strip();
    }
}
