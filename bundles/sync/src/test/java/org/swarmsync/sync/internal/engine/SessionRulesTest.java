package org.swarmsync.sync.internal.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Arrays;

import org.junit.Test;
import org.swarmsync.sync.internal.engine.Swarm.Node;
import org.swarmsync.sync.internal.session.PeerSession;
import org.swarmsync.sync.internal.session.Role;

/** One session per pair of peers, chosen alike on both sides; none with ourselves. */
public class SessionRulesTest extends SwarmTestBase {

    @Test
    public void twoSessionsBetweenTheSamePeersLeaveTheOneTheSmallerIdDialled() throws Exception {
        Node a = swarm.add("a", secret);
        Node b = swarm.add("b", secret);
        PeerSession fromA = swarm.connect(a, b);
        PeerSession fromB = swarm.connect(b, a);
        boolean aSmaller = Arrays.compareUnsigned(a.id.toBytes(), b.id.toBytes()) < 0;
        PeerSession kept = aSmaller ? fromA : fromB;
        PeerSession dropped = aSmaller ? fromB : fromA;

        assertTrue(dropped.awaitClosed(Duration.ofSeconds(10)));
        assertTrue(dropped.end().get().reason().contains(FolderEngine.DUPLICATE));
        Swarm.await("each side sees one session", () -> a.engine.peers().size() == 1 && b.engine.peers().size() == 1);
        assertTrue(kept.isOpen());
        assertEquals(aSmaller ? Role.INITIATOR : Role.RESPONDER, a.engine.registry().link(b.id).get().session.role());
        assertEquals(aSmaller ? Role.RESPONDER : Role.INITIATOR, b.engine.registry().link(a.id).get().session.role());

        // And the kept session works.
        Trees.write(a.root, "hello.txt", Trees.random(random, 1000));
        swarm.awaitSameTrees();
    }

    @Test
    public void aSessionWithOurselvesIsClosed() throws Exception {
        Node a = swarm.add("a", secret);
        PeerSession self = swarm.connect(a, a);
        assertTrue(self.awaitClosed(Duration.ofSeconds(10)));
        assertTrue(self.end().get().toString(), self.end().get().reason().contains("ourselves"));
        assertTrue(a.engine.peers().isEmpty());
        assertFalse(self.isOpen());
    }

    @Test
    public void closingTheEngineClosesItsSessionsAndStopsItsThreads() throws Exception {
        Node a = swarm.add("a", secret);
        Node b = swarm.add("b", secret);
        Trees.write(a.root, "x.txt", Trees.random(random, 1000));
        PeerSession session = swarm.connect(b, a);
        swarm.awaitSameTrees();

        java.util.regex.Pattern ours = java.util.regex.Pattern.compile(
                "swarmsync-(a|timer a|send a|serve a|fetch a|pull a|scan a|watch-a)(-\\d+)?");
        assertTrue("the pattern names a's threads", Thread.getAllStackTraces().keySet().stream()
                .filter(t -> ours.matcher(t.getName()).matches()).count() >= 4);

        a.stop();
        assertTrue(session.awaitClosed(Duration.ofSeconds(10)));
        assertTrue(session.end().get().toString(), session.end().get().reason().contains(FolderEngine.STOPPED));
        Swarm.await("b forgot a", () -> b.engine.peers().isEmpty());
        Swarm.await("a's threads ended", () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && ours.matcher(t.getName()).matches()));
        a.start(); // for the fixture's close
    }
}
