package org.swarmsync.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameter;
import org.junit.runners.Parameterized.Parameters;

/**
 * Our BitTorrent peer against libtorrent 2.0.8 (Debian python3-libtorrent) on 127.0.0.1,
 * both directions, over each transport: the bytes must arrive whole, and libtorrent must
 * report the connection on the transport we asked for.
 */
@RunWith(Parameterized.class)
public class LibtorrentInteropIT {

    private static final long SIZE = 32L << 20;
    private static final long TIMEOUT = 120;

    @ClassRule
    public static final TemporaryFolder TMP = new TemporaryFolder();

    private static Path work;
    private static Path torrent;
    private static Path payload;

    @BeforeClass
    public static void makeTorrent() throws Exception {
        work = TMP.getRoot().toPath();
        torrent = work.resolve("payload.torrent");
        try (Processes make = Processes.start("lt-make", work, Processes.libtorrent("make", "--data", "seed",
                "--torrent", torrent.toString(), "--size", Long.toString(SIZE), "--piece", "256"))) {
            make.assertExitsWith(0, TIMEOUT);
        }
        payload = work.resolve("seed/payload.bin");
        assertEquals(SIZE, Files.size(payload));
    }

    /** Who seeds: libtorrent (we fetch) or us (libtorrent fetches). */
    enum Direction { WE_FETCH, LIBTORRENT_FETCHES }

    /** Every pairing the issues ask for, each one run. */
    @Parameters(name = "{0} over {1}, crypto {2}")
    public static List<Object[]> pairings() {
        List<Object[]> all = new ArrayList<>();
        for (String transport : List.of("tcp", "utp")) {
            for (Direction direction : Direction.values()) {
                all.add(new Object[] {direction, transport, Crypto.NONE});
                all.add(new Object[] {direction, transport, Crypto.FORCED_RC4});
            }
        }
        // libtorrent as shipped: as seed it answers our offer with plaintext, as fetcher it gets RC4
        all.add(new Object[] {Direction.WE_FETCH, "tcp", Crypto.LIBTORRENT_DEFAULT});
        all.add(new Object[] {Direction.LIBTORRENT_FETCHES, "utp", Crypto.LIBTORRENT_DEFAULT});
        return all;
    }

    @Parameter(0)
    public Direction direction;

    @Parameter(1)
    public String transport;

    @Parameter(2)
    public Crypto crypto;

    @Test
    public void theBytesArriveWholeOverTheTransportAndCipherAskedFor() throws Exception {
        if (direction == Direction.WE_FETCH) {
            weFetchFromLibtorrent();
        } else {
            libtorrentFetchesFromUs();
        }
    }

    /** What each side is told about encryption, and what libtorrent must then report. */
    enum Crypto {
        /** No MSE on either side. */
        NONE("none", "none", "none", "\"rc4\": false, \"plaintext_encrypted\": false"),
        /** libtorrent forces MSE with RC4 only; we offer MSE with both methods. */
        FORCED_RC4("rc4", "mse", "rc4", "\"rc4\": true"),
        /**
         * libtorrent as shipped: MSE allowed, plaintext preferred. We run MSE offering both:
         * as responder it picks plaintext, as initiator we pick RC4 (our policy prefers it).
         */
        LIBTORRENT_DEFAULT("default", "mse", null, null);

        final String libtorrent;
        final String ours;
        final String expectedCipher;
        final String expectedFlags;

        Crypto(String libtorrent, String ours, String expectedCipher, String expectedFlags) {
            this.libtorrent = libtorrent;
            this.ours = ours;
            this.expectedCipher = expectedCipher;
            this.expectedFlags = expectedFlags;
        }
    }

    private void weFetchFromLibtorrent() throws Exception {
        Path out = Files.createTempDirectory(work, "fetched-");
        try (Processes seed = Processes.start("lt-seed", work, Processes.libtorrent("seed", "--data", "seed",
                "--torrent", torrent.toString(), "--transport", transport, "--crypto", crypto.libtorrent,
                "--timeout", Long.toString(TIMEOUT)))) {
            int port = jsonInt(seed.awaitLine(l -> l.contains("\"listening\""), 30), "port");
            try (Processes fetch = Processes.start("swarmsync-fetch", work, Processes.launcher("torrent", "fetch",
                    "--transport", transport, "--crypto", crypto.ours, "127.0.0.1:" + port, torrent.toString(),
                    out.toString()))) {
                fetch.assertExitsWith(0, TIMEOUT);
                assertTrue(fetch.output(), fetch.output().contains("over " + transport));
                // A default libtorrent answers our offer of both with the lowest bit: plaintext.
                String cipher = crypto == Crypto.LIBTORRENT_DEFAULT ? "plaintext" : crypto.expectedCipher;
                assertTrue(fetch.output(), fetch.output().endsWith("cipher " + cipher));
            }
            String connected = seed.awaitLine(l -> l.contains("\"connected\""), 30);
            assertTrue(connected, connected.contains("\"utp\": " + transport.equals("utp")));
            String flags = crypto == Crypto.LIBTORRENT_DEFAULT ? "\"plaintext_encrypted\": true"
                    : crypto.expectedFlags;
            assertTrue(connected, connected.contains(flags));
        }
        assertSameBytes(payload, out.resolve("payload.bin"));
    }

    private void libtorrentFetchesFromUs() throws Exception {
        Path out = Files.createTempDirectory(work, "lt-fetched-");
        try (Processes seed = Processes.start("swarmsync-seed", work, Processes.launcher("torrent", "seed",
                "--transport", transport, "--crypto", crypto.ours, "--bind", "127.0.0.1", "--port", "0",
                "--timeout", Long.toString(TIMEOUT), torrent.toString(), work.resolve("seed").toString()))) {
            Matcher on = Pattern.compile(" on 127\\.0\\.0\\.1:(\\d+) over " + transport)
                    .matcher(seed.awaitLine(l -> l.startsWith("seeding "), 30));
            assertTrue(on.find());
            try (Processes fetch = Processes.start("lt-fetch", work, Processes.libtorrent("fetch", "--data",
                    out.toString(), "--torrent", torrent.toString(), "--transport", transport, "--crypto",
                    crypto.libtorrent, "--peer", on.group(1), "--timeout", Long.toString(TIMEOUT)))) {
                fetch.assertExitsWith(0, TIMEOUT);
                assertTrue(fetch.output(), fetch.output().contains("\"utp\": " + transport.equals("utp")));
                // A default libtorrent initiator offers both; our seed prefers RC4.
                String flags = crypto == Crypto.LIBTORRENT_DEFAULT ? "\"rc4\": true" : crypto.expectedFlags;
                assertTrue(fetch.output(), fetch.output().contains(flags));
                assertTrue(fetch.output(), fetch.output().contains("\"done\""));
            }
            seed.assertExitsWith(0, TIMEOUT);
            String cipher = crypto == Crypto.LIBTORRENT_DEFAULT ? "rc4" : crypto.expectedCipher;
            assertTrue(seed.output(), seed.output().contains("seeded ") && seed.output().endsWith("cipher " + cipher));
        }
        assertSameBytes(payload, out.resolve("payload.bin"));
    }

    private static int jsonInt(String line, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": (\\d+)").matcher(line);
        assertTrue(line, m.find());
        return Integer.parseInt(m.group(1));
    }

    private static void assertSameBytes(Path expected, Path actual) throws IOException {
        assertEquals(Files.size(expected), Files.size(actual));
        assertEquals("first differing byte", -1L, Files.mismatch(expected, actual));
    }
}
