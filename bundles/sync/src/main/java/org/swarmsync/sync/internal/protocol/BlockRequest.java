package org.swarmsync.sync.internal.protocol;

import java.util.Objects;

import org.swarmsync.codec.bencode.BDict;
import org.swarmsync.sync.internal.model.Hash256;
import org.swarmsync.sync.internal.model.RelativePath;

/**
 * {@code request}: asks for one block of a file by position and expected content.
 *
 * @param id the sender's number for this request, unique among its outstanding ones
 * @param path the file
 * @param offset where the block starts
 * @param length its length, 1 to 16 MiB
 * @param hash the SHA-256 the requester expects; the responder answers with an error if its
 *        content no longer has it
 */
public record BlockRequest(long id, RelativePath path, long offset, int length, Hash256 hash) implements Message {

    /** The wire type. */
    public static final String TYPE = "request";

    /** Checks ranges. */
    public BlockRequest {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(hash, "hash");
        if (id < 0) {
            throw new IllegalArgumentException("request id " + id);
        }
        if (offset < 0 || offset > Limits.MAX_FILE_SIZE - length) {
            throw new IllegalArgumentException("request offset " + offset);
        }
        if (length < 1 || length > Limits.MAX_BLOCK_LENGTH) {
            throw new IllegalArgumentException("request length " + length);
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    BDict toDict() {
        return BDict.builder().putUtf8("t", TYPE).put("id", id).putUtf8("path", path.text()).put("offset", offset)
                .put("length", length).put("hash", hash.toBytes()).build();
    }

    static BlockRequest fromDict(BDict dict) throws ProtocolException {
        long id = dict.integer("id", 0, Long.MAX_VALUE);
        String text = Fields.text(dict, "path", Limits.MAX_PATH_BYTES);
        RelativePath path;
        try {
            path = RelativePath.of(text);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(e.getMessage());
        }
        int length = (int) dict.integer("length", 1, Limits.MAX_BLOCK_LENGTH);
        long offset = dict.integer("offset", 0, Limits.MAX_FILE_SIZE - length);
        Hash256 hash = Hash256.wrap(dict.bytes("hash", Hash256.LENGTH).toByteArray());
        return new BlockRequest(id, path, offset, length, hash);
    }
}
