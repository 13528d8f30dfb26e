package org.swarmsync.sync.internal.scan;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swarmsync.sync.internal.model.RelativePath;

/**
 * A folder's {@code .sync/IgnoreList}, read again whenever {@link #refresh()} finds it changed.
 * It lives under {@code .sync/}, so it is never synced: each peer ignores what it chooses.
 * A missing file ignores nothing; an unreadable one keeps the rules read last, so a file
 * half-written by an editor never makes ignored files look new.
 */
public final class IgnoreFile implements Predicate<RelativePath> {

    /** The file's name inside {@code .sync/}. */
    public static final String FILE_NAME = "IgnoreList";
    private static final Logger LOG = LoggerFactory.getLogger(IgnoreFile.class);
    private static final int MAX_BYTES = 1 << 20;

    private final Path file;
    private volatile IgnoreList list = IgnoreList.EMPTY;
    private volatile String stamp = "absent";

    /** @param root the folder; the list is read at once */
    public IgnoreFile(Path root) {
        this.file = FolderMarker.syncDirectory(root).resolve(FILE_NAME);
        refresh();
    }

    @Override
    public boolean test(RelativePath path) {
        return list.ignores(path);
    }

    /** @return the rules in force now */
    public IgnoreList list() {
        return list;
    }

    /**
     * Reads the file again if its size or modification time changed.
     *
     * @return whether the rules changed
     */
    public synchronized boolean refresh() {
        String now;
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            now = attributes.size() + "@" + attributes.lastModifiedTime().toMillis() + "#"
                    + attributes.fileKey();
        } catch (NoSuchFileException e) {
            now = "absent";
        } catch (IOException e) {
            return false;
        }
        if (now.equals(stamp)) {
            return false;
        }
        IgnoreList read;
        try {
            read = now.equals("absent") ? IgnoreList.EMPTY : IgnoreList.parse(read());
        } catch (IOException e) {
            LOG.warn("cannot read {} (keeping the rules read before): {}", file, e.getMessage());
            return false;
        }
        for (String problem : read.problems()) {
            LOG.warn("{} {}: skipped", file, problem);
        }
        stamp = now;
        list = read;
        return true;
    }

    private String read() throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException("larger than " + MAX_BYTES + " bytes");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IOException("not UTF-8 text");
        }
    }
}
