package org.swarmsync.sync.internal.scan;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The marker that says "this directory is the synced folder": {@code .sync/folder-id}, a
 * random 128-bit id in hex (independent of the folder's secret), written once when the
 * folder is set up. The scanner refuses to scan without it, so an unmounted disk, an
 * emptied mount point or a wrong path is reported, never read as "everything was deleted".
 */
public final class FolderMarker {

    /** The folder's own directory, skipped by the scanner and the watcher. */
    public static final String SYNC_DIRECTORY = ".sync";
    /** The marker's file name inside {@link #SYNC_DIRECTORY}. */
    public static final String FILE_NAME = "folder-id";

    private static final int ID_BYTES = 16;

    private FolderMarker() {
    }

    /** @return {@code root/.sync} */
    public static Path syncDirectory(Path root) {
        return root.resolve(SYNC_DIRECTORY);
    }

    /** @return {@code root/.sync/folder-id} */
    public static Path file(Path root) {
        return syncDirectory(root).resolve(FILE_NAME);
    }

    /**
     * Sets a folder up: creates {@code .sync/} and the marker if they are missing. Call it
     * only when the user adds the folder, never on a restart (that would defeat the check).
     *
     * @param root the folder, which must exist
     * @return the folder's id, the existing one if the marker was already there
     * @throws IOException if the folder does not exist or the marker cannot be written
     */
    public static String create(Path root) throws IOException {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(root.toString(), null, "the folder is not a directory");
        }
        Path marker = file(root);
        if (Files.exists(marker, LinkOption.NOFOLLOW_LINKS)) {
            return check(root);
        }
        Files.createDirectories(syncDirectory(root));
        String id = HexFormat.of().formatHex(randomId());
        Path temporary = syncDirectory(root).resolve(FILE_NAME + ".new");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap((id + "\n").getBytes(StandardCharsets.US_ASCII)));
            channel.force(true);
        }
        try {
            Files.move(temporary, marker, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, marker, StandardCopyOption.REPLACE_EXISTING);
        }
        return id;
    }

    /**
     * @param root the folder
     * @return the folder's id
     * @throws MissingFolderMarkerException if the marker is missing or unreadable, with a
     *         message saying what to check
     */
    public static String check(Path root) throws MissingFolderMarkerException {
        Path marker = file(root);
        String text;
        try {
            if (!Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)) {
                throw new MissingFolderMarkerException("folder marker " + SYNC_DIRECTORY + "/" + FILE_NAME
                        + " is missing in " + root + ": is the disk mounted? Not scanning, so nothing is recorded as"
                        + " deleted. If the folder really moved, add it again at its new place.");
            }
            if (Files.size(marker) > 256) {
                throw new MissingFolderMarkerException("folder marker " + marker + " is too long to be ours");
            }
            text = Files.readString(marker, StandardCharsets.US_ASCII).strip();
        } catch (MissingFolderMarkerException e) {
            throw e;
        } catch (IOException e) {
            throw new MissingFolderMarkerException("folder marker " + marker + " cannot be read (" + e
                    + "): is the disk mounted and readable? Not scanning.");
        }
        if (text.length() != 2 * ID_BYTES || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new MissingFolderMarkerException("folder marker " + marker + " does not hold a folder id;"
                    + " not scanning. Remove it and add the folder again if it is really this folder.");
        }
        return text;
    }

    private static byte[] randomId() {
        byte[] id = new byte[ID_BYTES];
        new SecureRandom().nextBytes(id);
        return id;
    }
}
