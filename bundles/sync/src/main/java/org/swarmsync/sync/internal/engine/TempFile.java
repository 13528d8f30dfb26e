package org.swarmsync.sync.internal.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The temporary file of one download. A large download's blocks are written with direct I/O
 * ({@code O_DIRECT}) where the file system takes it, past the page cache: the data was verified
 * in our buffer and goes to the disk once, so the kernel neither copies it into cache pages nor
 * holds a gigabyte dirty for the final {@code fsync} to flush. On a 2-core VM a 1 GiB buffered
 * write and fsync cost 3.6-5.3 CPU s (the page cache's first touch of fresh memory), a direct one
 * 0.6-0.7 (bench/README.md, "Fifth session"). Writes that are not aligned to the file system's
 * block (a file's last, short block), small files and file systems that refuse direct I/O go
 * through the page cache as before; a direct write that fails is tried once more through the page
 * cache, and direct I/O is left for the rest of the download.
 *
 * <p>{@link #channel()} is the ordinary channel on the same file, for reads, size, truncation and
 * the final force: the kernel keeps both views coherent. One thread uses a temporary file.
 */
final class TempFile implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TempFile.class);
    /** Downloads smaller than this go through the page cache: a direct write waits for the disk. */
    static final long DIRECT_MIN_BYTES = 8L << 20;
    /** The aligned buffer data goes through on its way to a direct write (one per open temporary file). */
    static final int COPY_CHUNK_BYTES = 1 << 20;
    /** The largest file system block direct writes are tried with: the smallest block size of a file. */
    private static final long MAX_ALIGNMENT = 128 << 10;
    /** Copy buffers kept for the next download: direct memory is freed only by a collection. */
    private static final BlockingQueue<ByteBuffer> SPARE_COPY_BUFFERS = new ArrayBlockingQueue<>(4);
    private static final OpenOption DIRECT = directOption();

    private final Path file;
    private final FileChannel channel;
    private final int createdBits;
    private FileChannel direct;
    private long alignment;
    private ByteBuffer copyBuffer;

    private TempFile(Path file, FileChannel channel, int createdBits) {
        this.file = file;
        this.channel = channel;
        this.createdBits = createdBits;
    }

    /**
     * Opens (creating) the temporary file of a download of {@code size} bytes, links not followed.
     * A file it creates gets permission bits {@code bits} (the umask applies) unless {@code bits}
     * is 0; {@link #createdBits()} tells whether it created the file.
     *
     * @throws java.nio.file.NoSuchFileException if its directory is missing
     */
    static TempFile open(Path file, long size, int bits) throws IOException {
        FileChannel channel = null;
        int created = -1;
        if (bits != 0) {
            try {
                channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                        PosixFilePermissions.asFileAttribute(FolderFiles.permissions(bits)));
                created = bits;
            } catch (FileAlreadyExistsException e) {
                // a download to resume: opened as it is below
            }
        }
        if (channel == null) {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        }
        TempFile temp = new TempFile(file, channel, created);
        if (size >= DIRECT_MIN_BYTES && DIRECT != null) {
            temp.openDirect();
        }
        return temp;
    }

    private void openDirect() {
        try {
            alignment = Files.getFileStore(file).getBlockSize();
            if (alignment < 512 || alignment > MAX_ALIGNMENT || Long.bitCount(alignment) != 1) {
                return; // not a block size our blocks (multiples of 128 KiB) and buffers line up with
            }
            direct = FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS, DIRECT);
        } catch (IOException | UnsupportedOperationException e) {
            // tmpfs before Linux 6.6, some FUSE and network file systems: the page cache it is.
            LOG.debug("{}: no direct I/O here ({}); writing through the page cache", file, e.toString());
            direct = null;
        }
    }

    /** @return the permission bits this file was created with before the umask, or -1 if it existed already */
    int createdBits() {
        return createdBits;
    }

    /** @return the ordinary channel on the file: for reads, size, truncate and force */
    FileChannel channel() {
        return channel;
    }

    /** @return whether writes of aligned blocks bypass the page cache */
    boolean isDirect() {
        return direct != null;
    }

    /** Writes all of {@code data} at {@code offset}. */
    void write(ByteBuffer data, long offset) throws IOException {
        long at = offset;
        if (direct != null && aligned(offset, data.remaining())) {
            // Through our own aligned buffer: the JDK's copy of a heap buffer for a direct
            // channel caches a cleaner-less slice that a later I/O of the thread fails to free
            // (NullPointerException in sun.nio.ch.Util.free, JDK 17.0.15).
            ByteBuffer buffer = copyBuffer();
            while (data.hasRemaining() && direct != null) {
                int n = Math.min(buffer.capacity(), data.remaining());
                buffer.clear();
                buffer.put(buffer.position(), data, data.position(), n).limit(n);
                if (!writeDirect(buffer, at)) {
                    break;
                }
                data.position(data.position() + n);
                at += n;
            }
        }
        Blocks.writeFully(channel, data, at);
    }

    /** @return false if the write failed and direct I/O was given up (nothing counts as written then) */
    private boolean writeDirect(ByteBuffer aligned, long offset) {
        try {
            Blocks.writeFully(direct, aligned, offset);
            return true;
        } catch (IOException e) {
            giveUpDirect(e);
            return false;
        }
    }

    /**
     * Copies {@code length} bytes of {@code source} from {@code sourceOffset} to
     * {@code targetOffset}: through a buffer of ours into direct writes where aligned, else
     * in the kernel ({@link FileChannel#transferTo}).
     *
     * @return the bytes copied: fewer than {@code length} if the source ended first
     */
    long copyFrom(FileChannel source, long sourceOffset, long length, long targetOffset) throws IOException {
        long moved = 0;
        if (direct != null && targetOffset % alignment == 0) {
            long alignedLength = length - length % alignment;
            moved = copyDirect(source, sourceOffset, alignedLength, targetOffset);
            if (moved < alignedLength && direct != null) {
                return moved; // the source ended (a copy that gave up direct I/O goes on below)
            }
        }
        channel.position(targetOffset + moved);
        while (moved < length) {
            long n = source.transferTo(sourceOffset + moved, length - moved, channel);
            if (n <= 0) {
                break;
            }
            moved += n;
        }
        return moved;
    }

    private long copyDirect(FileChannel source, long sourceOffset, long length, long targetOffset) throws IOException {
        ByteBuffer buffer = copyBuffer();
        long moved = 0;
        while (moved < length && direct != null) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), length - moved));
            if (!Blocks.readFully(source, buffer, sourceOffset + moved)) {
                return moved; // the source is shorter than its entry says
            }
            buffer.flip();
            if (!writeDirect(buffer, targetOffset + moved)) {
                break; // the caller copies the rest through the page cache
            }
            moved += buffer.limit();
        }
        return moved;
    }

    private ByteBuffer copyBuffer() {
        if (copyBuffer == null) {
            copyBuffer = SPARE_COPY_BUFFERS.poll();
            if (copyBuffer == null || copyBuffer.alignmentOffset(0, (int) alignment) != 0) {
                copyBuffer = ByteBuffer.allocateDirect(COPY_CHUNK_BYTES + (int) alignment)
                        .alignedSlice((int) alignment).limit(COPY_CHUNK_BYTES).slice();
            }
        }
        return copyBuffer;
    }

    private boolean aligned(long offset, int length) {
        return offset % alignment == 0 && length % alignment == 0 && length > 0;
    }

    private void giveUpDirect(IOException e) {
        LOG.debug("{}: a direct write failed ({}); writing through the page cache from here", file, e.toString());
        closeDirect();
    }

    private void closeDirect() {
        if (direct != null) {
            try {
                direct.close();
            } catch (IOException e) {
                // the same file stays open through the ordinary channel, which is forced and closed
            }
            direct = null;
        }
    }

    /** Closes both channels (without forcing: {@link FileChannel#force} on {@link #channel()} does that). */
    @Override
    public void close() throws IOException {
        closeDirect();
        if (copyBuffer != null) {
            SPARE_COPY_BUFFERS.offer(copyBuffer);
            copyBuffer = null;
        }
        channel.close();
    }

    /** @return {@code O_DIRECT}, or null where this runtime does not offer it to us (an OSGi framework hiding it) */
    private static OpenOption directOption() {
        try {
            return com.sun.nio.file.ExtendedOpenOption.DIRECT;
        } catch (LinkageError e) {
            return null;
        }
    }
}
