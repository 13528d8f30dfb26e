package org.swarmsync.shell.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.swarmsync.api.sync.FolderStatus;
import org.swarmsync.api.sync.PeerStatus;
import org.swarmsync.api.sync.SyncService;

/**
 * The folder commands of the OSGi console, in Felix's Gogo and Karaf's shell alike. Each
 * returns the text a person wants to read; Gogo prints it.
 */
@Component(service = SwarmsyncCommands.class, property = {
        "osgi.command.scope=swarmsync",
        "osgi.command.function=folders",
        "osgi.command.function=add",
        "osgi.command.function=remove",
        "osgi.command.function=status",
        "osgi.command.function=peers"
})
public final class SwarmsyncCommands {

    private final SyncService sync;

    @Activate
    public SwarmsyncCommands(@Reference SyncService sync) {
        this.sync = sync;
    }

    @Descriptor("lists the synchronised folders")
    public String folders() {
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

    @Descriptor("adds a folder to synchronise")
    public String add(@Descriptor("the local directory, created if missing") String path,
            @Descriptor("the folder's read-write or read-only secret") String secret) {
        FolderStatus added = sync.add(Path.of(path), secret);
        return "added folder " + added.id() + " at " + added.path() + " (" + added.access().label() + ")";
    }

    @Descriptor("stops synchronising a folder; its files stay on disk")
    public String remove(@Descriptor("the folder's id, as 'folders' shows it") String id) {
        return sync.remove(id) ? "removed folder " + id : "no folder " + id;
    }

    @Descriptor("shows every folder's state and progress")
    public String status() {
        List<FolderStatus> folders = sync.folders();
        if (folders.isEmpty()) {
            return "no folders";
        }
        StringBuilder text = new StringBuilder();
        folders.forEach(f -> text.append(describe(f)).append(System.lineSeparator()));
        return text.toString().stripTrailing();
    }

    @Descriptor("shows one folder's state and progress")
    public String status(@Descriptor("the folder's id") String id) {
        return sync.folder(id).map(SwarmsyncCommands::describe).orElse("no folder " + id);
    }

    @Descriptor("lists the peers connected to a folder")
    public String peers(@Descriptor("the folder's id") String id) {
        Optional<FolderStatus> folder = sync.folder(id);
        if (folder.isEmpty()) {
            return "no folder " + id;
        }
        List<PeerStatus> peers = sync.peers(id);
        if (peers.isEmpty()) {
            return "folder " + id + " has no peers connected";
        }
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-12s %-22s %-21s %-5s %s%n",
                "PEER", "ADDRESS", "ACCESS", "VIA", "CLIENT"));
        for (PeerStatus p : peers) {
            text.append(String.format(Locale.ROOT, "%-12s %-22s %-21s %-5s %s%n", p.peerId().substring(0, 12),
                    p.address().getHostString() + ":" + p.address().getPort(), p.access(), p.transport(),
                    p.client()));
        }
        return text.toString().stripTrailing();
    }

    static String describe(FolderStatus f) {
        return String.format(Locale.ROOT, "%s  %s  %s  %d/%d files  %s/%s bytes  %d peer%s%s", f.id(),
                f.access().label(), f.state().name().toLowerCase(Locale.ROOT), f.filesDone(), f.filesTotal(),
                f.bytesDone(), f.bytesTotal(), f.peers(), f.peers() == 1 ? "" : "s",
                f.message().isEmpty() ? "" : "  (" + f.message() + ")") + "\n  " + f.path();
    }
}
