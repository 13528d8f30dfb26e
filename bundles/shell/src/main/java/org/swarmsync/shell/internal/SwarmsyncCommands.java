package org.swarmsync.shell.internal;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.swarmsync.api.sync.FileNotice;
import org.swarmsync.api.sync.FolderStatus;
import org.swarmsync.api.sync.PeerStatus;
import org.swarmsync.api.sync.SyncService;

/**
 * The folder commands of the OSGi console, in Felix's Gogo and Karaf's shell alike. Each
 * returns the text a person wants to read; Gogo prints it. Every command takes
 * {@code -h}/{@code --help}, and one called without its arguments shows its usage.
 */
@Component(service = SwarmsyncCommands.class, property = {
        "osgi.command.scope=swarmsync",
        "osgi.command.function=folders",
        "osgi.command.function=add",
        "osgi.command.function=remove",
        "osgi.command.function=status",
        "osgi.command.function=peers",
        "osgi.command.function=restore"
})
public final class SwarmsyncCommands {

    private final SyncService sync;

    @Activate
    public SwarmsyncCommands(@Reference SyncService sync) {
        this.sync = sync;
    }

    @Descriptor(Help.FOLDERS)
    public String folders(@Descriptor(Help.FLAG) @Parameter(names = {"-h", "--help"}, presentValue = "true",
            absentValue = "false") boolean help) {
        if (help) {
            return Help.usage("folders", Help.FOLDERS);
        }
        List<FolderStatus> folders = sync.folders();
        if (folders.isEmpty()) {
            return "no folders; add one with: swarmsync:add PATH SECRET";
        }
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-10s %-10s %-8s %5s  %s%n",
                "ID", "ACCESS", "STATE", "PEERS", "PATH"));
        for (FolderStatus f : folders) {
            text.append(String.format(Locale.ROOT, "%-10s %-10s %-8s %5d  %s%n", f.id(), f.access().label(),
                    f.state().name().toLowerCase(Locale.ROOT), f.peers(), f.path()));
        }
        return text.toString().stripTrailing();
    }

    @Descriptor(Help.ADD)
    public String add(@Descriptor(Help.FLAG) @Parameter(names = {"-h", "--help"}, presentValue = "true",
            absentValue = "false") boolean help) {
        return addUsage();
    }

    @Descriptor(Help.ADD)
    public String add(@Descriptor(Help.FLAG) @Parameter(names = {"-h", "--help"}, presentValue = "true",
            absentValue = "false") boolean help, @Descriptor(Help.ADD_PATH) String path,
            @Descriptor(Help.ADD_SECRET) String secret) {
        if (help) {
            return addUsage();
        }
        return add(help, path, secret, "");
    }

    @Descriptor(Help.ADD)
    public String add(@Descriptor(Help.FLAG) @Parameter(names = {"-h", "--help"}, presentValue = "true",
            absentValue = "false") boolean help, @Descriptor(Help.ADD_PATH) String path,
            @Descriptor(Help.ADD_SECRET) String secret, @Descriptor(Help.ADD_PEERS) String peers) {
        if (help) {
            return addUsage();
        }
        List<String> hosts = Arrays.stream(peers.split(",")).map(String::strip).filter(h -> !h.isEmpty()).toList();
        try {
            FolderStatus added = sync.add(Path.of(path), secret, hosts);
            return "added folder " + added.id() + " at " + added.path() + " (" + added.access().label() + ")";
        } catch (IllegalArgumentException | IllegalStateException e) {
            return e.getMessage();
        }
    }

    private static String addUsage() {
        return Help.usage("add PATH SECRET [HOST:PORT,...]", Help.ADD, "PATH", Help.ADD_PATH, "SECRET",
                Help.ADD_SECRET, "HOST:PORT,...", Help.ADD_PEERS);
    }

    @Descriptor(Help.REMOVE)
    public String remove(@Descriptor(Help.FLAG) @Parameter(names = {"-h", "--help"}, presentValue = "true",
            absentValue = "false") boolean help) {
        return removeUsage();
    }

    @Descriptor(Help.REMOVE)
    public String remove(@Descriptor(Help.FLAG) @Parameter(names = {"-h", "--help"}, presentValue = "true",
            absentValue = "false") boolean help, @Descriptor(Help.ID) String id) {
        if (help) {
            return removeUsage();
        }
        return sync.remove(id) ? "removed folder " + id : "no folder " + id;
    }

    private static String removeUsage() {
        return Help.usage("remove ID", Help.REMOVE, "ID", Help.ID);
    }

    @Descriptor(Help.STATUS)
    public String status(@Descriptor(Help.FLAG) @Parameter(names = {"-h", "--help"}, presentValue = "true",
            absentValue = "false") boolean help) {
        if (help) {
            return statusUsage();
        }
        List<FolderStatus> folders = sync.folders();
        if (folders.isEmpty()) {
            return "no folders";
        }
        StringBuilder text = new StringBuilder();
        folders.forEach(f -> text.append(describe(f)).append(System.lineSeparator()));
        return text.toString().stripTrailing();
    }

    @Descriptor(Help.STATUS)
    public String status(@Descriptor(Help.FLAG) @Parameter(names = {"-h", "--help"}, presentValue = "true",
            absentValue = "false") boolean help, @Descriptor(Help.ID) String id) {
        if (help) {
            return statusUsage();
        }
        Optional<FolderStatus> folder = sync.folder(id);
        if (folder.isEmpty()) {
            return "no folder " + id;
        }
        StringBuilder text = new StringBuilder(describe(folder.get()));
        for (FileNotice notice : sync.notices(id)) {
            text.append(String.format(Locale.ROOT, "%n  %-13s %s  %s", notice.kind().label(), notice.path(),
                    notice.detail()));
        }
        return text.toString();
    }

    private static String statusUsage() {
        return Help.usage("status [ID]", Help.STATUS, "ID", Help.ID + "; none: every folder");
    }

    @Descriptor(Help.PEERS)
    public String peers(@Descriptor(Help.FLAG) @Parameter(names = {"-h", "--help"}, presentValue = "true",
            absentValue = "false") boolean help) {
        return peersUsage();
    }

    @Descriptor(Help.PEERS)
    public String peers(@Descriptor(Help.FLAG) @Parameter(names = {"-h", "--help"}, presentValue = "true",
            absentValue = "false") boolean help, @Descriptor(Help.ID) String id) {
        if (help) {
            return peersUsage();
        }
        Optional<FolderStatus> folder = sync.folder(id);
        if (folder.isEmpty()) {
            return "no folder " + id;
        }
        List<PeerStatus> peers = sync.peers(id);
        if (peers.isEmpty()) {
            return "folder " + id + " has no peers connected";
        }
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-12s %-22s %-21s %-5s %9s %9s %s%n",
                "PEER", "ADDRESS", "ACCESS", "VIA", "IN MiB", "OUT MiB", "CLIENT"));
        for (PeerStatus p : peers) {
            text.append(String.format(Locale.ROOT, "%-12s %-22s %-21s %-5s %9.1f %9.1f %s%n",
                    p.peerId().substring(0, 12), p.address().getHostString() + ":" + p.address().getPort(), p.access(),
                    p.transport(), p.bytesReceived() / 1048576.0, p.bytesSent() / 1048576.0, p.client()));
        }
        return text.toString().stripTrailing();
    }

    private static String peersUsage() {
        return Help.usage("peers ID", Help.PEERS, "ID", Help.ID);
    }

    @Descriptor(Help.RESTORE)
    public String restore(@Descriptor(Help.FLAG) @Parameter(names = {"-h", "--help"}, presentValue = "true",
            absentValue = "false") boolean help) {
        return restoreUsage();
    }

    @Descriptor(Help.RESTORE)
    public String restore(@Descriptor(Help.FLAG) @Parameter(names = {"-h", "--help"}, presentValue = "true",
            absentValue = "false") boolean help, @Descriptor(Help.ID) String id,
            @Descriptor(Help.RESTORE_PATH) String path) {
        if (help) {
            return restoreUsage();
        }
        if (sync.folder(id).isEmpty()) {
            return "no folder " + id;
        }
        int restored = sync.restore(id, path.equals("*") ? "" : path);
        return "restoring " + restored + " path" + (restored == 1 ? "" : "s") + " of folder " + id
                + " to the writers' version; what is replaced goes to the archive";
    }

    private static String restoreUsage() {
        return Help.usage("restore ID PATH", Help.RESTORE, "ID", Help.ID, "PATH", Help.RESTORE_PATH);
    }

    static String describe(FolderStatus f) {
        return String.format(Locale.ROOT, "%s  %s  %s  %d/%d files  %s/%s bytes  %d peer%s%s", f.id(),
                f.access().label(), f.state().name().toLowerCase(Locale.ROOT), f.filesDone(), f.filesTotal(),
                f.bytesDone(), f.bytesTotal(), f.peers(), f.peers() == 1 ? "" : "s",
                f.message().isEmpty() ? "" : "  (" + f.message() + ")") + "\n  " + f.path();
    }
}
