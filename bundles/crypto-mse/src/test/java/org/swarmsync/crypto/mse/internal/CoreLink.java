package org.swarmsync.crypto.mse.internal;

import java.nio.ByteBuffer;
import java.util.Random;

/**
 * Joins two handshake cores in memory, delivering bytes in random chunk sizes (down to one
 * byte) so every split of every field is exercised, under a fake clock. A hook may rewrite
 * each message on its way, to play a broken or hostile peer.
 */
final class CoreLink {

    /** Rewrites bytes travelling from the initiator (toResponder) or back. */
    interface Tamper {
        ByteBuffer apply(boolean toResponder, int message, ByteBuffer bytes);
    }

    static final long TIMEOUT = 30_000_000_000L;

    final InitiatorCore initiator;
    final ResponderCore responder;
    private final Random chunks;
    private final Tamper tamper;
    private ByteBuffer toResponder = ByteBuffer.allocate(0);
    private ByteBuffer toInitiator = ByteBuffer.allocate(0);
    private int messagesToResponder;
    private int messagesToInitiator;
    long now;

    CoreLink(InitiatorCore initiator, ResponderCore responder, long seed, Tamper tamper) {
        this.initiator = initiator;
        this.responder = responder;
        this.chunks = new Random(seed);
        this.tamper = tamper;
    }

    /** Runs both sides until done; throws the first failure. */
    void run() throws MseFailure {
        send(true, initiator.start());
        send(false, responder.start());
        int rounds = 0;
        while (!(initiator.isDone() && responder.isDone())) {
            if (++rounds > 100_000) {
                throw new AssertionError("handshake made no progress");
            }
            boolean moved = false;
            if (toResponder.hasRemaining() && !responder.isDone()) {
                send(false, deliver(true));
                moved = true;
            }
            if (toInitiator.hasRemaining() && !initiator.isDone()) {
                send(true, deliver(false));
                moved = true;
            }
            if (!moved) {
                throw new AssertionError("handshake stalled: both sides wait");
            }
            now += 1_000_000;
        }
    }

    private ByteBuffer deliver(boolean toB) throws MseFailure {
        ByteBuffer queue = toB ? toResponder : toInitiator;
        int n = 1 + chunks.nextInt(Math.min(queue.remaining(), chunks.nextBoolean() ? 7 : 300));
        ByteBuffer chunk = queue.slice().limit(n);
        ByteBuffer out = toB ? responder.receive(chunk, now) : initiator.receive(chunk, now);
        queue.position(queue.position() + chunk.position());
        return out;
    }

    private void send(boolean toB, ByteBuffer out) {
        if (!out.hasRemaining()) {
            return;
        }
        ByteBuffer bytes = tamper == null ? out
                : tamper.apply(toB, toB ? messagesToResponder++ : messagesToInitiator++, out);
        if (toB) {
            toResponder = join(toResponder, bytes);
        } else {
            toInitiator = join(toInitiator, bytes);
        }
    }

    /** Appends raw bytes behind a side's handshake, as payload sent right after it. */
    void append(boolean toB, byte[] bytes) {
        if (toB) {
            toResponder = join(toResponder, ByteBuffer.wrap(bytes));
        } else {
            toInitiator = join(toInitiator, ByteBuffer.wrap(bytes));
        }
    }

    /** @return bytes sent to a side that it has not consumed */
    ByteBuffer pending(boolean toB) {
        return (toB ? toResponder : toInitiator).duplicate();
    }

    private static ByteBuffer join(ByteBuffer a, ByteBuffer b) {
        return ByteBuffer.allocate(a.remaining() + b.remaining()).put(a.duplicate()).put(b.duplicate()).flip();
    }
}
