package org.swarmsync.sync.internal.protocol;

import java.util.ArrayList;
import java.util.List;

import org.swarmsync.codec.bencode.BDict;
import org.swarmsync.codec.bencode.BList;
import org.swarmsync.codec.bencode.Bencode;
import org.swarmsync.sync.internal.model.FileEntry;

/**
 * Packs index entries into as few {@code index} frames as the limits allow (1,000 entries and
 * 4 MiB each), so that callers can hand over any number of entries.
 */
public final class IndexFrames {

    private IndexFrames() {
    }

    /**
     * @param entries the entries to send, in order
     * @param sequence the sender's highest local sequence, carried by every frame
     * @param done the {@code done} flag of the last frame; the frames before it carry 0
     * @return the frame bodies, at least one (an empty batch when there are no entries)
     * @throws IllegalArgumentException if an entry cannot be sent: invalid, or so large (a file
     *         with more than about 131,000 blocks) that it does not fit one index frame
     */
    public static List<byte[]> encode(List<FileEntry> entries, long sequence, boolean done) {
        int envelope = (int) Bencode.encodedLength(IndexUpdate.envelope(BList.EMPTY, sequence, done));
        List<byte[]> frames = new ArrayList<>();
        List<BDict> batch = new ArrayList<>();
        long batchBytes = envelope;
        for (FileEntry entry : entries) {
            BDict dict = EntryCodec.encode(entry);
            long length = Bencode.encodedLength(dict);
            if (envelope + length > Limits.MAX_INDEX_FRAME) {
                throw new IllegalArgumentException("index entry " + entry.path() + " takes " + length
                        + " bytes, more than one index frame can carry");
            }
            if (batch.size() == Limits.MAX_INDEX_ENTRIES || batchBytes + length > Limits.MAX_INDEX_FRAME) {
                frames.add(Bencode.encode(IndexUpdate.envelope(BList.of(batch), sequence, false)));
                batch.clear();
                batchBytes = envelope;
            }
            batch.add(dict);
            batchBytes += length;
        }
        frames.add(Bencode.encode(IndexUpdate.envelope(BList.of(batch), sequence, done)));
        return frames;
    }
}
