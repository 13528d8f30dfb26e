package org.swarmsync.bittorrent.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.swarmsync.codec.bencode.BBytes;
import org.swarmsync.codec.bencode.BDict;
import org.swarmsync.codec.bencode.BList;
import org.swarmsync.codec.bencode.BValue;
import org.swarmsync.codec.bencode.BencodeDecoder;
import org.swarmsync.codec.bencode.BencodeException;
import org.swarmsync.codec.bencode.DecodeLimits;
import org.swarmsync.codec.bencode.Bencode;

/**
 * A BitTorrent v1 metainfo file (BEP 3), single- or multi-file.
 *
 * <p>The info-hash is the SHA-1 of the {@code info} value re-encoded: the strict decoder
 * accepts only canonical input, so the re-encoding equals the bytes as received.
 *
 * @param infoHash the 20-byte SHA-1 of the info dictionary
 * @param name the suggested name of the file or folder
 * @param pieceLength bytes per piece (the last may be shorter)
 * @param pieceHashes the 20-byte SHA-1 of every piece, concatenated
 * @param files the files, in payload order
 * @param totalLength the payload's length
 * @param multiFile whether the payload is a folder of files
 */
record Metainfo(byte[] infoHash, String name, int pieceLength, byte[] pieceHashes, List<TorrentFile> files,
        long totalLength, boolean multiFile) {

    static final int HASH_LENGTH = 20;
    private static final int MAX_TORRENT_BYTES = 64 << 20;
    private static final int MAX_PIECE_LENGTH = 64 << 20;
    private static final int MAX_FILES = 1_000_000;

    Metainfo {
        files = List.copyOf(files);
    }

    /** @return the number of pieces */
    int pieceCount() {
        return pieceHashes.length / HASH_LENGTH;
    }

    /** @return the length of one piece: {@link #pieceLength()} except perhaps for the last */
    int pieceSize(int index) {
        long start = (long) index * pieceLength;
        return (int) Math.min(pieceLength, totalLength - start);
    }

    /** @return a copy of piece {@code index}'s expected SHA-1 */
    byte[] pieceHash(int index) {
        byte[] hash = new byte[HASH_LENGTH];
        System.arraycopy(pieceHashes, index * HASH_LENGTH, hash, 0, HASH_LENGTH);
        return hash;
    }

    String infoHashHex() {
        return HexFormat.of().formatHex(infoHash);
    }

    /**
     * Parses a .torrent file.
     *
     * @throws MetainfoException naming what is missing or wrong
     */
    static Metainfo parse(byte[] torrent) throws MetainfoException {
        if (torrent.length > MAX_TORRENT_BYTES) {
            throw new MetainfoException("torrent file is larger than " + MAX_TORRENT_BYTES + " bytes");
        }
        BDict root;
        try {
            BValue value = BencodeDecoder.strict(DecodeLimits.DEFAULT.withMaxInputBytes(MAX_TORRENT_BYTES))
                    .decode(torrent);
            root = value.asDict();
        } catch (BencodeException e) {
            throw new MetainfoException("not a valid torrent file: " + e.getMessage(), e);
        }
        try {
            BDict info = root.dict("info");
            String name = segment(info.utf8("name"), "info.name");
            long pieceLength = info.integer("piece length", 1, MAX_PIECE_LENGTH);
            BBytes pieces = info.bytes("pieces");
            if (pieces.length() == 0 || pieces.length() % HASH_LENGTH != 0) {
                throw new MetainfoException("info.pieces must be a non-empty multiple of 20 bytes, got "
                        + pieces.length());
            }
            List<TorrentFile> files = new ArrayList<>();
            boolean multiFile = info.containsKey("files");
            long total = 0;
            if (multiFile) {
                BList list = info.list("files");
                if (list.size() == 0 || list.size() > MAX_FILES) {
                    throw new MetainfoException("info.files must hold 1 to " + MAX_FILES + " files, got " + list.size());
                }
                for (int i = 0; i < list.size(); i++) {
                    BDict file = list.dict(i);
                    long length = file.integer("length", 0, Long.MAX_VALUE - total);
                    List<String> path = new ArrayList<>();
                    for (BBytes part : file.list("path").byteStrings()) {
                        path.add(segment(part.utf8(), "info.files[" + i + "].path"));
                    }
                    if (path.isEmpty()) {
                        throw new MetainfoException("info.files[" + i + "].path is empty");
                    }
                    files.add(new TorrentFile(path, length, total));
                    total += length;
                }
            } else {
                long length = info.integer("length", 0, Long.MAX_VALUE);
                files.add(new TorrentFile(List.of(name), length, 0));
                total = length;
            }
            long expectedPieces = (total + pieceLength - 1) / pieceLength;
            if (pieces.length() / HASH_LENGTH != Math.max(1, expectedPieces)) {
                throw new MetainfoException("info.pieces holds " + pieces.length() / HASH_LENGTH
                        + " hashes but the payload needs " + expectedPieces);
            }
            return new Metainfo(sha1(Bencode.encode(info)), name, (int) pieceLength, pieces.toByteArray(),
                    files, total, multiFile);
        } catch (BencodeException e) {
            throw new MetainfoException("bad torrent file: " + e.getMessage(), e);
        }
    }

    /** A path segment that cannot climb out of, or name a place outside, the download folder. */
    private static String segment(String part, String field) throws MetainfoException {
        if (part.isEmpty() || part.equals(".") || part.equals("..")) {
            throw new MetainfoException(field + " has an empty, '.' or '..' segment");
        }
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '/' || c == '\\' || c == 0) {
                throw new MetainfoException(field + " has a segment with a '/', '\\' or NUL character");
            }
        }
        return part;
    }

    static byte[] sha1(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-1", e);
        }
    }
}
