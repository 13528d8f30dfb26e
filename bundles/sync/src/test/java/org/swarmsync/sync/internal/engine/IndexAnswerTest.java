package org.swarmsync.sync.internal.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.Test;
import org.swarmsync.sync.internal.engine.Swarm.Node;
import org.swarmsync.sync.internal.protocol.BlockRequest;
import org.swarmsync.sync.internal.protocol.IndexUpdate;
import org.swarmsync.sync.internal.session.PeerInfo;
import org.swarmsync.sync.internal.session.PeerSession;
import org.swarmsync.sync.internal.session.Role;
import org.swarmsync.sync.internal.session.SessionEnd;
import org.swarmsync.sync.internal.session.SessionListener;
import org.swarmsync.transport.tcp.internal.TcpOptions;
import org.swarmsync.transport.tcp.internal.TcpTransport;

/**
 * A new device that needs a large index gets a small first frame, so it can start pulling
 * before the rest is read and sent; the rest comes in full frames, and all of it arrives.
 */
public class IndexAnswerTest extends SwarmTestBase {

    private static final int FILES = 2500;

    @Test
    public void theFirstFrameOfAnAnswerIsSmallAndTheRestFollows() throws Exception {
        Node a = swarm.create("a", secret);
        for (int i = 0; i < FILES; i++) {
            Trees.write(a.root, "d" + i % 25 + "/f" + i, Trees.random(random, 10));
        }
        a.start();
        Swarm.await("a scanned", () -> a.engine.status().localFiles() == FILES);
        Node b = swarm.add("b", secret);

        List<IndexUpdate> frames = new CopyOnWriteArrayList<>();
        SessionListener engine = b.engine.sessionListener();
        SessionListener recording = new SessionListener() {
            @Override
            public void onAuthenticated(PeerSession session, PeerInfo peer) {
                engine.onAuthenticated(session, peer);
            }

            @Override
            public void onWant(PeerSession session, long since) {
                engine.onWant(session, since);
            }

            @Override
            public void onIndex(PeerSession session, IndexUpdate update) {
                frames.add(update);
                engine.onIndex(session, update);
            }

            @Override
            public void onRequest(PeerSession session, BlockRequest request) {
                engine.onRequest(session, request);
            }

            @Override
            public void onClosed(PeerSession session, SessionEnd end) {
                engine.onClosed(session, end);
            }
        };
        TcpTransport tcp = new TcpTransport(TcpOptions.DEFAULTS);
        PeerSession session = PeerSession.start(tcp.connect(a.listening.localAddress(), Duration.ofSeconds(5)),
                Role.INITIATOR, new byte[0], b.engine.sessionConfig(), recording);
        try {
            Swarm.await("the whole answer arrived", () -> frames.stream().anyMatch(IndexUpdate::done));
            int entries = frames.stream().takeWhile(f -> !f.done()).mapToInt(f -> f.files().size()).sum()
                    + frames.stream().filter(IndexUpdate::done).findFirst().orElseThrow().files().size();
            assertEquals("every file and directory", FILES + 25, entries);
            assertEquals(IndexAnnouncer.FIRST_SLICE, frames.get(0).files().size());
            assertTrue("later frames are full ones: " + frames.get(1).files().size(),
                    frames.get(1).files().size() == IndexAnnouncer.SLICE);
            swarm.awaitSameTrees();
        } finally {
            session.close("test over");
            session.awaitClosed(Duration.ofSeconds(5));
        }
    }
}
