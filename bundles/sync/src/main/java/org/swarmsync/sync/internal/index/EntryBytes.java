package org.swarmsync.sync.internal.index;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.swarmsync.sync.internal.model.Block;
import org.swarmsync.sync.internal.model.EntryType;
import org.swarmsync.sync.internal.model.FileEntry;
import org.swarmsync.sync.internal.model.Hash256;
import org.swarmsync.sync.internal.model.RelativePath;
import org.swarmsync.sync.internal.model.VersionVector;

/**
 * The compact binary form of a {@link FileEntry}, as the index stores it. Format 1:
 *
 * <pre>
 * u8      format = 1
 * u8      flags: bits 0-1 type (0 file, 1 directory, 2 symlink), bit 2 deleted, others 0
 * varint  path length, then the path in UTF-8
 * varlong size
 * zigzag  modified time in ms (varlong)
 * varint  permission bits
 * varlong sequence
 * varint  device count, then per device (ascending): 8-byte id (big-endian), varlong counter
 * varint  symlink target length, then the target in UTF-8
 * varint  block size
 * varint  block count, then that many 32-byte SHA-256 hashes, and nothing after them
 * </pre>
 *
 * Block offsets and lengths are not stored: a file's blocks tile it (see {@link #checkLayout}),
 * so they follow from the size and block size. That makes a 200 MiB file's entry about
 * 51 KB, 32 bytes a block. Decoding treats the bytes as hostile: every length and count is
 * bounded before anything is allocated, and any fault is an {@link EntryFormatException}.
 */
public final class EntryBytes {

    /** The format byte this codec writes and reads. */
    public static final int FORMAT = 1;
    /** Most devices a version vector may name. */
    public static final int MAX_DEVICES = 4096;
    /** Most blocks an entry may have (32 MiB of hashes). */
    public static final int MAX_BLOCKS = 1 << 20;
    /** Smallest block size accepted from anyone. */
    public static final int MIN_BLOCK_SIZE = 1024;
    /** Largest block size accepted from anyone. */
    public static final int MAX_BLOCK_SIZE = 1 << 30;
    /** Longest symlink target, in UTF-8 bytes. */
    public static final int MAX_TARGET_BYTES = 4096;

    private static final int TYPE_MASK = 0b011;
    private static final int DELETED = 0b100;
    private static final EntryType[] TYPES = EntryType.values();

    private EntryBytes() {
    }

    /**
     * @return the entry's bytes
     * @throws EntryFormatException if its layout breaks {@link #checkLayout}
     */
    public static byte[] encode(FileEntry entry) {
        checkLayout(entry);
        byte[] path = entry.path().text().getBytes(StandardCharsets.UTF_8);
        byte[] target = entry.symlinkTarget().getBytes(StandardCharsets.UTF_8);
        Map<Long, Long> counters = entry.version().counters();
        int capacity = 2 + 5 + path.length + 10 + 10 + 5 + 10 + 5 + counters.size() * 18 + 5 + target.length + 5 + 5
                + entry.blocks().size() * Hash256.LENGTH;
        Writer out = new Writer(capacity);
        out.u8(FORMAT);
        out.u8(entry.type().ordinal() | (entry.deleted() ? DELETED : 0));
        out.varlong(path.length);
        out.bytes(path);
        out.varlong(entry.size());
        out.varlong(entry.modifiedMillis() << 1 ^ entry.modifiedMillis() >> 63);
        out.varlong(entry.permissions());
        out.varlong(entry.sequence());
        out.varlong(counters.size());
        counters.forEach((device, counter) -> {
            out.u64(device);
            out.varlong(counter);
        });
        out.varlong(target.length);
        out.bytes(target);
        out.varlong(entry.blockSize());
        out.varlong(entry.blocks().size());
        for (Block block : entry.blocks()) {
            out.bytes(block.hash().toBytes());
        }
        return out.toByteArray();
    }

    /**
     * @param bytes what {@link #encode} wrote, or anything at all
     * @return the entry
     * @throws EntryFormatException naming what is wrong and at which byte
     */
    public static FileEntry decode(byte[] bytes) {
        Reader in = new Reader(bytes);
        int format = in.u8("format");
        if (format != FORMAT) {
            throw new EntryFormatException("entry bytes: unknown format " + format + " (this version reads " + FORMAT + ")");
        }
        int flags = in.u8("flags");
        if ((flags & ~(TYPE_MASK | DELETED)) != 0 || (flags & TYPE_MASK) >= TYPES.length) {
            throw in.fault("bad flags 0x" + Integer.toHexString(flags));
        }
        EntryType type = TYPES[flags & TYPE_MASK];
        boolean deleted = (flags & DELETED) != 0;
        RelativePath path = in.path();
        long size = in.varlong("size");
        long zigzag = in.raw64("modified time");
        long modified = zigzag >>> 1 ^ -(zigzag & 1);
        long permissions = in.varlong("permissions");
        if ((permissions & ~0777L) != 0) {
            throw in.fault("permission bits outside 0777");
        }
        long sequence = in.varlong("sequence");
        VersionVector version = in.version();
        String target = in.utf8(MAX_TARGET_BYTES, "symlink target");
        long blockSize = in.varlong("block size");
        if (blockSize > MAX_BLOCK_SIZE) {
            throw in.fault("block size " + blockSize + " above " + MAX_BLOCK_SIZE);
        }
        long count = in.varlong("block count");
        if (count > MAX_BLOCKS) {
            throw in.fault("block count " + count + " above " + MAX_BLOCKS);
        }
        if (in.remaining() != count * Hash256.LENGTH) {
            throw in.fault(count + " block hashes need " + count * Hash256.LENGTH + " bytes, " + in.remaining() + " remain");
        }
        List<Block> blocks = new ArrayList<>((int) count);
        try {
            checkTiling(path, type, size, (int) blockSize, count);
            for (int i = 0; i < count; i++) {
                long offset = i * blockSize;
                int length = (int) Math.min(blockSize, size - offset);
                blocks.add(new Block(offset, length, Hash256.wrap(in.take(Hash256.LENGTH))));
            }
            FileEntry entry = new FileEntry(path, type, size, modified, (int) permissions, (int) blockSize, blocks,
                    version, deleted, target, sequence);
            checkLayout(entry);
            return entry;
        } catch (IllegalArgumentException e) {
            throw new EntryFormatException("entry bytes: " + e.getMessage());
        }
    }

    /**
     * Checks what every entry this index stores must satisfy (a superset of what the session
     * protocol accepts, so whatever a session decoded can be stored): blocks tile the file
     * from offset 0, each {@code blockSize} long but the last; a non-empty file has a block
     * size; directories and links have size 0 (so no blocks); the block size is 0 or within
     * bounds; only a link has a target; the sequence is not negative.
     *
     * @throws EntryFormatException naming the rule broken
     */
    public static void checkLayout(FileEntry entry) {
        RelativePath path = entry.path();
        checkTiling(path, entry.type(), entry.size(), entry.blockSize(), entry.blocks().size());
        List<Block> blocks = entry.blocks();
        for (int i = 0; i < blocks.size(); i++) {
            Block block = blocks.get(i);
            long offset = (long) i * entry.blockSize();
            long length = Math.min(entry.blockSize(), entry.size() - offset);
            if (block.offset() != offset || block.length() != length) {
                throw new EntryFormatException(path + ": block " + i + " lies at " + block.offset() + "+" + block.length()
                        + ", expected " + offset + "+" + length);
            }
        }
        if (entry.type() != EntryType.SYMLINK && !entry.symlinkTarget().isEmpty()) {
            throw new EntryFormatException(path + ": a link target on a " + entry.type().name().toLowerCase());
        }
        if (entry.symlinkTarget().indexOf('\0') >= 0
                || entry.symlinkTarget().getBytes(StandardCharsets.UTF_8).length > MAX_TARGET_BYTES) {
            throw new EntryFormatException(path + ": link target has a NUL or is longer than " + MAX_TARGET_BYTES
                    + " bytes");
        }
        if (entry.sequence() < 0) {
            throw new EntryFormatException(path + ": negative sequence");
        }
        if (entry.version().counters().size() > MAX_DEVICES) {
            throw new EntryFormatException(path + ": version names more than " + MAX_DEVICES + " devices");
        }
    }

    private static void checkTiling(RelativePath path, EntryType type, long size, int blockSize, long count) {
        if (type != EntryType.FILE && size != 0) {
            throw new EntryFormatException(path + ": a " + type.name().toLowerCase() + " with size " + size);
        }
        if (blockSize != 0 && (blockSize < MIN_BLOCK_SIZE || blockSize > MAX_BLOCK_SIZE)) {
            throw new EntryFormatException(path + ": block size " + blockSize + " is neither 0 nor in "
                    + MIN_BLOCK_SIZE + ".." + MAX_BLOCK_SIZE);
        }
        if (size > 0 && blockSize == 0) {
            throw new EntryFormatException(path + ": size " + size + " with block size 0");
        }
        long expected = size == 0 ? 0 : (size - 1) / blockSize + 1;
        if (count != expected) {
            throw new EntryFormatException(path + ": " + count + " blocks for " + size + " bytes in blocks of "
                    + blockSize + " (expected " + expected + ")");
        }
    }

    /** Grows as needed; varints are unsigned LEB128. */
    private static final class Writer {
        private byte[] buffer;
        private int length;

        Writer(int capacity) {
            buffer = new byte[capacity];
        }

        void u8(int value) {
            ensure(1);
            buffer[length++] = (byte) value;
        }

        void u64(long value) {
            ensure(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                buffer[length++] = (byte) (value >>> shift);
            }
        }

        void varlong(long value) {
            ensure(10);
            while ((value & ~0x7FL) != 0) {
                buffer[length++] = (byte) (value & 0x7F | 0x80);
                value >>>= 7;
            }
            buffer[length++] = (byte) value;
        }

        void bytes(byte[] bytes) {
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buffer, length, bytes.length);
            length += bytes.length;
        }

        private void ensure(int more) {
            if (length + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
            }
        }

        byte[] toByteArray() {
            return length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
        }
    }

    /** Bounds-checked reading; every fault names the byte it happened at. */
    private static final class Reader {
        private final byte[] bytes;
        private int position;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        int remaining() {
            return bytes.length - position;
        }

        EntryFormatException fault(String what) {
            return new EntryFormatException("entry bytes: " + what + " (at byte " + position + " of " + bytes.length + ")");
        }

        int u8(String what) {
            if (position >= bytes.length) {
                throw fault("truncated before the " + what);
            }
            return bytes[position++] & 0xFF;
        }

        /** @return a non-negative value */
        long varlong(String what) {
            long value = raw64(what);
            if (value < 0) {
                throw fault(what + " is negative");
            }
            return value;
        }

        /** @return any 64-bit value */
        long raw64(String what) {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = u8(what);
                if (shift == 63 && (b & 0xFE) != 0) {
                    throw fault(what + " overflows 64 bits");
                }
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    if (b == 0 && shift > 0) {
                        throw fault(what + " is not in its shortest form");
                    }
                    return value;
                }
            }
            throw fault(what + " is longer than 10 bytes");
        }

        byte[] take(int count) {
            if (count > remaining()) {
                throw fault("truncated: " + count + " bytes needed, " + remaining() + " remain");
            }
            byte[] taken = Arrays.copyOfRange(bytes, position, position + count);
            position += count;
            return taken;
        }

        String utf8(int maxBytes, String what) {
            long length = varlong(what + " length");
            if (length > maxBytes) {
                throw fault(what + " of " + length + " bytes, above " + maxBytes);
            }
            if (length > remaining()) {
                throw fault("truncated " + what + ": " + length + " bytes needed, " + remaining() + " remain");
            }
            try {
                CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes, position, (int) length));
                position += (int) length;
                return chars.toString();
            } catch (CharacterCodingException e) {
                throw fault(what + " is not valid UTF-8");
            }
        }

        RelativePath path() {
            String text = utf8(RelativePath.MAX_PATH_BYTES, "path");
            try {
                return RelativePath.of(text);
            } catch (IllegalArgumentException e) {
                throw fault("bad path: " + e.getMessage());
            }
        }

        VersionVector version() {
            long count = varlong("device count");
            if (count > MAX_DEVICES) {
                throw fault("version names " + count + " devices, above " + MAX_DEVICES);
            }
            TreeMap<Long, Long> counters = new TreeMap<>();
            Long previous = null;
            for (int i = 0; i < count; i++) {
                if (remaining() < 9) {
                    throw fault("truncated version vector");
                }
                long device = ByteBuffer.wrap(bytes, position, 8).getLong();
                position += 8;
                if (previous != null && device <= previous) {
                    throw fault("version devices out of order");
                }
                previous = device;
                long counter = varlong("version counter");
                if (counter < 1) {
                    throw fault("version counter below 1");
                }
                counters.put(device, counter);
            }
            return VersionVector.of(counters);
        }
    }
}
