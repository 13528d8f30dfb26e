package org.swarmsync.sync.internal.engine;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swarmsync.sync.internal.scan.FolderMarker;

/**
 * Empties the archive of what has been there longer than the folder keeps it. The age is
 * read from the stamp {@link FolderFiles} puts in each archived name ({@code NAME~YYYYMMDD-HHMMSS}),
 * not from the file's times, which are the original's. Names without a stamp (put there by
 * hand) are left alone, and so are directories that still hold something.
 */
final class ArchiveCleaner {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveCleaner.class);
    private static final Pattern STAMPED = Pattern.compile(".*~(\\d{8}-\\d{6})(?:-\\d+)?");

    private final Path archive;
    private final Duration retention;
    private final Clock clock;

    /**
     * @param root the folder
     * @param retention how long archived files are kept; zero keeps them for ever
     */
    ArchiveCleaner(Path root, Duration retention, Clock clock) {
        this.archive = FolderMarker.syncDirectory(root).resolve(FolderFiles.ARCHIVE);
        this.retention = retention;
        this.clock = clock;
    }

    /** @return how many archived files were deleted */
    int clean() {
        if (retention.isZero() || !Files.isDirectory(archive)) {
            return 0;
        }
        Instant oldest = clock.instant().minus(retention);
        int[] deleted = {0};
        try {
            Files.walkFileTree(archive, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Instant stamp = stamp(file.getFileName().toString());
                    if (stamp != null && stamp.isBefore(oldest)) {
                        Files.deleteIfExists(file);
                        deleted[0]++;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // gone meanwhile, or unreadable: next time
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                    if (!dir.equals(archive)) {
                        try {
                            Files.delete(dir);
                        } catch (DirectoryNotEmptyException | NoSuchFileException kept) {
                            // still holds something younger, or gone already
                        } catch (IOException other) {
                            LOG.debug("cannot remove {}: {}", dir, other.toString());
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warn("cannot clean the archive {}: {}", archive, e.toString());
        }
        if (deleted[0] > 0) {
            LOG.info("{}: deleted {} archived file(s) older than {} days", archive, deleted[0], retention.toDays());
        }
        return deleted[0];
    }

    /** @return when a name was archived, or null if it has no stamp */
    static Instant stamp(String name) {
        Matcher m = STAMPED.matcher(name);
        if (!m.matches()) {
            return null;
        }
        try {
            return FolderFiles.STAMP.parse(m.group(1), Instant::from);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
