package org.swarmsync.sync.internal.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import org.swarmsync.api.secrets.Access;
import org.swarmsync.sync.internal.protocol.Auth;
import org.swarmsync.sync.internal.protocol.Hello;
import org.swarmsync.sync.internal.protocol.MessageCodec;
import org.swarmsync.sync.internal.protocol.ProtocolException;

/**
 * The hello/auth exchange of one session, without I/O: it says what to send and judges what
 * arrived. Both sides send {@link Hello} at once; after the peer's hello each sends an
 * {@link Auth} whose proofs are HMAC-SHA256 under K_ro (and K_rw) of the transcript
 *
 * <pre>"swarmsync/v1/auth" ‖ binding ‖ initiator's hello body ‖ responder's hello body ‖ role byte</pre>
 *
 * where the hello bodies are the exact frame bytes as sent, and the role byte is {@code 'I'}
 * in the initiator's proofs and {@code 'R'} in the responder's. Fresh nonces make every
 * transcript unique (no replay), the role byte stops a proof being reflected back, and the
 * binding (unique to the crypto session underneath) stops a relay between two crypto sessions.
 * Not thread-safe: the session's reader thread drives it.
 */
public final class Authenticator {

    private static final byte[] LABEL = "swarmsync/v1/auth".getBytes(StandardCharsets.US_ASCII);
    private static final int BINDING_LENGTH = 32;

    private final Role role;
    private final AuthKeys keys;
    private final byte[] binding;
    private final Hello ourHello;
    private final byte[] ourHelloBody;
    private Hello peerHello;
    private byte[] transcript;

    /**
     * @param role which end we are
     * @param keys our folder's keys; our hello must claim their access
     * @param binding 32 bytes unique to the crypto session underneath, or empty while the
     *        crypto API offers none (see docs/protocol.md)
     * @param ourHello the hello we send
     */
    public Authenticator(Role role, AuthKeys keys, byte[] binding, Hello ourHello) {
        this.role = Objects.requireNonNull(role, "role");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.ourHello = Objects.requireNonNull(ourHello, "ourHello");
        if (binding.length != 0 && binding.length != BINDING_LENGTH) {
            throw new IllegalArgumentException("session binding of " + binding.length + " bytes");
        }
        if (ourHello.access() != keys.access()) {
            throw new IllegalArgumentException("hello claims " + ourHello.access().label() + " with a "
                    + keys.access().label() + " secret");
        }
        this.binding = binding.clone();
        this.ourHelloBody = MessageCodec.encodeToArray(ourHello);
    }

    /** @return the exact body of our hello frame, to send first; the transcript covers these bytes */
    public byte[] helloBody() {
        return ourHelloBody.clone();
    }

    /**
     * @param body the peer's hello frame body exactly as received
     * @param hello the same, decoded
     * @return our auth, to send now
     * @throws ProtocolException if the peer echoes our own nonce
     */
    public Auth onPeerHello(byte[] body, Hello hello) throws ProtocolException {
        if (peerHello != null) {
            throw new IllegalStateException("second hello");
        }
        if (Arrays.equals(hello.nonce(), ourHello.nonce())) {
            throw new ProtocolException("hello: the peer sent our own nonce back");
        }
        peerHello = hello;
        byte[] initiator = role == Role.INITIATOR ? ourHelloBody : body;
        byte[] responder = role == Role.INITIATOR ? body : ourHelloBody;
        transcript = concat(LABEL, binding, initiator, responder);
        byte[] ourRole = {role.transcriptByte()};
        byte[] ro = keys.readOnlyProof(transcript, ourRole);
        Optional<byte[]> rw = keys.access() == Access.READ_WRITE
                ? Optional.of(keys.readWriteProof(transcript, ourRole)) : Optional.empty();
        return new Auth(ro, rw);
    }

    /**
     * @param auth the peer's auth
     * @return who the peer is and what it proved
     * @throws AuthenticationException if a proof we can check does not verify
     * @throws ProtocolException if the proofs do not match the peer's claim (a read-write
     *         proof from a peer that claimed read-only, or none from one that claimed read-write)
     */
    public PeerInfo verify(Auth auth) throws AuthenticationException, ProtocolException {
        if (peerHello == null) {
            throw new IllegalStateException("auth before hello");
        }
        boolean claimsRw = peerHello.access() == Access.READ_WRITE;
        if (auth.rw().isPresent() != claimsRw) {
            throw new ProtocolException(claimsRw ? "auth: no read-write proof from a peer that claims read-write"
                    : "auth: a read-write proof from a peer that claims read-only");
        }
        byte[] peerRole = {role.peer().transcriptByte()};
        if (!MessageDigest.isEqual(keys.readOnlyProof(transcript, peerRole), auth.ro())) {
            throw new AuthenticationException();
        }
        PeerAccess access;
        if (!claimsRw) {
            access = PeerAccess.READ_ONLY;
        } else if (!keys.hasReadWrite()) {
            access = PeerAccess.READ_WRITE_CLAIMED;
        } else if (MessageDigest.isEqual(keys.readWriteProof(transcript, peerRole), auth.rw().get())) {
            access = PeerAccess.READ_WRITE;
        } else {
            throw new AuthenticationException();
        }
        return new PeerInfo(peerHello.peer(), peerHello.device(), peerHello.clientName(), access);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
