package org.swarmsync.sync.internal.session;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

import org.junit.Test;
import org.swarmsync.api.discovery.PeerId;
import org.swarmsync.api.secrets.Access;
import org.swarmsync.api.secrets.Secret;
import org.swarmsync.secrets.internal.SecretServiceImpl;
import org.swarmsync.sync.internal.protocol.Auth;
import org.swarmsync.sync.internal.protocol.Hello;
import org.swarmsync.sync.internal.protocol.MessageCodec;
import org.swarmsync.sync.internal.protocol.ProtocolException;

/** The hello/auth exchange without I/O: who proves what, and what no attacker gets past. */
public class AuthenticatorTest {

    static final SecretServiceImpl SECRETS = new SecretServiceImpl();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Secret ZERO = SECRETS.parse("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    private static final byte[] NO_BINDING = new byte[0];

    static Hello hello(Access access, byte[] nonce) {
        return new Hello(1, PeerId.random(RANDOM), RANDOM.nextLong(), nonce, "test", access);
    }

    static Authenticator side(Role role, AuthKeys keys, byte[] binding) {
        byte[] nonce = new byte[32];
        RANDOM.nextBytes(nonce);
        return new Authenticator(role, keys, binding, hello(keys.access(), nonce));
    }

    private static Hello decode(byte[] body) throws ProtocolException {
        return (Hello) MessageCodec.decode(ByteBuffer.wrap(body));
    }

    /** Both hellos cross, then both auths: returns {what the initiator learnt, what the responder learnt}. */
    private static PeerInfo[] exchange(Authenticator initiator, Authenticator responder) throws Exception {
        Auth fromInitiator = initiator.onPeerHello(responder.helloBody(), decode(responder.helloBody()));
        Auth fromResponder = responder.onPeerHello(initiator.helloBody(), decode(initiator.helloBody()));
        return new PeerInfo[] {initiator.verify(fromResponder), responder.verify(fromInitiator)};
    }

    private static void assertBothFail(Authenticator initiator, Authenticator responder) throws Exception {
        Auth fromInitiator = initiator.onPeerHello(responder.helloBody(), decode(responder.helloBody()));
        Auth fromResponder = responder.onPeerHello(initiator.helloBody(), decode(initiator.helloBody()));
        assertEquals("authentication failed",
                assertThrows(AuthenticationException.class, () -> initiator.verify(fromResponder)).getMessage());
        assertEquals("authentication failed",
                assertThrows(AuthenticationException.class, () -> responder.verify(fromInitiator)).getMessage());
    }

    @Test
    public void keysFollowTheDocumentedDerivation() {
        // Expected values computed with Python's hmac and hashlib (docs/protocol.md test vector).
        AuthKeys rw = AuthKeys.of(ZERO);
        byte[] transcript = "test transcript".getBytes(StandardCharsets.US_ASCII);
        assertEquals("87a99902593d27c1daff0d23805d76883e6e63beca198c0bd85e5316a0d4e977",
                HexFormat.of().formatHex(rw.readOnlyProof(transcript)));
        assertEquals("f2587c67e201ff81d696e6e0933b701a02e116bb7eb75f278fc4d5071d1de772",
                HexFormat.of().formatHex(rw.readWriteProof(transcript)));
        AuthKeys ro = AuthKeys.of(ZERO.readOnly());
        assertArrayEquals(rw.readOnlyProof(transcript), ro.readOnlyProof(transcript));
        assertEquals(Access.READ_ONLY, ro.access());
        assertThrows(IllegalStateException.class, () -> ro.readWriteProof(transcript));
        assertEquals("AuthKeys[read-write]", rw.toString());
    }

    @Test
    public void transcriptIsLabelBindingHellosAndRole() throws Exception {
        byte[] binding = new byte[32];
        binding[0] = 7;
        AuthKeys keys = AuthKeys.of(ZERO);
        Authenticator initiator = side(Role.INITIATOR, keys, binding);
        Authenticator responder = side(Role.RESPONDER, keys, binding);
        Auth auth = initiator.onPeerHello(responder.helloBody(), decode(responder.helloBody()));
        // K_ro of the zero secret, from Python; the transcript assembled here independently.
        byte[] kRo = HexFormat.of().parseHex("3c1d77023836185d429873e24634685e178f44c8865a11fdf2fb986f5ac50996");
        byte[] expected = AuthKeys.hmac(kRo, "swarmsync/v1/auth".getBytes(StandardCharsets.US_ASCII), binding,
                initiator.helloBody(), responder.helloBody(), new byte[] {'I'});
        assertArrayEquals(expected, auth.ro());
    }

    @Test
    public void readWritePeersProveReadWriteToEachOther() throws Exception {
        Secret secret = SECRETS.generate();
        PeerInfo[] learnt = exchange(side(Role.INITIATOR, AuthKeys.of(secret), NO_BINDING),
                side(Role.RESPONDER, AuthKeys.of(secret), NO_BINDING));
        assertEquals(PeerAccess.READ_WRITE, learnt[0].access());
        assertEquals(PeerAccess.READ_WRITE, learnt[1].access());
    }

    @Test
    public void readOnlyPeerIsProvenReadOnlyAndCannotCheckReadWrite() throws Exception {
        Secret secret = SECRETS.generate();
        PeerInfo[] learnt = exchange(side(Role.INITIATOR, AuthKeys.of(secret), NO_BINDING),
                side(Role.RESPONDER, AuthKeys.of(secret.readOnly()), NO_BINDING));
        assertEquals(PeerAccess.READ_ONLY, learnt[0].access());
        assertEquals(PeerAccess.READ_WRITE_CLAIMED, learnt[1].access());
        PeerInfo[] bothRo = exchange(side(Role.INITIATOR, AuthKeys.of(secret.readOnly()), NO_BINDING),
                side(Role.RESPONDER, AuthKeys.of(secret.readOnly()), NO_BINDING));
        assertEquals(PeerAccess.READ_ONLY, bothRo[0].access());
        assertEquals(PeerAccess.READ_ONLY, bothRo[1].access());
    }

    @Test
    public void wrongSecretFailsBothWays() throws Exception {
        assertBothFail(side(Role.INITIATOR, AuthKeys.of(SECRETS.generate()), NO_BINDING),
                side(Role.RESPONDER, AuthKeys.of(SECRETS.generate()), NO_BINDING));
        assertBothFail(side(Role.INITIATOR, AuthKeys.of(SECRETS.generate().readOnly()), NO_BINDING),
                side(Role.RESPONDER, AuthKeys.of(SECRETS.generate()), NO_BINDING));
    }

    @Test
    public void differentBindingsFailAsARelayWould() throws Exception {
        Secret secret = SECRETS.generate();
        byte[] one = new byte[32];
        byte[] other = new byte[32];
        other[31] = 1;
        assertBothFail(side(Role.INITIATOR, AuthKeys.of(secret), one), side(Role.RESPONDER, AuthKeys.of(secret), other));
        exchange(side(Role.INITIATOR, AuthKeys.of(secret), other), side(Role.RESPONDER, AuthKeys.of(secret), other));
        assertThrows(IllegalArgumentException.class, () -> side(Role.INITIATOR, AuthKeys.of(secret), new byte[16]));
    }

    @Test
    public void theShareHashAloneCannotProveAnything() throws Exception {
        Authenticator responder = side(Role.RESPONDER, AuthKeys.of(SECRETS.generate()), NO_BINDING);
        byte[] nonce = new byte[32];
        RANDOM.nextBytes(nonce);
        Hello attacker = hello(Access.READ_ONLY, nonce);
        responder.onPeerHello(MessageCodec.encodeToArray(attacker), attacker);
        byte[] guess = new byte[32];
        RANDOM.nextBytes(guess);
        assertThrows(AuthenticationException.class, () -> responder.verify(new Auth(guess, Optional.empty())));
    }

    @Test
    public void aProofReflectedBackFails() throws Exception {
        Secret secret = SECRETS.generate();
        Authenticator initiator = side(Role.INITIATOR, AuthKeys.of(secret), NO_BINDING);
        Authenticator responder = side(Role.RESPONDER, AuthKeys.of(secret), NO_BINDING);
        Auth ours = initiator.onPeerHello(responder.helloBody(), decode(responder.helloBody()));
        assertThrows(AuthenticationException.class, () -> initiator.verify(ours));
    }

    @Test
    public void aProofReplayedIntoAnotherSessionFails() throws Exception {
        Secret secret = SECRETS.generate();
        Authenticator honest = side(Role.INITIATOR, AuthKeys.of(secret), NO_BINDING);
        Authenticator first = side(Role.RESPONDER, AuthKeys.of(secret), NO_BINDING);
        Auth recorded = honest.onPeerHello(first.helloBody(), decode(first.helloBody()));
        first.onPeerHello(honest.helloBody(), decode(honest.helloBody()));
        first.verify(recorded);
        // The attacker replays the honest initiator's hello and auth to a new session.
        Authenticator second = side(Role.RESPONDER, AuthKeys.of(secret), NO_BINDING);
        second.onPeerHello(honest.helloBody(), decode(honest.helloBody()));
        assertThrows(AuthenticationException.class, () -> second.verify(recorded));
    }

    @Test
    public void aReadOnlyHolderClaimingReadWriteIsCaughtByReadWriteVerifiers() throws Exception {
        Secret secret = SECRETS.generate();
        AuthKeys stolenRo = AuthKeys.of(secret.readOnly());
        Authenticator victim = side(Role.RESPONDER, AuthKeys.of(secret), NO_BINDING);
        byte[] nonce = new byte[32];
        RANDOM.nextBytes(nonce);
        byte[] liarHello = MessageCodec.encodeToArray(hello(Access.READ_WRITE, nonce));
        victim.onPeerHello(liarHello, decode(liarHello));
        byte[] transcript = concat("swarmsync/v1/auth".getBytes(StandardCharsets.US_ASCII), liarHello, victim.helloBody());
        Auth forged = new Auth(stolenRo.readOnlyProof(transcript, new byte[] {'I'}), Optional.of(new byte[32]));
        assertThrows(AuthenticationException.class, () -> victim.verify(forged));

        // A read-only verifier cannot tell: it learns only that read-write is claimed.
        Authenticator roVictim = side(Role.RESPONDER, AuthKeys.of(secret.readOnly()), NO_BINDING);
        roVictim.onPeerHello(liarHello, decode(liarHello));
        byte[] roTranscript = concat("swarmsync/v1/auth".getBytes(StandardCharsets.US_ASCII), liarHello, roVictim.helloBody());
        Auth forgedToRo = new Auth(stolenRo.readOnlyProof(roTranscript, new byte[] {'I'}), Optional.of(new byte[32]));
        assertEquals(PeerAccess.READ_WRITE_CLAIMED, roVictim.verify(forgedToRo).access());
    }

    @Test
    public void proofsMustMatchTheClaim() throws Exception {
        Secret secret = SECRETS.generate();
        Authenticator verifier = side(Role.RESPONDER, AuthKeys.of(secret), NO_BINDING);
        byte[] nonce = new byte[32];
        RANDOM.nextBytes(nonce);
        byte[] roHello = MessageCodec.encodeToArray(hello(Access.READ_ONLY, nonce));
        verifier.onPeerHello(roHello, decode(roHello));
        assertEquals("auth: a read-write proof from a peer that claims read-only", assertThrows(ProtocolException.class,
                () -> verifier.verify(new Auth(new byte[32], Optional.of(new byte[32])))).getMessage());

        Authenticator other = side(Role.RESPONDER, AuthKeys.of(secret), NO_BINDING);
        byte[] rwHello = MessageCodec.encodeToArray(hello(Access.READ_WRITE, nonce));
        other.onPeerHello(rwHello, decode(rwHello));
        assertEquals("auth: no read-write proof from a peer that claims read-write", assertThrows(ProtocolException.class,
                () -> other.verify(new Auth(new byte[32], Optional.empty()))).getMessage());
    }

    @Test
    public void aPeerEchoingOurNonceIsRefused() {
        Authenticator us = side(Role.RESPONDER, AuthKeys.of(SECRETS.generate()), NO_BINDING);
        byte[] ours = us.helloBody();
        assertEquals("hello: the peer sent our own nonce back",
                assertThrows(ProtocolException.class, () -> us.onPeerHello(ours, decode(ours))).getMessage());
    }

    @Test
    public void ourHelloMustClaimWhatOurSecretGives() {
        AuthKeys ro = AuthKeys.of(SECRETS.generate().readOnly());
        assertThrows(IllegalArgumentException.class,
                () -> new Authenticator(Role.INITIATOR, ro, NO_BINDING, hello(Access.READ_WRITE, new byte[32])));
    }

    @Test
    public void secretTextDecodesToTheRawKeys() {
        assertArrayEquals(new byte[20], SecretBytes.readWrite(ZERO).orElseThrow());
        // The read-only secret is the first 20 bytes of SHA-256 of the read-write one (PROTOCOLS.md 1.2).
        assertEquals("de47c9b27eb8d300dbb5f2c353e632c393262cf0",
                HexFormat.of().formatHex(SecretBytes.readOnly(ZERO)));
        assertArrayEquals(SecretBytes.readOnly(ZERO), SecretBytes.readOnly(ZERO.readOnly()));
        assertEquals(Optional.empty(), SecretBytes.readWrite(ZERO.readOnly()));
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer all = ByteBuffer.allocate(parts[0].length + parts[1].length + parts[2].length);
        for (byte[] p : parts) {
            all.put(p);
        }
        return all.array();
    }
}
