package org.swarmsync.api.sync;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The folders this node keeps in sync. Folders live as Config Admin factory configurations;
 * this service is the programmatic way to add, remove and watch them.
 */
@ProviderType
public interface SyncService {

    /**
     * Adds a folder.
     *
     * @param path the local directory, created if missing
     * @param secret the folder's secret, read-write or read-only
     * @return the new folder's status
     * @throws org.swarmsync.api.secrets.InvalidSecretException if the secret is not valid
     * @throws IllegalStateException if the path or the share is already synchronised
     */
    default FolderStatus add(Path path, String secret) {
        return add(path, secret, List.of());
    }

    /**
     * Adds a folder with known hosts: peers to dial besides what discovery finds.
     *
     * @param path the local directory, created if missing
     * @param secret the folder's secret, read-write or read-only
     * @param knownHosts {@code HOST:PORT} of peers to dial; may be empty
     * @return the new folder's status
     * @throws org.swarmsync.api.secrets.InvalidSecretException if the secret is not valid
     * @throws IllegalArgumentException if a known host is not {@code HOST:PORT}
     * @throws IllegalStateException if the path or the share is already synchronised
     * @since 1.2
     */
    FolderStatus add(Path path, String secret, List<String> knownHosts);

    /**
     * Stops synchronising a folder, and returns once it has stopped (within seconds), so that
     * it can be added again at once. Its files stay on disk.
     *
     * @param id the folder's identifier
     * @return whether such a folder existed
     */
    boolean remove(String id);

    /** @return every folder, in a stable order */
    List<FolderStatus> folders();

    /**
     * @param id the folder's identifier
     * @return its status, if such a folder exists
     */
    Optional<FolderStatus> folder(String id);

    /**
     * @param id the folder's identifier
     * @return the peers connected to that folder now; empty if there are none or no such folder
     */
    List<PeerStatus> peers(String id);

    /**
     * @param id the folder's identifier
     * @return what the user should know about single paths of the folder now (conflict
     *         copies, local changes in a read-only folder, name clashes), by path; empty if
     *         there is nothing or no such folder
     * @since 1.2
     */
    List<FileNotice> notices(String id);

    /**
     * Gives up the local changes of a folder with a read-only secret: changed and deleted
     * files get the writers' version again, files added here go to the folder's archive.
     * Nothing is lost: what is replaced goes to the archive too.
     *
     * @param id the folder's identifier
     * @param path one path inside the folder, or empty for every local change
     * @return how many paths will be restored
     * @throws IllegalStateException if the folder's secret is read-write (its changes are
     *         the folder's, not local ones)
     * @throws IllegalArgumentException if there is no such folder or the path is not a
     *         valid path inside it
     * @since 1.2
     */
    int restore(String id, String path);
}
