package org.swarmsync.bittorrent.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A torrent's payload on disk: piece-addressed reads and writes across its files. Every file
 * resolves strictly inside the folder given, whatever the metainfo says.
 */
final class PieceStore implements Closeable {

    private final Metainfo meta;
    private final List<FileChannel> channels;

    private PieceStore(Metainfo meta, List<FileChannel> channels) {
        this.meta = meta;
        this.channels = channels;
    }

    /** Opens an existing payload for seeding. */
    static PieceStore openForReading(Metainfo meta, Path folder) throws IOException {
        return open(meta, folder, false);
    }

    /** Creates (or reopens) the payload's files for downloading. */
    static PieceStore openForWriting(Metainfo meta, Path folder) throws IOException {
        return open(meta, folder, true);
    }

    private static PieceStore open(Metainfo meta, Path folder, boolean write) throws IOException {
        Path root = folder.toAbsolutePath().normalize();
        List<FileChannel> channels = new ArrayList<>();
        try {
            for (TorrentFile file : meta.files()) {
                Path path = resolve(root, meta, file);
                if (write) {
                    Files.createDirectories(path.getParent());
                    FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE,
                            StandardOpenOption.READ, StandardOpenOption.WRITE);
                    channels.add(channel);
                    if (channel.size() > file.length()) {
                        channel.truncate(file.length());
                    }
                } else {
                    FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
                    channels.add(channel);
                    if (channel.size() != file.length()) {
                        throw new IOException(path + " holds " + channel.size() + " bytes, the torrent says "
                                + file.length());
                    }
                }
            }
            return new PieceStore(meta, channels);
        } catch (IOException | RuntimeException e) {
            for (FileChannel channel : channels) {
                channel.close();
            }
            throw e;
        }
    }

    private static Path resolve(Path root, Metainfo meta, TorrentFile file) throws IOException {
        Path path = meta.multiFile() ? root.resolve(meta.name()) : root;
        for (String segment : file.path()) {
            path = path.resolve(segment);
        }
        path = path.normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IOException("torrent path leaves the folder " + root);
        }
        return path;
    }

    /** Reads {@code dst.remaining()} bytes of the payload starting at piece {@code index} + {@code begin}. */
    void read(int index, int begin, ByteBuffer dst) throws IOException {
        transfer((long) index * meta.pieceLength() + begin, dst, false);
    }

    /** Writes {@code src} into the payload starting at piece {@code index}. */
    void write(int index, ByteBuffer src) throws IOException {
        transfer((long) index * meta.pieceLength(), src, true);
    }

    private void transfer(long position, ByteBuffer buffer, boolean write) throws IOException {
        List<TorrentFile> files = meta.files();
        for (int i = 0; i < files.size() && buffer.hasRemaining(); i++) {
            TorrentFile file = files.get(i);
            long end = file.offset() + file.length();
            if (position >= end) {
                continue;
            }
            long inFile = position - file.offset();
            int count = (int) Math.min(buffer.remaining(), end - position);
            ByteBuffer slice = buffer.slice(buffer.position(), count);
            FileChannel channel = channels.get(i);
            while (slice.hasRemaining()) {
                long at = inFile + slice.position();
                int n = write ? channel.write(slice, at) : channel.read(slice, at);
                if (n < 0) {
                    throw new IOException("unexpected end of file " + file.path());
                }
            }
            buffer.position(buffer.position() + count);
            position += count;
        }
        if (buffer.hasRemaining()) {
            throw new IOException("piece range runs past the end of the payload");
        }
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (FileChannel channel : channels) {
            try {
                channel.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
