package org.swarmsync.sync.internal.scan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.swarmsync.sync.internal.model.RelativePath;

/**
 * Where downloads are written before they appear under their names:
 * {@code .sync/tmp/<sha-256 of the path, hex>.part}, one per path. Keeping them under
 * {@code .sync/} means the scanner and the watcher never see them and the user never finds
 * half files beside theirs; a flat name of fixed length fits every file system whatever the
 * path's length. The folder's own directory lies on the folder's file system, so moving the
 * finished file into place is an atomic rename (unless a subdirectory of the folder is
 * another mount, when the move must fall back to a copy).
 */
public final class TempFiles {

    /** The temporary directory, inside {@link FolderMarker#SYNC_DIRECTORY}. */
    public static final String DIRECTORY = "tmp";
    /** The temporary files' suffix. */
    public static final String SUFFIX = ".part";

    private TempFiles() {
    }

    /** @return {@code root/.sync/tmp} */
    public static Path directory(Path root) {
        return FolderMarker.syncDirectory(root).resolve(DIRECTORY);
    }

    /** @return the temporary file for a download of {@code path}: always the same name for the same path */
    public static Path tempFor(Path root, RelativePath path) {
        return directory(root).resolve(nameFor(path));
    }

    /** @return the temporary file's name for {@code path} */
    public static String nameFor(RelativePath path) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(path.text().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest) + SUFFIX;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Creates {@code root/.sync/tmp} if needed. @return it */
    public static Path createDirectory(Path root) throws IOException {
        return Files.createDirectories(directory(root));
    }
}
