package org.swarmsync.crypto.mse.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Test;
import org.swarmsync.api.crypto.CryptoPolicy;
import org.swarmsync.api.crypto.HandshakeFailure;
import org.swarmsync.api.crypto.KeyRing;
import org.swarmsync.api.crypto.PayloadCipher;

/** The sans-I/O cores against each other and against scripted peers, under a fake clock. */
public class HandshakeCoreTest {

    private static final byte[] KEY = bytes("an info-hash, twenty");
    private static final byte[] OTHER_KEY = bytes("another key entirely");
    private static final MseSettings SETTINGS = MseSettings.DEFAULTS;

    /**
     * Expected selection: rows are the initiator's policy, columns the responder's, both in
     * the order RC4_REQUIRED, RC4_PREFERRED, PLAINTEXT_PREFERRED, PLAINTEXT_REQUIRED.
     * Written out by hand from the policy table in README.md.
     */
    private static final String[][] EXPECTED = {
        {"AES_128_GCM", "AES_128_GCM", "AES_128_GCM", "FAIL"},
        {"AES_128_GCM", "AES_128_GCM", "PLAINTEXT", "PLAINTEXT"},
        {"AES_128_GCM", "AES_128_GCM", "PLAINTEXT", "PLAINTEXT"},
        {"FAIL", "PLAINTEXT", "PLAINTEXT", "PLAINTEXT"},
    };

    /** The same with AES-GCM off on one side, as with any MSE peer that is not swarmsync. */
    private static final String[][] EXPECTED_WITHOUT_GCM = {
        {"RC4", "RC4", "RC4", "FAIL"},
        {"RC4", "RC4", "PLAINTEXT", "PLAINTEXT"},
        {"RC4", "RC4", "PLAINTEXT", "PLAINTEXT"},
        {"FAIL", "PLAINTEXT", "PLAINTEXT", "PLAINTEXT"},
    };

    @Test
    public void everyPolicyPairSelectsAsTheTableSays() throws Exception {
        policyTable(SETTINGS, SETTINGS, EXPECTED);
    }

    @Test
    public void withoutAesGcmOnEitherSideTheOldTableHolds() throws Exception {
        policyTable(SETTINGS.withAesGcm(false), SETTINGS, EXPECTED_WITHOUT_GCM);
        policyTable(SETTINGS, SETTINGS.withAesGcm(false), EXPECTED_WITHOUT_GCM);
    }

    @Test
    public void theInitiatorOffersAesGcmBesideRc4AndAResponderPicksIt() {
        assertEquals(0x06, new InitiatorCore(KEY, new byte[0], CryptoPolicy.RC4_REQUIRED, SETTINGS, new Random(1), 0,
                CoreLink.TIMEOUT).bits());
        assertEquals(0x07, HandshakeCore.bits(CryptoPolicy.RC4_PREFERRED));
        assertEquals(0x01, HandshakeCore.bits(CryptoPolicy.PLAINTEXT_REQUIRED));
        assertEquals(0x04, ResponderCore.choose(CryptoPolicy.RC4_REQUIRED, 0x06));
        assertEquals(0x04, ResponderCore.choose(CryptoPolicy.RC4_PREFERRED, 0x07));
        assertEquals(0x01, ResponderCore.choose(CryptoPolicy.PLAINTEXT_PREFERRED, 0x07));
        assertEquals(0x04, ResponderCore.choose(CryptoPolicy.PLAINTEXT_PREFERRED, 0x06));
        assertEquals(0x02, ResponderCore.choose(CryptoPolicy.RC4_REQUIRED, 0x03)); // libtorrent's offer
        assertEquals(0, ResponderCore.choose(CryptoPolicy.PLAINTEXT_REQUIRED, 0x06));
        // libtorrent as responder ANDs the offer with its allowed levels (pe_both = 0x03), so
        // our 0x04 bit falls away: what it selects is what it selected before.
        assertEquals(0x02, 0x06 & 0x03);
    }

    private static void policyTable(MseSettings initiatorSettings, MseSettings responderSettings, String[][] table)
            throws Exception {
        CryptoPolicy[] policies = CryptoPolicy.values();
        for (int i = 0; i < policies.length; i++) {
            for (int r = 0; r < policies.length; r++) {
                String expected = table[i][r];
                long seed = 31L * i + r;
                CoreLink link = new CoreLink(
                        new InitiatorCore(KEY, bytes("hello"), policies[i], initiatorSettings, new Random(seed), 0,
                                CoreLink.TIMEOUT),
                        new ResponderCore(KeyRing.of(KEY), policies[r], responderSettings, new Random(seed + 1000), 0,
                                CoreLink.TIMEOUT), seed, null);
                String pair = policies[i] + " -> " + policies[r];
                try {
                    link.run();
                    assertEquals(pair, expected, link.responder.outcome().cipher().name());
                    assertEquals(pair, expected, link.initiator.outcome().cipher().name());
                    assertArrayEquals(pair, bytes("hello"), link.responder.outcome().initialPayload());
                    assertArrayEquals(pair, KEY, link.responder.outcome().key().orElseThrow());
                    assertPayloadFlows(link.initiator.outcome(), link.responder.outcome());
                } catch (MseFailure e) {
                    assertEquals(pair + ": " + e.getMessage(), "FAIL", expected);
                    assertEquals(pair, HandshakeFailure.NO_COMMON_METHOD, e.failure());
                    assertTrue(e.getMessage(), e.getMessage().contains("offers"));
                }
            }
        }
    }

    /** Encrypts a message with one side's stage and decrypts it with the other's. */
    private static void assertPayloadFlows(MseOutcome a, MseOutcome b) throws java.io.IOException {
        if (a.cipher() == PayloadCipher.PLAINTEXT) {
            assertNull(a.encrypt());
            assertNull(b.decrypt());
            return;
        }
        if (a.cipher() == PayloadCipher.AES_128_GCM) {
            assertArrayEquals(a.gcm().seal(), b.gcm().open());
            assertArrayEquals(b.gcm().seal(), a.gcm().open());
            assertFalse(java.util.Arrays.equals(a.gcm().seal(), a.gcm().open()));
            byte[] message = bytes("payload in a record");
            byte[] wire = new byte[GcmRecordCipher.MAX_RECORD];
            new GcmRecordCipher(a.gcm().seal(), true).seal(java.nio.ByteBuffer.wrap(message), message.length, wire, 0);
            byte[] opened = new byte[message.length];
            new GcmRecordCipher(b.gcm().open(), false).open(wire, 0, opened, 0);
            assertArrayEquals(message, opened);
            return;
        }
        for (int round = 0; round < 3; round++) {
            byte[] message = bytes("payload round " + round);
            byte[] wire = message.clone();
            a.encrypt().apply(wire, 0, wire.length);
            assertFalse(java.util.Arrays.equals(message, wire));
            b.decrypt().apply(wire, 0, wire.length);
            assertArrayEquals(message, wire);
            wire = message.clone();
            b.encrypt().apply(wire, 0, wire.length);
            a.decrypt().apply(wire, 0, wire.length);
            assertArrayEquals(message, wire);
        }
    }

    @Test
    public void manySplitsOfTheSameHandshakeAllWork() throws Exception {
        for (int seed = 0; seed < 100; seed++) {
            byte[] ia = new byte[seed * 7 % 300];
            new Random(seed).nextBytes(ia);
            CoreLink link = link(CryptoPolicy.RC4_PREFERRED, CryptoPolicy.RC4_REQUIRED, KeyRing.of(KEY), ia, seed, null);
            link.run();
            assertArrayEquals(ia, link.responder.outcome().initialPayload());
        }
    }

    @Test
    public void theResponderFindsItsKeyAmongMany() throws Exception {
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            keys.add(bytes(String.format("share number %08d", i)));
        }
        AtomicInteger lookups = new AtomicInteger();
        KeyRing ring = () -> {
            lookups.incrementAndGet();
            return keys;
        };
        CoreLink link = new CoreLink(
                new InitiatorCore(keys.get(37), new byte[0], CryptoPolicy.RC4_REQUIRED, SETTINGS, new Random(1), 0, CoreLink.TIMEOUT),
                new ResponderCore(ring, CryptoPolicy.RC4_REQUIRED, SETTINGS, new Random(2), 0, CoreLink.TIMEOUT), 3, null);
        link.run();
        assertArrayEquals(keys.get(37), link.responder.outcome().key().orElseThrow());
        assertEquals(1, lookups.get());
    }

    @Test
    public void anUnknownKeyIsRefused() {
        CoreLink link = link(CryptoPolicy.RC4_REQUIRED, CryptoPolicy.RC4_REQUIRED, KeyRing.of(OTHER_KEY), new byte[0], 4, null);
        MseFailure e = failure(link);
        assertEquals(HandshakeFailure.UNKNOWN_KEY, e.failure());
        assertTrue(e.getMessage(), e.getMessage().contains("matches none of the 1 keys"));
    }

    @Test
    public void aCorruptedVerificationConstantIsRefused() {
        // Message 1 to the responder is step 3: req1 (20), key hash (20), then encrypted VC.
        CoreLink link = link(CryptoPolicy.RC4_REQUIRED, CryptoPolicy.RC4_REQUIRED, KeyRing.of(KEY), new byte[0], 5,
                (toB, message, bytes) -> toB && message == 1 ? flip(bytes, 40) : bytes);
        MseFailure e = failure(link);
        assertEquals(HandshakeFailure.BAD_VERIFICATION, e.failure());
    }

    @Test
    public void paddingOf512IsAcceptedAnd513IsNot() throws Exception {
        MseSettings max = new MseSettings(4096, 512, 512);
        MseSettings over = new MseSettings(4096, 513, 513);
        link(max, SETTINGS, 6).run(); // 96 + 512 bytes before req1: the limit exactly
        link(SETTINGS, max, 7).run();

        // 96 + 513 = 609 bytes before req1: the responder gives up.
        MseFailure a = failure(link(over, SETTINGS, 8));
        assertEquals(HandshakeFailure.TOO_MUCH_PADDING, a.failure());
        assertTrue(a.getMessage(), a.getMessage().contains("no req1 hash within 628 bytes"));

        // PadB of 513: the initiator does not find VC within 616 bytes.
        MseFailure b = failure(link(SETTINGS, over, 9));
        assertEquals(HandshakeFailure.TOO_MUCH_PADDING, b.failure());
        assertTrue(b.getMessage(), b.getMessage().contains("no VC within 616 bytes"));
    }

    @Test
    public void anOversizedPadCIsRefused() {
        // Make len(PadC) say 513. RC4 is a XOR stream, so XORing the ciphertext with the
        // difference between the old and new plaintext rewrites the field without the key.
        MseSettings noPad = new MseSettings(4096, 0, 0);
        InitiatorCore initiator = new InitiatorCore(KEY, new byte[0], CryptoPolicy.RC4_REQUIRED, noPad, new Random(10), 0, CoreLink.TIMEOUT);
        ResponderCore responder = new ResponderCore(KeyRing.of(KEY), CryptoPolicy.RC4_REQUIRED, noPad, new Random(11), 0, CoreLink.TIMEOUT);
        // Message 1 to the responder is step 3; with no padding it is req1 ‖ key hash ‖
        // E(VC ‖ provide ‖ len(PadC) ‖ len(IA)), so len(PadC) sits at 40 + 12. 0 ^ 0x0201 = 513.
        CoreLink link = new CoreLink(initiator, responder, 12, (toB, message, bytes) -> {
            if (!toB || message != 1) {
                return bytes;
            }
            ByteBuffer copy = ByteBuffer.allocate(bytes.remaining()).put(bytes.duplicate()).flip();
            copy.put(52, (byte) (copy.get(52) ^ 0x02));
            copy.put(53, (byte) (copy.get(53) ^ 0x01));
            return copy;
        });
        MseFailure e = failure(link);
        assertEquals(HandshakeFailure.TOO_MUCH_PADDING, e.failure());
        assertTrue(e.getMessage(), e.getMessage().contains("PadC of 513"));
    }

    @Test
    public void aSelectionWeDidNotOfferIsRefused() {
        MseSettings noPad = new MseSettings(4096, 0, 0);
        InitiatorCore initiator = new InitiatorCore(KEY, new byte[0], CryptoPolicy.RC4_REQUIRED, noPad, new Random(13), 0, CoreLink.TIMEOUT);
        ResponderCore responder = new ResponderCore(KeyRing.of(KEY), CryptoPolicy.RC4_REQUIRED, noPad, new Random(14), 0, CoreLink.TIMEOUT);
        // Message 1 to the initiator is step 4; with no PadD it is E(VC ‖ select ‖ len(PadD)),
        // so select's last byte is at 8 + 3. Turning 0x04 (aes-128-gcm) into 0x05 selects two methods.
        CoreLink tampered = new CoreLink(initiator, responder, 15, (toB, message, bytes) ->
                toB || message != 1 ? bytes : flip(bytes, 11));
        MseFailure e = failure(tampered);
        assertEquals(HandshakeFailure.PROTOCOL_VIOLATION, e.failure());
        assertTrue(e.getMessage(), e.getMessage().contains("selected {plaintext, aes-128-gcm} but we offered {rc4, aes-128-gcm}"));
    }

    @Test
    public void initialPayloadUpToTheLimitIsAcceptedAndLongerIsNot() throws Exception {
        byte[] limit = new byte[SETTINGS.maxInitialPayload()];
        CoreLink ok = link(CryptoPolicy.PLAINTEXT_PREFERRED, CryptoPolicy.PLAINTEXT_PREFERRED, KeyRing.of(KEY), limit, 16, null);
        ok.run();
        assertEquals(limit.length, ok.responder.outcome().initialPayload().length);

        byte[] tooLong = new byte[SETTINGS.maxInitialPayload() + 1];
        MseFailure e = failure(link(CryptoPolicy.PLAINTEXT_PREFERRED, CryptoPolicy.PLAINTEXT_PREFERRED, KeyRing.of(KEY), tooLong, 17, null));
        assertEquals(HandshakeFailure.PROTOCOL_VIOLATION, e.failure());
        assertTrue(e.getMessage(), e.getMessage().contains("initial payload of 4097 bytes exceeds our limit of 4096"));
    }

    @Test
    public void aBitTorrentHandshakeIsHandedOnWhenPlaintextIsAllowed() throws Exception {
        byte[] handshake = bitTorrentHandshake();
        for (CryptoPolicy policy : EnumSet.of(CryptoPolicy.RC4_PREFERRED, CryptoPolicy.PLAINTEXT_PREFERRED,
                CryptoPolicy.PLAINTEXT_REQUIRED)) {
            ResponderCore responder = new ResponderCore(KeyRing.of(KEY), policy, SETTINGS, new Random(18), 0, CoreLink.TIMEOUT);
            ByteBuffer in = ByteBuffer.wrap(handshake);
            ByteBuffer out = responder.receive(in, 0);
            assertFalse("nothing is sent to a plaintext peer", out.hasRemaining());
            assertTrue(responder.isDone());
            assertEquals("only the 20-byte prefix is taken", 20, in.position());
            MseOutcome outcome = responder.outcome();
            assertEquals(PayloadCipher.PLAINTEXT, outcome.cipher());
            assertTrue(outcome.key().isEmpty());
            assertArrayEquals(java.util.Arrays.copyOf(handshake, 20), outcome.initialPayload());
        }
    }

    @Test
    public void aBitTorrentHandshakeIsRefusedWhenRc4IsRequired() {
        ResponderCore responder = new ResponderCore(KeyRing.of(KEY), CryptoPolicy.RC4_REQUIRED, SETTINGS, new Random(19), 0, CoreLink.TIMEOUT);
        try {
            // Split inside the prefix: recognition must wait for all 20 bytes.
            byte[] handshake = bitTorrentHandshake();
            responder.receive(ByteBuffer.wrap(handshake, 0, 11), 0);
            assertFalse(responder.isDone());
            responder.receive(ByteBuffer.wrap(handshake, 11, 57), 0);
            fail("RC4_REQUIRED must refuse plaintext");
        } catch (MseFailure e) {
            assertEquals(HandshakeFailure.PLAINTEXT_REFUSED, e.failure());
            assertTrue(e.getMessage(), e.getMessage().contains("plaintext BitTorrent handshake"));
        }
    }

    @Test
    public void payloadAfterTheHandshakeIsLeftForTheCaller() throws Exception {
        byte[] payload = bytes("the responder's first message");
        CoreLink link = link(CryptoPolicy.RC4_REQUIRED, CryptoPolicy.RC4_REQUIRED, KeyRing.of(KEY), new byte[0], 20,
                (toB, message, bytes) -> {
                    if (toB || message != 1) {
                        return bytes;
                    }
                    return ByteBuffer.allocate(bytes.remaining() + payload.length).put(bytes.duplicate())
                            .put(payload).flip();
                });
        link.run();
        ByteBuffer left = link.pending(false);
        assertEquals(payload.length, left.remaining());
        byte[] plain = new byte[payload.length];
        left.get(plain);
        assertArrayEquals(payload, plain); // appended in clear by the test, untouched by the core
    }

    @Test
    public void invalidPublicValuesAreRefusedOnBothSides() throws Exception {
        ResponderCore responder = new ResponderCore(KeyRing.of(KEY), CryptoPolicy.RC4_REQUIRED, SETTINGS, new Random(21), 0, CoreLink.TIMEOUT);
        try {
            responder.receive(ByteBuffer.wrap(new byte[96]), 0);
            fail("Y = 0 accepted");
        } catch (MseFailure e) {
            assertEquals(HandshakeFailure.INVALID_PUBLIC_KEY, e.failure());
        }
        InitiatorCore initiator = new InitiatorCore(KEY, new byte[0], CryptoPolicy.RC4_REQUIRED, SETTINGS, new Random(22), 0, CoreLink.TIMEOUT);
        initiator.start();
        try {
            initiator.receive(ByteBuffer.wrap(DiffieHellman.encode(MseConstants.P.subtract(java.math.BigInteger.ONE))), 0);
            fail("Y = P-1 accepted");
        } catch (MseFailure e) {
            assertEquals(HandshakeFailure.INVALID_PUBLIC_KEY, e.failure());
        }
    }

    @Test
    public void theDeadlineEndsTheHandshake() throws Exception {
        ResponderCore responder = new ResponderCore(KeyRing.of(KEY), CryptoPolicy.RC4_REQUIRED, SETTINGS, new Random(23), 1_000, 5_000);
        responder.receive(ByteBuffer.wrap(new byte[50]), 5_999);
        try {
            responder.receive(ByteBuffer.wrap(new byte[10]), 6_000);
            fail("past the deadline");
        } catch (MseFailure e) {
            assertEquals(HandshakeFailure.TIMEOUT, e.failure());
            assertTrue(e.getMessage(), e.getMessage().contains("public key (50 of 96 bytes)"));
        }
        assertEquals(HandshakeFailure.PEER_CLOSED, responder.peerClosed().failure());
    }

    /**
     * Seeded random inputs of random lengths: the responder must never succeed, never throw
     * anything but a handshake failure of an expected kind, and otherwise wait for more.
     */
    @Test
    public void randomBytesNeverPassTheResponder() {
        EnumSet<HandshakeFailure> expected = EnumSet.of(HandshakeFailure.TOO_MUCH_PADDING,
                HandshakeFailure.INVALID_PUBLIC_KEY, HandshakeFailure.PLAINTEXT_REFUSED);
        Random random = new Random(2024);
        int failed = 0;
        for (int i = 0; i < 400; i++) {
            byte[] input = new byte[random.nextInt(1500)];
            random.nextBytes(input);
            ResponderCore responder = new ResponderCore(KeyRing.of(KEY), CryptoPolicy.values()[i % 4], SETTINGS,
                    new Random(i), 0, CoreLink.TIMEOUT);
            ByteBuffer in = ByteBuffer.wrap(input);
            try {
                while (in.hasRemaining()) {
                    ByteBuffer chunk = in.slice().limit(Math.min(in.remaining(), 1 + random.nextInt(200)));
                    responder.receive(chunk, 0);
                    assertFalse("random input completed a handshake", responder.isDone());
                    assertEquals("the core takes every byte it is given before it is done", 0, chunk.remaining());
                    in.position(in.position() + chunk.position());
                }
                // Input ran out: the driver would now see end of stream.
                assertTrue("short input " + input.length, input.length < 96 + 532);
            } catch (MseFailure e) {
                assertTrue(e.failure() + ": " + e.getMessage(), expected.contains(e.failure()));
                failed++;
            }
        }
        assertTrue("some inputs were long enough to exhaust the req1 window", failed > 50);
    }

    /** The same for the initiator, fed random bytes in place of the responder's reply. */
    @Test
    public void randomBytesNeverPassTheInitiator() {
        EnumSet<HandshakeFailure> expected = EnumSet.of(HandshakeFailure.TOO_MUCH_PADDING,
                HandshakeFailure.INVALID_PUBLIC_KEY, HandshakeFailure.NO_COMMON_METHOD);
        Random random = new Random(2025);
        int failed = 0;
        for (int i = 0; i < 200; i++) {
            byte[] input = new byte[random.nextInt(1200)];
            random.nextBytes(input);
            InitiatorCore initiator = new InitiatorCore(KEY, new byte[0], CryptoPolicy.values()[i % 4], SETTINGS,
                    new Random(i), 0, CoreLink.TIMEOUT);
            initiator.start();
            try {
                initiator.receive(ByteBuffer.wrap(input), 0);
                assertFalse("random input completed a handshake", initiator.isDone());
                assertTrue("short input " + input.length, input.length < 96 + 520);
            } catch (MseFailure e) {
                assertTrue(e.failure() + ": " + e.getMessage(), expected.contains(e.failure()));
                failed++;
            }
        }
        assertTrue(failed > 50);
    }

    @Test
    public void unusableArgumentsAreRejectedBeforeAnythingIsSent() {
        try {
            new InitiatorCore(KEY, new byte[65536], CryptoPolicy.RC4_REQUIRED, SETTINGS, new Random(1), 0, CoreLink.TIMEOUT);
            fail("IA of 65536 bytes cannot be encoded");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("65535"));
        }
        try {
            new InitiatorCore(new byte[0], new byte[0], CryptoPolicy.RC4_REQUIRED, SETTINGS, new Random(1), 0, CoreLink.TIMEOUT);
            fail("empty key");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("empty"));
        }
        try (MseChannelCrypto crypto = new MseChannelCrypto(SETTINGS)) {
            org.swarmsync.api.transport.Connection[] c = MemoryPipe.pair(1024);
            crypto.respond(c[1], KeyRing.of(KEY), CryptoPolicy.RC4_REQUIRED, java.time.Duration.ZERO);
            fail("zero timeout");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("timeout must be positive"));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static CoreLink link(CryptoPolicy initiator, CryptoPolicy responder, KeyRing keys, byte[] ia, long seed,
            CoreLink.Tamper tamper) {
        return new CoreLink(
                new InitiatorCore(KEY, ia, initiator, SETTINGS, new Random(seed), 0, CoreLink.TIMEOUT),
                new ResponderCore(keys, responder, SETTINGS, new Random(seed + 1000), 0, CoreLink.TIMEOUT), seed, tamper);
    }

    private static CoreLink link(MseSettings initiator, MseSettings responder, long seed) {
        return new CoreLink(
                new InitiatorCore(KEY, new byte[0], CryptoPolicy.RC4_REQUIRED, initiator, new Random(seed), 0, CoreLink.TIMEOUT),
                new ResponderCore(KeyRing.of(KEY), CryptoPolicy.RC4_REQUIRED, responder, new Random(seed + 1), 0, CoreLink.TIMEOUT),
                seed, null);
    }

    private static MseFailure failure(CoreLink link) {
        try {
            link.run();
        } catch (MseFailure e) {
            return e;
        }
        throw new AssertionError("the handshake should have failed");
    }

    private static ByteBuffer flip(ByteBuffer bytes, int index) {
        ByteBuffer copy = ByteBuffer.allocate(bytes.remaining()).put(bytes.duplicate()).flip();
        copy.put(index, (byte) (copy.get(index) ^ 0x01));
        return copy;
    }

    static byte[] bitTorrentHandshake() {
        ByteBuffer b = ByteBuffer.allocate(68);
        b.put((byte) 19).put(bytes("BitTorrent protocol")).put(new byte[8]).put(KEY).put(bytes("-SW0001-123456789012"));
        return b.array();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
