package org.swarmsync.sync.internal.protocol;

import java.util.ArrayList;
import java.util.List;

import org.swarmsync.codec.bencode.BDict;
import org.swarmsync.codec.bencode.BList;
import org.swarmsync.sync.internal.model.FileEntry;

/**
 * {@code index}: a batch of the sender's index entries, at most 1,000 and 4 MiB encoded. The
 * answer to a {@link Want} is a run of batches whose last has {@code done}; every later batch
 * (a delta after a local change) has {@code done} too.
 *
 * @param sequence the sender's highest local sequence when it sent this
 * @param files the entries
 * @param done whether this batch completes the answer to the receiver's want
 */
public record IndexUpdate(long sequence, List<FileEntry> files, boolean done) implements Message {

    /** The wire type. */
    public static final String TYPE = "index";

    /** Checks ranges and copies the list. */
    public IndexUpdate {
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence " + sequence);
        }
        files = List.copyOf(files);
        if (files.size() > Limits.MAX_INDEX_ENTRIES) {
            throw new IllegalArgumentException(files.size() + " entries in one index frame");
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    BDict toDict() {
        BList.Builder list = BList.builder();
        for (FileEntry entry : files) {
            list.add(EntryCodec.encode(entry));
        }
        return envelope(list.build(), sequence, done);
    }

    static BDict envelope(BList files, long sequence, boolean done) {
        return BDict.builder().putUtf8("t", TYPE).put("seq", sequence).put("files", files).put("done", done ? 1 : 0)
                .build();
    }

    static IndexUpdate fromDict(BDict dict, int frameLength) throws ProtocolException {
        if (frameLength > Limits.MAX_INDEX_FRAME) {
            throw new ProtocolException("index frame of " + frameLength + " bytes exceeds " + Limits.MAX_INDEX_FRAME);
        }
        long sequence = dict.integer("seq", 0, Long.MAX_VALUE);
        boolean done = dict.integer("done", 0, 1) == 1;
        BList list = dict.list("files");
        if (list.size() > Limits.MAX_INDEX_ENTRIES) {
            throw new ProtocolException("index frame has " + list.size() + " entries, more than " + Limits.MAX_INDEX_ENTRIES);
        }
        List<FileEntry> files = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof BDict entry)) {
                throw new ProtocolException("index entry " + i + ": expected dictionary, found " + list.get(i).type().description());
            }
            try {
                files.add(EntryCodec.decode(entry));
            } catch (ProtocolException e) {
                throw new ProtocolException("index entry " + i + ": " + e.getMessage(), e);
            }
        }
        return new IndexUpdate(sequence, files, done);
    }
}
