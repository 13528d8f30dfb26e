package org.swarmsync.sync.internal.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.swarmsync.codec.bencode.BBytes;
import org.swarmsync.codec.bencode.BDict;
import org.swarmsync.codec.bencode.BInteger;
import org.swarmsync.codec.bencode.BList;
import org.swarmsync.codec.bencode.BencodeException;
import org.swarmsync.sync.internal.model.Block;
import org.swarmsync.sync.internal.model.EntryType;
import org.swarmsync.sync.internal.model.FileEntry;
import org.swarmsync.sync.internal.model.Hash256;
import org.swarmsync.sync.internal.model.RelativePath;
import org.swarmsync.sync.internal.model.VersionVector;

/**
 * One index entry on the wire: {@code {p, k, s, m, x, b, h, v, d, l?, q}}. Blocks are not
 * listed but implied: block {@code i} covers {@code [i*b, min(s, (i+1)*b))} and {@code h} is
 * their hashes end to end. Decoding checks everything a hostile peer could get wrong; encoding
 * refuses, as a local bug, any entry a peer would refuse.
 */
final class EntryCodec {

    /** Why an entry for a link pointing out of the folder is refused (see {@link RelativePath#linkStaysInside}). */
    static final String LINK_OUTSIDE = "link target points outside the folder";

    private EntryCodec() {
    }

    /**
     * @throws IllegalArgumentException if the entry cannot be sent as it is, naming its path and why
     */
    static BDict encode(FileEntry entry) {
        String problem = problem(entry);
        if (problem != null) {
            throw new IllegalArgumentException("index entry " + entry.path() + " cannot be sent: " + problem);
        }
        byte[] hashes = new byte[entry.blocks().size() * Hash256.LENGTH];
        for (int i = 0; i < entry.blocks().size(); i++) {
            System.arraycopy(entry.blocks().get(i).hash().toBytes(), 0, hashes, i * Hash256.LENGTH, Hash256.LENGTH);
        }
        BDict.Builder b = BDict.builder().putUtf8("p", entry.path().text()).put("k", entry.type().ordinal())
                .put("s", entry.size()).put("m", entry.modifiedMillis()).put("x", entry.permissions())
                .put("b", entry.blockSize()).put("h", BBytes.wrap(hashes)).put("v", version(entry.version()))
                .put("d", entry.deleted() ? 1 : 0).put("q", entry.sequence());
        if (!entry.symlinkTarget().isEmpty()) {
            b.putUtf8("l", entry.symlinkTarget());
        }
        return b.build();
    }

    private static String problem(FileEntry e) {
        if (e.size() > Limits.MAX_FILE_SIZE) {
            return "size above 2^50";
        }
        if (e.blockSize() != 0 && (e.blockSize() < Limits.MIN_BLOCK_SIZE || e.blockSize() > Limits.MAX_BLOCK_SIZE)) {
            return "block size " + e.blockSize() + " is neither 0 nor in [2^17, 2^24]";
        }
        if (e.type() != EntryType.FILE && e.size() != 0) {
            return "a " + e.type().name().toLowerCase() + " with a size";
        }
        if (e.size() > 0 && e.blockSize() == 0) {
            return "size " + e.size() + " with block size 0";
        }
        if (!e.blocks().equals(layout(e))) {
            return "blocks do not tile the file in block-size steps";
        }
        if (!e.symlinkTarget().isEmpty() && e.type() != EntryType.SYMLINK) {
            return "a link target on a " + e.type().name().toLowerCase();
        }
        if (!Fields.fits(e.symlinkTarget(), Limits.MAX_PATH_BYTES) || e.symlinkTarget().indexOf('\0') >= 0) {
            return "link target too long or with a NUL character";
        }
        if (e.type() == EntryType.SYMLINK && !e.deleted() && !e.path().linkStaysInside(e.symlinkTarget())) {
            return LINK_OUTSIDE;
        }
        if (e.version().counters().size() > Limits.MAX_VERSION_DEVICES) {
            return "more than " + Limits.MAX_VERSION_DEVICES + " devices in its version";
        }
        if (e.sequence() < 1) {
            return "sequence " + e.sequence();
        }
        return null;
    }

    // The blocks the wire implies for this size and block size, with the entry's own hashes.
    private static List<Block> layout(FileEntry e) {
        long count = e.size() == 0 ? 0 : (e.size() + e.blockSize() - 1) / e.blockSize();
        if (count != e.blocks().size()) {
            return List.of();
        }
        List<Block> blocks = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            long offset = (long) i * e.blockSize();
            blocks.add(new Block(offset, (int) Math.min(e.blockSize(), e.size() - offset), e.blocks().get(i).hash()));
        }
        return blocks;
    }

    // Sorted by device as unsigned bytes, which is not VersionVector's signed order.
    private static BList version(VersionVector version) {
        TreeMap<Long, Long> unsigned = new TreeMap<>(Long::compareUnsigned);
        unsigned.putAll(version.counters());
        BList.Builder list = BList.builder();
        for (Map.Entry<Long, Long> e : unsigned.entrySet()) {
            list.add(BList.of(BBytes.wrap(Fields.device(e.getKey())), BInteger.of(e.getValue())));
        }
        return list.build();
    }

    /**
     * @throws ProtocolException naming the first problem found, without the entry's position
     *         (the caller adds it)
     */
    static FileEntry decode(BDict dict) throws ProtocolException {
        try {
            return decodeChecked(dict);
        } catch (BencodeException e) {
            throw new ProtocolException(e.getMessage(), e);
        }
    }

    private static FileEntry decodeChecked(BDict dict) throws ProtocolException {
        RelativePath path;
        try {
            path = RelativePath.of(Fields.text(dict, "p", Limits.MAX_PATH_BYTES));
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(e.getMessage());
        }
        EntryType type = EntryType.values()[(int) dict.integer("k", 0, 2)];
        long size = dict.integer("s", 0, Limits.MAX_FILE_SIZE);
        long modified = dict.integer("m");
        int permissions = (int) dict.integer("x", 0, 0777);
        int blockSize = (int) dict.integer("b", 0, Limits.MAX_BLOCK_SIZE);
        if (blockSize != 0 && blockSize < Limits.MIN_BLOCK_SIZE) {
            throw new ProtocolException("block size " + blockSize + " is neither 0 nor in [2^17, 2^24]");
        }
        if (type != EntryType.FILE && size != 0) {
            throw new ProtocolException("a " + type.name().toLowerCase() + " has size " + size + ", not 0");
        }
        List<Block> blocks = blocks(dict.bytes("h"), size, blockSize);
        VersionVector version = version(dict.list("v"));
        boolean deleted = dict.integer("d", 0, 1) == 1;
        String target = "";
        if (dict.containsKey("l")) {
            if (type != EntryType.SYMLINK) {
                throw new ProtocolException("a link target on a " + type.name().toLowerCase());
            }
            target = Fields.text(dict, "l", Limits.MAX_PATH_BYTES);
            if (target.indexOf('\0') >= 0) {
                throw new ProtocolException("link target has a NUL character");
            }
        }
        if (type == EntryType.SYMLINK && !deleted && !path.linkStaysInside(target)) {
            throw new ProtocolException(LINK_OUTSIDE);
        }
        long sequence = dict.integer("q", 1, Long.MAX_VALUE);
        return new FileEntry(path, type, size, modified, permissions, blockSize, blocks, version, deleted, target,
                sequence);
    }

    private static List<Block> blocks(BBytes hashes, long size, int blockSize) throws ProtocolException {
        if (size > 0 && blockSize == 0) {
            throw new ProtocolException("size " + size + " with block size 0");
        }
        long count = size == 0 ? 0 : (size + blockSize - 1) / blockSize;
        if (hashes.length() != count * Hash256.LENGTH) {
            throw new ProtocolException("hash list of " + hashes.length() + " bytes, expected " + count * Hash256.LENGTH
                    + " (" + count + " blocks of " + blockSize + " bytes)");
        }
        byte[] all = hashes.toByteArray();
        List<Block> blocks = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            long offset = (long) i * blockSize;
            int length = (int) Math.min(blockSize, size - offset);
            int at = i * Hash256.LENGTH;
            blocks.add(new Block(offset, length, Hash256.wrap(Arrays.copyOfRange(all, at, at + Hash256.LENGTH))));
        }
        return blocks;
    }

    private static VersionVector version(BList list) throws ProtocolException {
        if (list.size() > Limits.MAX_VERSION_DEVICES) {
            throw new ProtocolException("version has " + list.size() + " devices, more than " + Limits.MAX_VERSION_DEVICES);
        }
        Map<Long, Long> counters = new TreeMap<>();
        long previous = 0;
        for (int i = 0; i < list.size(); i++) {
            BList pair = list.list(i);
            if (pair.size() != 2) {
                throw new ProtocolException("version item " + i + " is not a [device, counter] pair");
            }
            BBytes deviceBytes = pair.bytes(0);
            if (deviceBytes.length() != Limits.DEVICE_LENGTH) {
                throw new ProtocolException("version item " + i + ": device of " + deviceBytes.length() + " bytes, not 8");
            }
            long device = Fields.device(deviceBytes);
            long counter = pair.integer(1);
            if (counter < 1) {
                throw new ProtocolException("version item " + i + ": counter " + counter + " is below 1");
            }
            if (i > 0) {
                int order = Long.compareUnsigned(device, previous);
                if (order == 0) {
                    throw new ProtocolException("version item " + i + ": duplicate device");
                }
                if (order < 0) {
                    throw new ProtocolException("version item " + i + ": devices not sorted");
                }
            }
            previous = device;
            counters.put(device, counter);
        }
        return VersionVector.of(counters);
    }
}
