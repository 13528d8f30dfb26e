package org.swarmsync.itests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.swarmsync.api.secrets.SecretService;
import org.swarmsync.api.sync.SyncService;

/**
 * What the pax-exam tests with launcher peers share: this framework runs one swarmsync node,
 * listening on loopback only with LAN discovery quiet, a fresh work directory per test, and
 * every launcher, folder configuration and folder a test made is gone after it.
 */
public abstract class NodeTestBase {

    @Inject
    protected BundleContext context;

    @Inject
    protected ConfigurationAdmin configAdmin;

    @Inject
    protected SecretService secrets;

    /** The node as configured for the test (a new configuration restarts the node component). */
    protected SyncService sync;

    /** The port the node listens on, for launchers that should dial it. */
    protected int nodePort;

    /** A directory of this test's own, deleted after it. */
    protected Path work;

    private final List<SyncNode> launchers = new ArrayList<>();
    private final List<org.osgi.service.cm.Configuration> configurations = new ArrayList<>();

    @Configuration
    public Option[] config() {
        return new Option[] {NodeOptions.node()};
    }

    @Before
    public void loopbackNode() throws Exception {
        // Nothing may leave the machine: no LAN pings; the node listens on loopback only.
        nodePort = SyncNode.freePort();
        sync = LocalNode.loopbackOnly(context, configAdmin, nodePort);
        work = Files.createTempDirectory("swarmsync-" + getClass().getSimpleName());
    }

    @After
    public void cleanUp() throws Exception {
        for (org.osgi.service.cm.Configuration configuration : configurations) {
            configuration.delete();
        }
        for (SyncNode launcher : launchers) {
            launcher.close();
        }
        sync.folders().forEach(f -> sync.remove(f.id()));
        SyncIT.deleteTree(work);
    }

    /** A launcher this test started, stopped after it. */
    protected SyncNode stopAfterTest(SyncNode launcher) {
        launchers.add(launcher);
        return launcher;
    }

    /** A new folder configuration (factory PID {@code org.swarmsync.folder}), deleted after the test. */
    protected org.osgi.service.cm.Configuration newFolderConfiguration() throws Exception {
        org.osgi.service.cm.Configuration folder = configAdmin.createFactoryConfiguration("org.swarmsync.folder", "?");
        configurations.add(folder);
        return folder;
    }
}
