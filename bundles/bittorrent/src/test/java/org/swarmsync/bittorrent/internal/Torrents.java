package org.swarmsync.bittorrent.internal;

import java.security.MessageDigest;
import java.util.List;

import org.swarmsync.codec.bencode.BDict;
import org.swarmsync.codec.bencode.BList;
import org.swarmsync.codec.bencode.Bencode;

/** Builds .torrent files for tests. */
final class Torrents {

    private Torrents() {
    }

    /** A single-file torrent of {@code data}. */
    static byte[] singleFile(String name, byte[] data, int pieceLength) throws Exception {
        return Bencode.encode(BDict.builder()
                .putUtf8("announce", "udp://127.0.0.1:1/announce")
                .put("info", BDict.builder()
                        .put("length", data.length)
                        .putUtf8("name", name)
                        .put("piece length", pieceLength)
                        .put("pieces", pieces(data, pieceLength))
                        .build())
                .build());
    }

    /** A multi-file torrent of the given files, concatenated in order. */
    static byte[] multiFile(String name, List<List<String>> paths, List<byte[]> contents, int pieceLength)
            throws Exception {
        BList.Builder files = BList.builder();
        int total = 0;
        for (int i = 0; i < paths.size(); i++) {
            BList.Builder path = BList.builder();
            paths.get(i).forEach(path::addUtf8);
            files.add(BDict.builder().put("length", contents.get(i).length).put("path", path.build()).build());
            total += contents.get(i).length;
        }
        byte[] all = new byte[total];
        int at = 0;
        for (byte[] content : contents) {
            System.arraycopy(content, 0, all, at, content.length);
            at += content.length;
        }
        return Bencode.encode(BDict.builder()
                .put("info", BDict.builder()
                        .put("files", files.build())
                        .putUtf8("name", name)
                        .put("piece length", pieceLength)
                        .put("pieces", pieces(all, pieceLength))
                        .build())
                .build());
    }

    static byte[] pieces(byte[] data, int pieceLength) throws Exception {
        int count = Math.max(1, (data.length + pieceLength - 1) / pieceLength);
        byte[] hashes = new byte[count * 20];
        for (int i = 0; i < count; i++) {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            int from = i * pieceLength;
            sha1.update(data, from, Math.min(pieceLength, data.length - from));
            System.arraycopy(sha1.digest(), 0, hashes, i * 20, 20);
        }
        return hashes;
    }
}
