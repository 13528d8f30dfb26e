package org.swarmsync.itests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** Generates folder trees and fingerprints them by content, for sync tests. */
final class Trees {

    private Trees() {
    }

    /**
     * Every path below {@code root} (but {@code .sync}) to a fingerprint: {@code dir} for a
     * directory, {@code link:TARGET} for a symlink, the SHA-256 of a file's content otherwise.
     */
    static Map<String, String> fingerprint(Path root) throws IOException {
        Map<String, String> prints = new TreeMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(root)) {
                    return FileVisitResult.CONTINUE;
                }
                String name = relative(root, dir);
                if (name.equals(".sync")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                prints.put(name, "dir");
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                prints.put(relative(root, file), attrs.isSymbolicLink()
                        ? "link:" + Files.readSymbolicLink(file) : sha256(file));
                return FileVisitResult.CONTINUE;
            }
        });
        return prints;
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String relative(Path root, Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }

    /** Writes a file of pseudo-random bytes from a seed. */
    static void randomFile(Path file, long size, long seed) throws IOException {
        Files.createDirectories(file.getParent());
        Random random = new Random(seed);
        byte[] chunk = new byte[1 << 20];
        try (var out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
        }
    }

    /**
     * The tree of the sync tests: nested directories, empty files, an empty directory, one
     * large file and many small ones.
     */
    static void generate(Path root, long largeSize, int smallFiles, long seed) throws IOException {
        Files.createDirectories(root.resolve("empty-dir/also-empty"));
        Files.createDirectories(root.resolve("a/b/c"));
        Files.write(root.resolve("a/empty.txt"), new byte[0]);
        Files.write(root.resolve("a/b/c/empty-too"), new byte[0]);
        randomFile(root.resolve("large/big.bin"), largeSize, seed);
        Random random = new Random(seed + 1);
        for (int i = 0; i < smallFiles; i++) {
            byte[] content = new byte[random.nextInt(4096) + 1];
            random.nextBytes(content);
            Path file = root.resolve("small/d" + (i % 50) + "/f" + i + ".dat");
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        }
    }
}
