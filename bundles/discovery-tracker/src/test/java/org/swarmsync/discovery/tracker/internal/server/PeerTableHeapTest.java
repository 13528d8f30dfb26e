package org.swarmsync.discovery.tracker.internal.server;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.swarmsync.api.discovery.PeerId;
import org.swarmsync.api.secrets.ShareHash;
import org.swarmsync.discovery.tracker.internal.wire.Endpoint;

/**
 * The heap a full table of 100,000 shares x 10 peers retains. The test asserts a bound; the
 * {@link #main} prints the figure. From the module, after {@code mvn install}:
 * <pre>
 * R=$HOME/.m2/repository/org/swarmsync; V=0.1.0-SNAPSHOT
 * java -cp target/classes:target/test-classes:$R/swarmsync-api/$V/swarmsync-api-$V.jar:$R/swarmsync-codec/$V/swarmsync-codec-$V.jar \
 *     org.swarmsync.discovery.tracker.internal.server.PeerTableHeapTest
 * </pre>
 */
public class PeerTableHeapTest {

    /** Generous: the packed layout measures about half of this. */
    static final long BOUND_MB = 128;

    @Test
    public void aMillionPeersInAHundredThousandSharesFitInTheBound() {
        Measured m = measure();
        assertEquals(1_000_000, m.table.peerCount());
        assertEquals(100_000, m.table.shareCount());
        assertTrue("retained " + m.megabytes + " MB", m.megabytes < BOUND_MB);
    }

    /** Prints the retained heap of the full table, in MB. */
    public static void main(String[] args) {
        Measured m = measure();
        System.out.printf("peer table, %d shares x %d peers = %d peers: %.1f MB retained (%.0f bytes per peer)%n",
                m.table.shareCount(), m.table.peerCount() / m.table.shareCount(), m.table.peerCount(), m.megabytes,
                m.megabytes * 1024 * 1024 / m.table.peerCount());
    }

    record Measured(PeerTable table, double megabytes) {
    }

    static Measured measure() {
        ServerLimits limits = ServerLimits.DEFAULTS.withTtlSeconds(86_400).withTable(100_000, 10, 1_000_000);
        long before = usedAfterGc();
        PeerTable table = new PeerTable(limits);
        byte[] shareBytes = new byte[ShareHash.LENGTH];
        byte[] peerBytes = new byte[PeerId.LENGTH];
        long now = TrackerServerCoreTest.T0;
        for (int s = 0; s < 100_000; s++) {
            TrackerSoakTest.writeInt(shareBytes, 0, s);
            ShareKey key = ShareKey.of(ShareHash.of(shareBytes));
            for (int p = 0; p < 10; p++) {
                TrackerSoakTest.writeInt(peerBytes, 0, s);
                peerBytes[4] = (byte) p;
                table.announce(key, PeerId.of(peerBytes), new Endpoint(0x0A000000 | s * 10 + p, 4000),
                        new Endpoint(0xC0A80000 | p, 3838), now);
            }
        }
        long after = usedAfterGc();
        return new Measured(table, (after - before) / (1024.0 * 1024.0));
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
