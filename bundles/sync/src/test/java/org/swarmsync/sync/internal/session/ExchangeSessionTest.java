package org.swarmsync.sync.internal.session;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.swarmsync.api.secrets.Secret;
import org.swarmsync.sync.internal.model.FileEntry;
import org.swarmsync.sync.internal.model.Hash256;
import org.swarmsync.sync.internal.model.RelativePath;
import org.swarmsync.sync.internal.protocol.BlockRequest;
import org.swarmsync.sync.internal.protocol.IndexUpdate;
import org.swarmsync.sync.internal.protocol.Limits;
import org.swarmsync.sync.internal.protocol.ProtocolException;
import org.swarmsync.sync.internal.protocol.TestEntries;
import org.swarmsync.sync.internal.session.SessionEnd.Cause;

/** Index exchange and block traffic between two real sessions over TCP on loopback. */
public class ExchangeSessionTest {

    private static final RelativePath FILE = RelativePath.of("docs/readme.txt");

    private Loopback loop;
    private Secret secret;
    private Recorder a;
    private Recorder b;

    @Before
    public void setUp() throws Exception {
        loop = new Loopback();
        secret = AuthenticatorTest.SECRETS.generate();
        a = new Recorder();
        b = new Recorder();
    }

    @After
    public void tearDown() {
        loop.close();
    }

    private PeerSession[] connect() throws Exception {
        PeerSession[] s = loop.pair(secret, a, secret, b, Loopback.FAST);
        a.awaitAuthenticated();
        b.awaitAuthenticated();
        return s;
    }

    private static byte[] content(int length, int seed) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (i * 31 + seed);
        }
        return data;
    }

    private static Hash256 sha256(byte[] data) throws Exception {
        return Hash256.wrap(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private static byte[] bytesOf(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    @Test
    public void fullIndexThenDeltas() throws Exception {
        List<FileEntry> full = TestEntries.files(2500);
        a.onWant = (s, since) -> s.sendIndex(full, 2500, true);
        b.onWant = (s, since) -> s.sendIndex(List.of(), 0, true);
        PeerSession[] s = connect();

        List<FileEntry> received = new ArrayList<>();
        IndexUpdate update;
        int frames = 0;
        do {
            update = b.nextIndex();
            frames++;
            assertEquals(2500, update.sequence());
            received.addAll(update.files());
        } while (!update.done());
        assertEquals(3, frames);
        assertEquals(full, received);
        assertEquals(new IndexUpdate(0, List.of(), true), a.nextIndex());

        FileEntry changed = TestEntries.file("dir/f7", 2501);
        s[0].sendIndex(List.of(changed), 2501, true);
        assertEquals(new IndexUpdate(2501, List.of(changed), true), b.nextIndex());
        assertTrue(s[0].isOpen() && s[1].isOpen());
    }

    @Test
    public void indexBeforeThePeersWantIsALocalError() throws Exception {
        b.autoWant = false;
        PeerSession[] s = connect();
        assertThrows(IllegalStateException.class, () -> s[0].sendIndex(List.of(), 0, true));
    }

    @Test
    public void requestedBlocksArriveVerified() throws Exception {
        byte[] data = content(300_000, 1);
        a.onRequest = (s, r) -> s.sendBlock(r.id(), ByteBuffer.wrap(data, (int) r.offset(), r.length()));
        PeerSession[] s = connect();
        CompletableFuture<ReceivedBlock> first = s[1].request(FILE, 0, 131_072, sha256(java.util.Arrays.copyOf(data, 131_072)));
        CompletableFuture<ReceivedBlock> last = s[1].request(FILE, 262_144, 37_856,
                sha256(java.util.Arrays.copyOfRange(data, 262_144, 300_000)));
        assertEquals(ByteBuffer.wrap(data, 0, 131_072), first.get(10, TimeUnit.SECONDS).data());
        assertEquals(ByteBuffer.wrap(data, 262_144, 37_856).slice(), last.get(10, TimeUnit.SECONDS).data());
        assertTrue(last.get().data().isReadOnly());
        BlockRequest seen = a.nextRequest();
        assertEquals(FILE, seen.path());
        assertEquals(0, s[1].outstandingRequests());
    }

    @Test
    public void aSixteenMebibyteBlockCrossesInOneFrame() throws Exception {
        byte[] data = content(Limits.MAX_BLOCK_LENGTH, 9);
        a.onRequest = (s, r) -> s.sendBlock(r.id(), ByteBuffer.wrap(data));
        PeerSession[] s = connect();
        ByteBuffer got = s[1].request(FILE, 0, data.length, sha256(data)).get(20, TimeUnit.SECONDS).data();
        assertEquals(data.length, got.remaining());
        assertTrue(java.util.Arrays.equals(data, bytesOf(got)));
    }

    @Test
    public void framesReleasedByTheirConsumerCarryLaterBlocksIntact() throws Exception {
        int length = 1 << 20; // a pooled frame, and humongous to G1 when allocated afresh
        byte[] data = content(4 * length, 3);
        a.onRequest = (s, r) -> s.sendBlock(r.id(), ByteBuffer.wrap(data, (int) r.offset(), r.length()));
        PeerSession[] s = connect();
        for (int round = 0; round < 3; round++) {
            // Two in flight at once, released in the other order than they came: each keeps its
            // own bytes until it is released, whatever frame the other one reused.
            List<CompletableFuture<ReceivedBlock>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i += 2) {
                int at = ((round + i) % 4) * length;
                answers.add(s[1].request(FILE, at, length,
                        sha256(java.util.Arrays.copyOfRange(data, at, at + length))));
            }
            ReceivedBlock first = answers.get(0).get(10, TimeUnit.SECONDS);
            ReceivedBlock second = answers.get(1).get(10, TimeUnit.SECONDS);
            int firstAt = (round % 4) * length;
            int secondAt = ((round + 2) % 4) * length;
            assertEquals(ByteBuffer.wrap(data, secondAt, length).slice(), second.data());
            second.release();
            second.release(); // a second release gives nothing back twice
            assertEquals(ByteBuffer.wrap(data, firstAt, length).slice(), first.data());
            first.release();
        }
    }

    @Test
    public void aBlockErrorFailsOnlyThatRequest() throws Exception {
        byte[] data = content(1000, 2);
        a.onRequest = (s, r) -> {
            if (r.path().name().equals("gone")) {
                s.sendBlockError(r.id(), "file deleted");
            } else {
                s.sendBlock(r.id(), ByteBuffer.wrap(data));
            }
        };
        PeerSession[] s = connect();
        CompletableFuture<ReceivedBlock> gone = s[1].request(RelativePath.of("gone"), 0, 1000, sha256(data));
        ExecutionException e = assertThrows(ExecutionException.class, () -> gone.get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof BlockUnavailableException);
        assertEquals("gone at 0 (1000 bytes): the peer no longer has it (file deleted)", e.getCause().getMessage());
        assertEquals(ByteBuffer.wrap(data), s[1].request(FILE, 0, 1000, sha256(data)).get(10, TimeUnit.SECONDS).data());
        assertTrue(s[1].isOpen());
    }

    @Test
    public void dataThatDoesNotMatchItsHashClosesTheSession() throws Exception {
        a.onRequest = (s, r) -> s.sendBlock(r.id(), ByteBuffer.wrap(content(r.length(), 5)));
        PeerSession[] s = connect();
        CompletableFuture<ReceivedBlock> bad = s[1].request(FILE, 0, 1000, sha256(content(1000, 6)));
        ExecutionException e = assertThrows(ExecutionException.class, () -> bad.get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof ProtocolException);
        String reason = "block 0: data does not match the hash of docs/readme.txt at 0 (1000 bytes)";
        assertEquals(new SessionEnd(Cause.PROTOCOL, reason), b.awaitEnd());
        assertEquals(new SessionEnd(Cause.PEER, "the peer closed the session: " + reason), a.awaitEnd());
    }

    @Test
    public void requestersWaitAtTheOutstandingLimit() throws Exception {
        // The server holds every request: nothing comes back until the test answers.
        PeerSession[] s = connect();
        byte[] one = {42};
        Hash256 hash = sha256(one);
        for (int i = 0; i < Limits.MAX_OUTSTANDING_REQUESTS; i++) {
            s[1].request(FILE, i, 1, hash);
        }
        CompletableFuture<CompletableFuture<ReceivedBlock>> extra = CompletableFuture.supplyAsync(() -> {
            try {
                return s[1].request(FILE, 999, 1, hash);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        List<BlockRequest> held = new ArrayList<>();
        for (int i = 0; i < Limits.MAX_OUTSTANDING_REQUESTS; i++) {
            held.add(a.nextRequest());
        }
        // The 257th neither returned nor reached the peer.
        assertNull(a.requests.poll(300, TimeUnit.MILLISECONDS));
        assertFalse(extra.isDone());
        assertEquals(Limits.MAX_OUTSTANDING_REQUESTS, s[1].outstandingRequests());

        s[0].sendBlock(held.get(0).id(), ByteBuffer.wrap(one));
        CompletableFuture<ReceivedBlock> last = extra.get(10, TimeUnit.SECONDS);
        BlockRequest arrived = a.nextRequest();
        assertEquals(999, arrived.offset());
        s[0].sendBlock(arrived.id(), ByteBuffer.wrap(one));
        assertEquals(ByteBuffer.wrap(one), last.get(10, TimeUnit.SECONDS).data());
    }

    @Test
    public void requestersWaitAtTheOutstandingByteLimit() throws Exception {
        PeerSession[] s = connect();
        Hash256 hash = sha256(new byte[0]);
        int max = Limits.MAX_BLOCK_LENGTH;
        for (int i = 0; i < 4; i++) {
            s[1].request(FILE, (long) i * max, max, hash); // 4 x 16 MiB = the 64 MiB budget
        }
        CompletableFuture<CompletableFuture<ReceivedBlock>> fifth = CompletableFuture.supplyAsync(() -> {
            try {
                return s[1].request(FILE, 4L * max, 1, hash);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        BlockRequest firstHeld = a.nextRequest();
        for (int i = 1; i < 4; i++) {
            a.nextRequest();
        }
        assertNull(a.requests.poll(300, TimeUnit.MILLISECONDS));
        assertFalse(fifth.isDone());
        s[0].sendBlockError(firstHeld.id(), "changed");
        fifth.get(10, TimeUnit.SECONDS);
        assertEquals(4L * max, a.nextRequest().offset());
    }

    @Test
    public void answersMustMatchAnOutstandingRequest() throws Exception {
        PeerSession[] s = connect();
        assertThrows(IllegalArgumentException.class, () -> s[0].sendBlock(77, ByteBuffer.allocate(1)));
        s[1].request(FILE, 0, 10, sha256(new byte[10]));
        BlockRequest r = a.nextRequest();
        assertThrows(IllegalArgumentException.class, () -> s[0].sendBlock(r.id(), ByteBuffer.allocate(9)));
        s[0].sendBlock(r.id(), ByteBuffer.allocate(10)); // still outstanding after the refused answer
        assertThrows(IllegalArgumentException.class, () -> s[0].sendBlockError(r.id(), "twice"));
    }

    @Test
    public void closingFailsOutstandingRequestsAndLaterCalls() throws Exception {
        PeerSession[] s = connect();
        CompletableFuture<ReceivedBlock> pending = s[1].request(FILE, 0, 10, sha256(new byte[10]));
        a.nextRequest();
        s[1].close("shutting down");
        ExecutionException e = assertThrows(ExecutionException.class, () -> pending.get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof SessionClosedException);
        assertEquals(new SessionEnd(Cause.LOCAL, "shutting down"), ((SessionClosedException) e.getCause()).end());
        assertThrows(SessionClosedException.class, () -> s[1].request(FILE, 0, 10, sha256(new byte[10])));
        assertEquals(new SessionEnd(Cause.PEER, "the peer closed the session: shutting down"), a.awaitEnd());
    }

    @Test
    public void bulkSendsFromTheReaderThreadAreRefused() throws Exception {
        // Both peers writing big frames from their reader threads could block each other for good.
        CompletableFuture<Throwable> refused = new CompletableFuture<>();
        a.onWantInline = (s, since) -> {
            try {
                s.sendIndex(List.of(), 0, true);
            } catch (IllegalStateException e) {
                refused.complete(e);
            }
        };
        connect();
        assertTrue(refused.get(10, TimeUnit.SECONDS).getMessage().startsWith("sendIndex from the session's reader thread"));
    }

    @Test
    public void aListenerThatThrowsEndsItsSessionOnly() throws Exception {
        a.onWantInline = (s, since) -> {
            throw new IllegalStateException("bug in the orchestrator");
        };
        connect();
        SessionEnd end = a.awaitEnd();
        assertEquals(Cause.INTERNAL, end.cause());
        assertEquals(new SessionEnd(Cause.PEER, "the peer closed the session: internal error"), b.awaitEnd());
    }
}
