package org.swarmsync.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.swarmsync.api.command.LauncherCommand;
import org.swarmsync.api.secrets.InvalidSecretException;
import org.swarmsync.api.secrets.Secret;
import org.swarmsync.api.secrets.SecretService;
import org.swarmsync.api.sync.FolderStatus;
import org.swarmsync.api.sync.SyncService;

/**
 * {@code sync DIR [--secret S] ...}: keeps one folder in sync in the foreground, showing
 * progress, until Ctrl-C. It writes the same configurations a Karaf {@code etc/*.cfg} would,
 * so the standalone node and a container run the same code.
 */
@Component(property = {
        LauncherCommand.NAME + "=sync",
        LauncherCommand.SUMMARY + "=sync DIR [--secret S] [--listen PORT] [--peer HOST:PORT]... "
                + "[--tracker HOST:PORT]... [--no-lan]: keep a folder in sync until Ctrl-C"
})
public final class SyncCommand implements LauncherCommand {

    static final String NODE_PID = "org.swarmsync.node";
    static final String FOLDER_FACTORY_PID = "org.swarmsync.folder";
    static final String TRACKER_PID = "org.swarmsync.discovery.tracker";
    private static final long APPEAR_WAIT_MILLIS = 15_000;
    /** Often enough that a peer's arrival or the end of a pull shows within a tenth of a second. */
    private static final long REFRESH_MILLIS = 100;

    private final SecretService secrets;
    private final ConfigurationAdmin configAdmin;

    /** Dynamic: reconfiguring the node (its listen port) replaces the service under a running command. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SyncService sync;

    @Activate
    public SyncCommand(@Reference SecretService secrets, @Reference ConfigurationAdmin configAdmin) {
        this.secrets = secrets;
        this.configAdmin = configAdmin;
    }

    @Override
    public int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        SyncOptions options;
        Secret secret;
        try {
            options = SyncOptions.parse(args);
            secret = options.secret().isPresent() ? secrets.parse(options.secret().get()) : secrets.generate();
        } catch (UsageException e) {
            err.println("swarmsync sync: " + e.getMessage());
            return USAGE;
        } catch (InvalidSecretException e) {
            err.println("swarmsync sync: invalid secret: " + e.getMessage());
            return USAGE;
        }
        try {
            configure(options, secret);
            if (options.secret().isEmpty()) {
                out.println("new folder secret (read-write): " + secret.text());
                out.println("read-only secret:               " + secret.readOnly().text());
                out.println("to join from another machine:   swarmsync sync DIR --secret " + secret.text()
                        + " --peer THIS_HOST:PORT");
            }
            FolderStatus folder = await(options.dir());
            out.println("syncing " + folder.path() + " as folder " + folder.id() + " (" + folder.access().label()
                    + ", share " + folder.share().hex().substring(0, 16) + "...)");
            follow(folder.id(), new ProgressView(out, System.console() != null));
            return OK;
        } catch (InterruptedException e) {
            out.println();
            out.println("stopped");
            return OK;
        } catch (IOException | IllegalStateException e) {
            err.println("swarmsync sync: " + e.getMessage());
            return FAILED;
        }
    }

    /** Writes the node's, the trackers' and the folder's configurations. */
    private void configure(SyncOptions options, Secret secret) throws IOException {
        if (options.listenPort().isPresent()) {
            update(configAdmin.getConfiguration(NODE_PID, "?"), "listen.port", options.listenPort().get());
        }
        if (!options.trackers().isEmpty()) {
            update(configAdmin.getConfiguration(TRACKER_PID, "?"), "trackers",
                    options.trackers().toArray(String[]::new));
        }
        Hashtable<String, Object> folder = new Hashtable<>();
        folder.put("path", options.dir().toString());
        folder.put("secret", secret.text());
        folder.put("peers", options.peers().toArray(String[]::new));
        List<String> discovery = new ArrayList<>(List.of("*"));
        if (!options.lan()) {
            discovery.add("-lan");
        }
        folder.put("discovery", discovery.toArray(String[]::new));
        configAdmin.createFactoryConfiguration(FOLDER_FACTORY_PID, "?").update(folder);
    }

    private static void update(Configuration configuration, String key, Object value) throws IOException {
        Hashtable<String, Object> properties = new Hashtable<>();
        if (configuration.getProperties() != null) {
            configuration.getProperties().keys().asIterator()
                    .forEachRemaining(k -> properties.put(k, configuration.getProperties().get(k)));
        }
        properties.put(key, value);
        configuration.update(properties);
    }

    private FolderStatus await(Path dir) throws InterruptedException {
        long deadline = System.currentTimeMillis() + APPEAR_WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            SyncService service = sync;
            Optional<FolderStatus> found = service == null ? Optional.empty()
                    : service.folders().stream().filter(f -> f.path().equals(dir)).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the folder " + dir + " did not start within "
                + APPEAR_WAIT_MILLIS / 1000 + " s; run with -Dswarmsync.log.level=INFO to see why");
    }

    private void follow(String id, ProgressView view) throws InterruptedException {
        try {
            while (true) {
                SyncService service = sync;
                Optional<FolderStatus> status = service == null ? Optional.empty() : service.folder(id);
                if (status.isPresent()) {
                    view.notices(service.notices(id));
                    view.show(status.get(), System.nanoTime());
                }
                Thread.sleep(REFRESH_MILLIS);
            }
        } finally {
            view.finish();
        }
    }
}
