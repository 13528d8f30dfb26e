package org.swarmsync.sync.internal.scan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.swarmsync.sync.internal.model.Block;
import org.swarmsync.sync.internal.model.Hash256;

/** Writing test trees, and the blocks a file should have, computed apart from the scanner. */
final class Trees {

    private Trees() {
    }

    /**
     * Writes a file and sets its time ten seconds back, as for a file written a while before
     * the scan (one written within the file system's time step of the scan is read again on
     * the next scan, see {@link Observation#racyAt}).
     */
    static Path write(Path root, String path, byte[] content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        touch(file, -10_000);
        return file;
    }

    static byte[] random(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    static void chmod(Path file, String permissions) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    }

    /** Moves a file's time on, so that an edit of the same size within one millisecond is still seen. */
    static void touch(Path file, long deltaMillis) throws IOException {
        long now = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toMillis();
        Files.setLastModifiedTime(file, FileTime.fromMillis(now + deltaMillis));
    }

    static long mtime(Path file) throws IOException {
        return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toMillis();
    }

    /** The blocks of a file by the documented rule, hashed here with MessageDigest over slices. */
    static List<Block> expectedBlocks(Path file) throws IOException {
        byte[] data = Files.readAllBytes(file);
        int blockSize = BlockSize.forFileSize(data.length);
        List<Block> blocks = new ArrayList<>();
        for (int offset = 0; offset < data.length; offset += blockSize) {
            int end = Math.min(data.length, offset + blockSize);
            blocks.add(new Block(offset, end - offset, Hash256.wrap(sha256(Arrays.copyOfRange(data, offset, end)))));
        }
        return blocks;
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
