package org.swarmsync.bittorrent.internal;

import java.util.List;

/**
 * One file of a torrent.
 *
 * @param path the path below the torrent's folder (for a single-file torrent, its name), as
 *        validated segments
 * @param length the file's length in bytes
 * @param offset where the file starts in the torrent's concatenated payload
 */
record TorrentFile(List<String> path, long length, long offset) {

    TorrentFile {
        path = List.copyOf(path);
    }
}
