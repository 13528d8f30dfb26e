package org.swarmsync.sync.internal.model;

import java.util.Objects;

/**
 * One block of a file: where it lies and what it hashes to. Blocks of a file all have the
 * file's block size except the last, which may be shorter.
 *
 * @param offset where the block starts in the file
 * @param length its length in bytes
 * @param hash the SHA-256 of its content
 */
public record Block(long offset, int length, Hash256 hash) {

    public Block {
        if (offset < 0 || length <= 0) {
            throw new IllegalArgumentException("block at " + offset + " of " + length + " bytes");
        }
        Objects.requireNonNull(hash, "hash");
    }
}
