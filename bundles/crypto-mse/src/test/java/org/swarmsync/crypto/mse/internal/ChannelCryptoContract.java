package org.swarmsync.crypto.mse.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;
import org.swarmsync.api.crypto.CryptoPolicy;
import org.swarmsync.api.crypto.HandshakeException;
import org.swarmsync.api.crypto.HandshakeFailure;
import org.swarmsync.api.crypto.HandshakeResult;
import org.swarmsync.api.crypto.KeyRing;
import org.swarmsync.api.crypto.PayloadCipher;
import org.swarmsync.api.transport.Connection;

/**
 * MSE through the blocking driver over a real {@link Connection}. Subclasses supply the
 * transport (in-memory pipe, TCP, µTP); every test here runs over each of them.
 */
public abstract class ChannelCryptoContract {

    @Rule
    public final Timeout timeout = Timeout.seconds(60);

    static final byte[] KEY = HandshakeCoreTest.bytes("an info-hash, twenty");
    static final Duration LONG = Duration.ofSeconds(10);
    static final Duration SHORT = Duration.ofMillis(300);
    /** The most a failing handshake may overrun its timeout: the watchdog's grace plus slack. */
    static final long OVERRUN_MILLIS = 1_500;

    MseChannelCrypto crypto;
    ExecutorService threads;

    /** @return a connected pair: [0] dialled, [1] accepted */
    abstract Connection[] connect() throws Exception;

    @Before
    public void setUpCrypto() {
        crypto = new MseChannelCrypto(MseSettings.DEFAULTS);
        threads = Executors.newCachedThreadPool();
    }

    @After
    public void tearDownCrypto() throws InterruptedException {
        crypto.close();
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(5, TimeUnit.SECONDS));
        assertTrue("watchdog thread ended", crypto.watchdog().awaitTermination(5, TimeUnit.SECONDS));
        // A test's own extra provider shuts its watchdog down too, but a thread ends a moment
        // after its executor says so: on a loaded machine that moment exceeded a fixed 50 ms.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (mseThreads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals("no mse thread outlives close()", 0, mseThreads());
    }

    private static long mseThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("swarmsync-mse") && t.isAlive()).count();
    }

    @Test
    public void everyPolicyPairAgreesAndCarriesData() throws Exception {
        String[][] expected = {
            {"AES_128_GCM", "AES_128_GCM", "AES_128_GCM", "FAIL"},
            {"AES_128_GCM", "AES_128_GCM", "PLAINTEXT", "PLAINTEXT"},
            {"AES_128_GCM", "AES_128_GCM", "PLAINTEXT", "PLAINTEXT"},
            {"FAIL", "PLAINTEXT", "PLAINTEXT", "PLAINTEXT"},
        };
        policyMatrix(crypto, crypto, expected);
    }

    /** With AES-GCM turned off on either side (as with a libtorrent peer), RC4 takes its place. */
    @Test
    public void withoutAesGcmOnEitherSideEveryPolicyPairGetsRc4AsBefore() throws Exception {
        String[][] expected = {
            {"RC4", "RC4", "RC4", "FAIL"},
            {"RC4", "RC4", "PLAINTEXT", "PLAINTEXT"},
            {"RC4", "RC4", "PLAINTEXT", "PLAINTEXT"},
            {"FAIL", "PLAINTEXT", "PLAINTEXT", "PLAINTEXT"},
        };
        try (MseChannelCrypto rc4Only = rc4Only()) {
            policyMatrix(rc4Only, crypto, expected);
            policyMatrix(crypto, rc4Only, expected);
        }
    }

    private void policyMatrix(MseChannelCrypto initiator, MseChannelCrypto responderSide, String[][] expected)
            throws Exception {
        CryptoPolicy[] policies = CryptoPolicy.values();
        for (int i = 0; i < policies.length; i++) {
            for (int r = 0; r < policies.length; r++) {
                String pair = policies[i] + " -> " + policies[r];
                Connection[] c = connect();
                byte[] ia = HandshakeCoreTest.bytes("initial payload for " + pair);
                CryptoPolicy answer = policies[r];
                Future<HandshakeResult> responder = threads.submit(
                        () -> responderSide.respond(c[1], KeyRing.of(KEY), answer, LONG));
                if (expected[i][r].equals("FAIL")) {
                    CryptoPolicy offer = policies[i];
                    HandshakeException initiatorError = expectFailure(
                            () -> initiator.initiate(c[0], KEY, ByteBuffer.wrap(ia), offer, LONG));
                    HandshakeException responderError = failureOf(responder);
                    assertEquals(pair, HandshakeFailure.NO_COMMON_METHOD, responderError.failure());
                    assertTrue(responderError.getMessage(), responderError.getMessage().contains("policy " + policies[r]));
                    // The initiator only sees the responder hang up.
                    assertTrue(pair + ": " + initiatorError.getMessage(), EnumSet.of(HandshakeFailure.PEER_CLOSED,
                            HandshakeFailure.TRANSPORT_ERROR).contains(initiatorError.failure()));
                    assertFalse(c[0].isOpen());
                    assertFalse(c[1].isOpen());
                    continue;
                }
                HandshakeResult a = initiator.initiate(c[0], KEY, ByteBuffer.wrap(ia), policies[i], LONG);
                HandshakeResult b = responder.get(15, TimeUnit.SECONDS);
                PayloadCipher cipher = PayloadCipher.valueOf(expected[i][r]);
                assertEquals(pair, cipher, a.cipher());
                assertEquals(pair, cipher, b.cipher());
                assertArrayEquals(KEY, a.key().orElseThrow());
                assertArrayEquals(KEY, b.key().orElseThrow());
                assertEquals(0, a.initialPayload().remaining());
                assertEquals(ByteBuffer.wrap(ia), b.initialPayload());
                // The initial payload is the first thing the responder's stream yields.
                assertArrayEquals(ia, readExactly(b.connection(), ia.length));
                exchange(a.connection(), b.connection(), 20_000, 31 * i + r);
                a.connection().close();
                b.connection().close();
            }
        }
    }

    /** @return a provider that neither offers nor accepts AES-GCM: RC4 is its only encryption */
    static MseChannelCrypto rc4Only() {
        return new MseChannelCrypto(MseSettings.DEFAULTS.withAesGcm(false));
    }

    @Test
    public void bothEndsShareASessionBindingThatNoOtherHandshakeHas() throws Exception {
        HandshakeResult[] first = handshake(CryptoPolicy.RC4_REQUIRED, CryptoPolicy.RC4_REQUIRED);
        HandshakeResult[] second = handshake(CryptoPolicy.PLAINTEXT_REQUIRED, CryptoPolicy.PLAINTEXT_REQUIRED);
        assertEquals(32, first[0].sessionBinding().length);
        assertArrayEquals(first[0].sessionBinding(), first[1].sessionBinding());
        assertArrayEquals(second[0].sessionBinding(), second[1].sessionBinding());
        assertFalse(java.util.Arrays.equals(first[0].sessionBinding(), second[0].sessionBinding()));
        for (HandshakeResult r : new HandshakeResult[] {first[0], first[1], second[0], second[1]}) {
            r.connection().close();
        }
    }

    @Test
    public void bulkDataCrossesRc4ByteExactBothWaysAtOnce() throws Exception {
        try (MseChannelCrypto rc4Only = rc4Only()) {
            Connection[] c = connect();
            Future<HandshakeResult> b = threads.submit(
                    () -> crypto.respond(c[1], KeyRing.of(KEY), CryptoPolicy.RC4_REQUIRED, LONG));
            HandshakeResult a = rc4Only.initiate(c[0], KEY, ByteBuffer.allocate(0), CryptoPolicy.RC4_REQUIRED, LONG);
            assertEquals(PayloadCipher.RC4, a.cipher());
            exchange(a.connection(), b.get(15, TimeUnit.SECONDS).connection(), 3 * 1024 * 1024 + 17, 7);
        }
    }

    /** Both ways at once, random write and read sizes, heap and direct buffers, every byte checked. */
    @Test
    public void bulkDataCrossesAesGcmByteExactBothWaysAtOnce() throws Exception {
        HandshakeResult[] r = handshake(CryptoPolicy.RC4_REQUIRED, CryptoPolicy.RC4_REQUIRED);
        assertEquals(PayloadCipher.AES_128_GCM, r[0].cipher());
        assertEquals(PayloadCipher.AES_128_GCM, r[1].cipher());
        long size = bulkBytes();
        Future<?> up = threads.submit(() -> Bulk.write(r[0].connection(), size, 11));
        Future<?> down = threads.submit(() -> Bulk.write(r[1].connection(), size, 12));
        Future<?> upRead = threads.submit(() -> Bulk.readAndCheck(r[1].connection(), size, 11));
        Bulk.readAndCheck(r[0].connection(), size, 12);
        upRead.get(60, TimeUnit.SECONDS);
        up.get(60, TimeUnit.SECONDS);
        down.get(60, TimeUnit.SECONDS);
        r[0].connection().close();
        r[1].connection().close();
    }

    /** @return how many bytes {@link #bulkDataCrossesAesGcmByteExactBothWaysAtOnce} sends each way */
    long bulkBytes() {
        return 64L << 20;
    }

    @Test
    public void aesGcmHalfCloseEndsOneDirectionOnly() throws Exception {
        HandshakeResult[] r = handshake(CryptoPolicy.RC4_REQUIRED, CryptoPolicy.RC4_PREFERRED);
        assertEquals(PayloadCipher.AES_128_GCM, r[0].cipher());
        Connection a = r[0].connection();
        Connection b = r[1].connection();
        byte[] last = HandshakeCoreTest.bytes("the initiator's last words");
        a.write(ByteBuffer.wrap(last));
        a.shutdownOutput();
        assertArrayEquals(last, readExactly(b, last.length));
        assertEquals(-1, b.read(ByteBuffer.allocate(10)));
        byte[] reply = HandshakeCoreTest.bytes("the responder goes on talking after the FIN");
        b.write(ByteBuffer.wrap(reply));
        assertArrayEquals(reply, readExactly(a, reply.length));
        b.shutdownOutput();
        assertEquals(-1, a.read(ByteBuffer.allocate(10)));
        a.close();
        b.close();
    }

    /**
     * RC4 is malleable: a man in the middle who knows where crypto_provide sits (here PadA is
     * empty) can clear the AES-GCM bit, and the responder then picks RC4. The handshake
     * completes, but the two ends' session bindings differ, so the authentication above fails.
     */
    @Test
    public void aDowngradedOfferLeavesTheTwoEndsWithDifferentBindings() throws Exception {
        try (MseChannelCrypto noPadding = new MseChannelCrypto(new MseSettings(
                MseSettings.DEFAULTS.maxInitialPayload(), 0, 0, true))) {
            Connection[] c = connect();
            TamperingConnection tamper = new TamperingConnection(c[0]);
            // Ya (96), PadA (0), HASH('req1', S) (20), HASH('req2', SKEY) xor HASH('req3', S) (20),
            // then RC4(VC (8), crypto_provide (4, big-endian)): its last byte holds 0x04
            tamper.flipNext(96 + 20 + 20 + 8 + 3, MseConstants.CRYPTO_AES_128_GCM);
            Future<HandshakeResult> responder = respondAsync(c[1], KeyRing.of(KEY), CryptoPolicy.RC4_REQUIRED, LONG);
            HandshakeResult a = noPadding.initiate(tamper, KEY, ByteBuffer.allocate(0), CryptoPolicy.RC4_REQUIRED, LONG);
            HandshakeResult b = responder.get(15, TimeUnit.SECONDS);
            assertEquals("the downgrade worked on the wire", PayloadCipher.RC4, b.cipher());
            assertEquals(PayloadCipher.RC4, a.cipher());
            assertFalse(java.util.Arrays.equals(a.sessionBinding(), b.sessionBinding()));
            a.connection().close();
            b.connection().close();
        }
    }

    /** A man in the middle flips one bit of the initiator's first record: the responder's read fails, saying so. */
    @Test
    public void aesGcmRefusesARecordAlteredOnTheWire() throws Exception {
        Connection[] c = connect();
        TamperingConnection tamper = new TamperingConnection(c[0]);
        Future<HandshakeResult> responder = respondAsync(c[1], KeyRing.of(KEY), CryptoPolicy.RC4_REQUIRED, LONG);
        HandshakeResult a = crypto.initiate(tamper, KEY, ByteBuffer.allocate(0), CryptoPolicy.RC4_REQUIRED, LONG);
        HandshakeResult b = responder.get(15, TimeUnit.SECONDS);
        assertEquals(PayloadCipher.AES_128_GCM, b.cipher());
        byte[] first = HandshakeCoreTest.bytes("an honest record");
        a.connection().write(ByteBuffer.wrap(first));
        assertArrayEquals(first, readExactly(b.connection(), first.length));
        tamper.flipNext(30, 1);
        a.connection().write(ByteBuffer.wrap(HandshakeCoreTest.bytes("a record someone will alter on the way")));
        try {
            int n = b.connection().read(ByteBuffer.allocate(1000));
            throw new AssertionError("read " + n + " bytes of an altered record");
        } catch (IOException e) {
            assertEquals("AES-GCM record failed authentication", e.getMessage());
        }
        assertFalse(b.connection().isOpen());
        a.connection().close();
    }

    @Test
    public void encryptionHidesThePayloadAndPlaintextHidesOnlyTheInitialPayload() throws Exception {
        try (MseChannelCrypto rc4Only = rc4Only()) {
            hidden(CryptoPolicy.RC4_REQUIRED, crypto, PayloadCipher.AES_128_GCM);
            hidden(CryptoPolicy.RC4_REQUIRED, rc4Only, PayloadCipher.RC4);
            hidden(CryptoPolicy.PLAINTEXT_REQUIRED, crypto, PayloadCipher.PLAINTEXT);
        }
    }

    private void hidden(CryptoPolicy policy, MseChannelCrypto initiator, PayloadCipher cipher) throws Exception {
        Connection[] c = connect();
        RecordingConnection wire = new RecordingConnection(c[1]);
        byte[] ia = HandshakeCoreTest.bytes("SECRET-LOOKING INITIAL PAYLOAD");
        byte[] payload = HandshakeCoreTest.bytes("SECRET-LOOKING PAYLOAD AFTER THE HANDSHAKE");
        Future<HandshakeResult> responder = respondAsync(wire, KeyRing.of(KEY), policy, LONG);
        HandshakeResult a = initiator.initiate(c[0], KEY, ByteBuffer.wrap(ia), policy, LONG);
        HandshakeResult b = responder.get(15, TimeUnit.SECONDS);
        assertEquals(cipher, b.cipher());
        a.connection().write(ByteBuffer.wrap(payload));
        assertArrayEquals(ia, readExactly(b.connection(), ia.length));
        assertArrayEquals(payload, readExactly(b.connection(), payload.length));
        byte[] onTheWire = wire.bytesRead();
        assertFalse("IA is always RC4-encrypted", contains(onTheWire, ia));
        assertFalse("SKEY never travels", contains(onTheWire, KEY));
        assertEquals(cipher + ": payload in clear?", cipher == PayloadCipher.PLAINTEXT, contains(onTheWire, payload));
        a.connection().close();
        b.connection().close();
    }

    @Test
    public void aWrongKeyEndsBothSides() throws Exception {
        Connection[] c = connect();
        Future<HandshakeResult> responder = respondAsync(c[1], KeyRing.of(HandshakeCoreTest.bytes("some other share!!!!")),
                CryptoPolicy.RC4_REQUIRED, LONG);
        HandshakeException initiatorError = expectFailure(
                () -> crypto.initiate(c[0], KEY, ByteBuffer.allocate(0), CryptoPolicy.RC4_REQUIRED, LONG));
        HandshakeException e = failureOf(responder);
        assertEquals(HandshakeFailure.UNKNOWN_KEY, e.failure());
        assertTrue(e.getMessage(), e.getMessage().startsWith("mse: the initiator's key hash matches none"));
        assertTrue(EnumSet.of(HandshakeFailure.PEER_CLOSED, HandshakeFailure.TRANSPORT_ERROR)
                .contains(initiatorError.failure()));
    }

    @Test
    public void garbageIsRefusedQuickly() throws Exception {
        Connection[] c = connect();
        Future<HandshakeResult> responder = respondAsync(c[1], KeyRing.of(KEY), CryptoPolicy.RC4_PREFERRED, LONG);
        byte[] garbage = new byte[2000];
        new Random(99).nextBytes(garbage);
        writeQuietly(c[0], garbage, false);
        HandshakeException e = failureOf(responder);
        assertEquals(HandshakeFailure.TOO_MUCH_PADDING, e.failure());
        assertTrue(e.getMessage(), e.getMessage().contains("628"));
        c[0].close();
    }

    @Test
    public void aSilentPeerHitsTheTimeoutOnEitherSide() throws Exception {
        Connection[] c = connect();
        long start = System.nanoTime();
        HandshakeException e = expectFailure(() -> crypto.respond(c[1], KeyRing.of(KEY), CryptoPolicy.RC4_REQUIRED, SHORT));
        assertEquals(HandshakeFailure.TIMEOUT, e.failure());
        assertTrue(e.getMessage(), e.getMessage().contains("no complete handshake within 300 ms"));
        assertWithin(start, SHORT);
        assertFalse(c[1].isOpen());

        Connection[] d = connect();
        start = System.nanoTime();
        e = expectFailure(() -> crypto.initiate(d[0], KEY, ByteBuffer.allocate(0), CryptoPolicy.RC4_REQUIRED, SHORT));
        assertEquals(HandshakeFailure.TIMEOUT, e.failure());
        assertTrue(e.getMessage(), e.getMessage().contains("the responder's public key (0 of 96 bytes)"));
        assertWithin(start, SHORT);
    }

    @Test
    public void paddingBeyondTheLimitIsRefused() throws Exception {
        try (MseChannelCrypto rogue = new MseChannelCrypto(new MseSettings(4096, 513, 513))) {
            Connection[] c = connect();
            Future<HandshakeResult> responder = respondAsync(c[1], KeyRing.of(KEY), CryptoPolicy.RC4_REQUIRED, LONG);
            expectFailure(() -> rogue.initiate(c[0], KEY, ByteBuffer.allocate(0), CryptoPolicy.RC4_REQUIRED, LONG));
            HandshakeException e = failureOf(responder);
            assertEquals(HandshakeFailure.TOO_MUCH_PADDING, e.failure());
            assertTrue(e.getMessage(), e.getMessage().contains("no req1 hash within 628 bytes"));
        }
    }

    @Test
    public void aPlaintextBitTorrentHandshakeIsHandedOnWithItsBytes() throws Exception {
        Connection[] c = connect();
        Future<HandshakeResult> responder = respondAsync(c[1], KeyRing.of(KEY), CryptoPolicy.PLAINTEXT_PREFERRED, LONG);
        byte[] handshake = HandshakeCoreTest.bitTorrentHandshake();
        c[0].write(ByteBuffer.wrap(handshake));
        HandshakeResult b = responder.get(15, TimeUnit.SECONDS);
        assertEquals(PayloadCipher.PLAINTEXT, b.cipher());
        assertTrue("no key: the consumer identifies the torrent from the handshake", b.key().isEmpty());
        assertEquals(ByteBuffer.wrap(handshake, 0, 20), b.initialPayload());
        assertArrayEquals(handshake, readExactly(b.connection(), handshake.length));
        b.connection().write(ByteBuffer.wrap(handshake));
        assertArrayEquals(handshake, readExactly(c[0], handshake.length));
        b.connection().close();
    }

    @Test
    public void aPlaintextBitTorrentHandshakeIsRefusedWhenRc4IsRequired() throws Exception {
        Connection[] c = connect();
        Future<HandshakeResult> responder = respondAsync(c[1], KeyRing.of(KEY), CryptoPolicy.RC4_REQUIRED, LONG);
        c[0].write(ByteBuffer.wrap(HandshakeCoreTest.bitTorrentHandshake()));
        HandshakeException e = failureOf(responder);
        assertEquals(HandshakeFailure.PLAINTEXT_REFUSED, e.failure());
        assertFalse(c[1].isOpen());
        c[0].setReadTimeout(Duration.ofSeconds(5));
        assertTrue("the peer sees the connection end", readToEnd(c[0]) >= 0);
    }

    /**
     * Seeded random inputs of random lengths, each followed by end of stream or silence: the
     * responder fails cleanly every time, within its timeout.
     */
    @Test
    public void randomInputsAlwaysFailCleanly() throws Exception {
        Set<HandshakeFailure> allowed = EnumSet.of(HandshakeFailure.PEER_CLOSED, HandshakeFailure.TOO_MUCH_PADDING,
                HandshakeFailure.INVALID_PUBLIC_KEY, HandshakeFailure.TIMEOUT, HandshakeFailure.TRANSPORT_ERROR);
        Random random = new Random(4242);
        int inputs = randomInputs();
        for (int i = 0; i < inputs; i++) {
            Connection[] c = connect();
            byte[] input = new byte[random.nextInt(1200)];
            random.nextBytes(input);
            boolean silentAfter = i % 25 == 0; // a few keep the connection open and go quiet
            Duration limit = silentAfter ? Duration.ofMillis(150) : LONG;
            long start = System.nanoTime();
            Future<HandshakeResult> responder = respondAsync(c[1], KeyRing.of(KEY), CryptoPolicy.values()[i % 4], limit);
            writeQuietly(c[0], input, !silentAfter);
            HandshakeException e = failureOf(responder);
            assertTrue(i + ": " + e.failure() + " " + e.getMessage(), allowed.contains(e.failure()));
            if (e.failure() == HandshakeFailure.TIMEOUT) {
                assertTrue("only a silent peer times out", silentAfter);
                assertWithin(start, limit);
            } else {
                long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(i + ": took " + elapsed + " ms", elapsed < limit.toMillis() + OVERRUN_MILLIS);
            }
            assertFalse(c[1].isOpen());
            c[0].close();
        }
        // Every handshake returned (failureOf waited for each); nothing of ours still runs
        // but the provider's one watchdog thread.
        // (The pool's count lags a future's completion by a moment.)
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (((ThreadPoolExecutor) threads).getActiveCount() > 0 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertEquals(0, ((ThreadPoolExecutor) threads).getActiveCount());
        assertEquals(1, Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("swarmsync-mse")).count());
    }

    /** @return how many random inputs {@link #randomInputsAlwaysFailCleanly} runs */
    int randomInputs() {
        return 100;
    }

    @Test
    public void closingTheProviderEndsARunningHandshakeAndItsThread() throws Exception {
        Connection[] c = connect();
        Future<HandshakeResult> responder = respondAsync(c[1], KeyRing.of(KEY), CryptoPolicy.RC4_REQUIRED, LONG);
        Thread.sleep(100);
        assertFalse(responder.isDone());
        crypto.close();
        HandshakeException e = failureOf(responder);
        assertEquals(HandshakeFailure.TRANSPORT_ERROR, e.failure());
        assertTrue(e.getMessage(), e.getMessage().contains("stopped"));
        assertTrue(crypto.watchdog().awaitTermination(2, TimeUnit.SECONDS));
        Connection[] d = connect();
        HandshakeException after = expectFailure(
                () -> crypto.respond(d[1], KeyRing.of(KEY), CryptoPolicy.RC4_REQUIRED, LONG));
        assertEquals(HandshakeFailure.TRANSPORT_ERROR, after.failure());
    }

    // ---- helpers ----

    HandshakeResult[] handshake(CryptoPolicy initiator, CryptoPolicy responder) throws Exception {
        Connection[] c = connect();
        Future<HandshakeResult> b = respondAsync(c[1], KeyRing.of(KEY), responder, LONG);
        HandshakeResult a = crypto.initiate(c[0], KEY, ByteBuffer.allocate(0), initiator, LONG);
        return new HandshakeResult[] {a, b.get(15, TimeUnit.SECONDS)};
    }

    Future<HandshakeResult> respondAsync(Connection c, KeyRing keys, CryptoPolicy policy, Duration limit) {
        return threads.submit(() -> crypto.respond(c, keys, policy, limit));
    }

    interface Handshake {
        HandshakeResult run() throws IOException;
    }

    static HandshakeException expectFailure(Handshake handshake) throws IOException {
        try {
            HandshakeResult r = handshake.run();
            r.connection().close();
            throw new AssertionError("handshake should have failed but selected " + r.cipher());
        } catch (HandshakeException e) {
            return e;
        }
    }

    static HandshakeException failureOf(Future<HandshakeResult> future) throws Exception {
        try {
            HandshakeResult r = future.get(15, TimeUnit.SECONDS);
            r.connection().close();
            throw new AssertionError("handshake should have failed but selected " + r.cipher());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HandshakeException h) {
                return h;
            }
            throw new AssertionError("not a HandshakeException", e.getCause());
        }
    }

    static void assertWithin(long startNanos, Duration limit) {
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        assertTrue("failed after " + elapsed + " ms, limit " + limit.toMillis(),
                elapsed >= limit.toMillis() - 5 && elapsed < limit.toMillis() + OVERRUN_MILLIS);
    }

    /** Sends data both ways at once and checks every byte. */
    void exchange(Connection a, Connection b, int size, long seed) throws Exception {
        byte[] up = new byte[size];
        byte[] down = new byte[size / 2 + 3];
        Random random = new Random(seed);
        random.nextBytes(up);
        random.nextBytes(down);
        Future<?> w1 = threads.submit(() -> writeChunks(a, up, seed));
        Future<?> w2 = threads.submit(() -> writeChunks(b, down, seed + 1));
        Future<byte[]> r1 = threads.submit(() -> readExactly(b, up.length));
        assertArrayEquals(down, readExactly(a, down.length));
        assertArrayEquals(up, r1.get(30, TimeUnit.SECONDS));
        w1.get(30, TimeUnit.SECONDS);
        w2.get(30, TimeUnit.SECONDS);
    }

    private static Void writeChunks(Connection c, byte[] data, long seed) throws IOException {
        Random random = new Random(seed);
        int off = 0;
        while (off < data.length) {
            int n = Math.min(data.length - off, 1 + random.nextInt(40_000));
            ByteBuffer b = random.nextBoolean() ? ByteBuffer.wrap(data, off, n)
                    : ByteBuffer.allocateDirect(n).put(data, off, n).flip();
            c.write(b);
            off += n;
        }
        return null;
    }

    static byte[] readExactly(Connection c, int n) throws IOException {
        byte[] out = new byte[n];
        ByteBuffer b = ByteBuffer.wrap(out);
        while (b.hasRemaining()) {
            if (c.read(b) < 0) {
                throw new IOException("end of stream after " + b.position() + " of " + n + " bytes");
            }
        }
        return out;
    }

    static int readToEnd(Connection c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer b = ByteBuffer.allocate(4096);
        try {
            while (c.read(b.clear()) >= 0) {
                out.write(b.array(), 0, b.position());
            }
        } catch (IOException e) {
            // A reset also ends the connection.
        }
        return out.size();
    }

    static void writeQuietly(Connection c, byte[] data, boolean halfClose) {
        try {
            c.write(ByteBuffer.wrap(data));
            if (halfClose) {
                c.shutdownOutput();
            }
        } catch (IOException e) {
            // The responder may hang up before reading everything; that is its right.
        }
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }

}
