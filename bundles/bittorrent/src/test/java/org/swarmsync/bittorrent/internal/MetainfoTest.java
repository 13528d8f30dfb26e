package org.swarmsync.bittorrent.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.Test;

public class MetainfoTest {

    private final byte[] data = new byte[100_000];

    public MetainfoTest() {
        new Random(7).nextBytes(data);
    }

    @Test
    public void infoHashIsTheSha1OfTheInfoBytesAsTheyStandInTheFile() throws Exception {
        byte[] torrent = Torrents.singleFile("a.bin", data, 16384);
        // Find the info value by its position in the file, independently of our encoder.
        String text = new String(torrent, StandardCharsets.ISO_8859_1);
        int start = text.indexOf("4:info") + "4:info".length();
        byte[] infoBytes = Arrays.copyOfRange(torrent, start, torrent.length - 1);
        byte[] expected = MessageDigest.getInstance("SHA-1").digest(infoBytes);

        Metainfo meta = Metainfo.parse(torrent);
        assertArrayEquals(expected, meta.infoHash());
        assertEquals("a.bin", meta.name());
        assertEquals(7, meta.pieceCount());
        assertEquals(100_000 - 6 * 16384, meta.pieceSize(6));
        assertEquals(16384, meta.pieceSize(0));
        assertFalse(meta.multiFile());
    }

    @Test
    public void multiFileTorrentLaysFilesEndToEnd() throws Exception {
        Metainfo meta = Metainfo.parse(Torrents.multiFile("dir", List.of(List.of("x", "one"), List.of("two")),
                List.of(new byte[10], new byte[20]), 16));
        assertTrue(meta.multiFile());
        assertEquals(30, meta.totalLength());
        assertEquals(List.of("x", "one"), meta.files().get(0).path());
        assertEquals(10, meta.files().get(1).offset());
        assertEquals(2, meta.pieceCount());
    }

    @Test
    public void pathThatClimbsOutOfTheFolderIsRefused() throws Exception {
        MetainfoException e = assertThrows(MetainfoException.class, () -> Metainfo.parse(Torrents.multiFile("dir",
                List.of(List.of("..", "evil")), List.of(new byte[1]), 16)));
        assertEquals("info.files[0].path has an empty, '.' or '..' segment", e.getMessage());
    }

    @Test
    public void segmentWithASlashIsRefused() throws Exception {
        MetainfoException e = assertThrows(MetainfoException.class, () -> Metainfo.parse(Torrents.multiFile("dir",
                List.of(List.of("a/../../b")), List.of(new byte[1]), 16)));
        assertTrue(e.getMessage(), e.getMessage().contains("'/'"));
    }

    @Test
    public void nameThatIsDotDotIsRefused() throws Exception {
        assertThrows(MetainfoException.class, () -> Metainfo.parse(Torrents.singleFile("..", data, 16384)));
    }

    @Test
    public void wrongNumberOfPieceHashesIsRefused() throws Exception {
        byte[] torrent = Torrents.singleFile("a.bin", data, 16384);
        byte[] other = Torrents.singleFile("a.bin", Arrays.copyOf(data, 20_000), 16384);
        // Same length field but the hashes of a shorter payload: lengths disagree.
        String bad = new String(torrent, StandardCharsets.ISO_8859_1).replace("6:lengthi100000e", "6:lengthi20000e");
        MetainfoException e = assertThrows(MetainfoException.class,
                () -> Metainfo.parse(bad.getBytes(StandardCharsets.ISO_8859_1)));
        assertTrue(e.getMessage(), e.getMessage().contains("holds 7 hashes but the payload needs 2"));
        Metainfo.parse(other); // and the honest one parses
    }

    @Test
    public void nonCanonicalTorrentIsRefusedWithTheOffset() {
        byte[] unsorted = "d4:infod4:name1:a6:lengthi1eee".getBytes(StandardCharsets.US_ASCII);
        MetainfoException e = assertThrows(MetainfoException.class, () -> Metainfo.parse(unsorted));
        assertTrue(e.getMessage(), e.getMessage().contains("offset"));
    }

    @Test
    public void garbageIsRefused() {
        MetainfoException e = assertThrows(MetainfoException.class,
                () -> Metainfo.parse("not a torrent".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(e.getMessage(), e.getMessage().startsWith("not a valid torrent file"));
    }

    @Test
    public void missingInfoIsRefusedNamingTheKey() {
        MetainfoException e = assertThrows(MetainfoException.class,
                () -> Metainfo.parse("d8:announce3:urle".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(e.getMessage(), e.getMessage().contains("info"));
    }
}
