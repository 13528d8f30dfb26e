package org.swarmsync.crypto.mse.internal;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.swarmsync.api.crypto.HandshakeFailure;
import org.swarmsync.api.crypto.HandshakeResult;
import org.swarmsync.api.crypto.PayloadCipher;
import org.swarmsync.api.transport.Connection;

/**
 * Runs a {@link HandshakeCore} over a blocking {@link Connection}. Each read waits at most
 * until the handshake's deadline; a watchdog closes the connection shortly after the
 * deadline too, which also frees a thread stuck in a write to a peer that never reads.
 */
final class HandshakeDriver {

    /** Bytes read per call; any size works because the core consumes incrementally. */
    private static final int READ_BUFFER = 4096;

    /** The watchdog fires this long after the deadline, so read timeouts normally win. */
    static final long GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private static final int RUNNING = 0;
    private static final int FINISHED = 1;
    private static final int EXPIRED = 2;

    private final ScheduledExecutorService watchdog;
    private final Set<Connection> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    HandshakeDriver(ScheduledExecutorService watchdog) {
        this.watchdog = watchdog;
    }

    HandshakeResult run(HandshakeCore core, Connection connection) throws MseFailure {
        AtomicInteger state = new AtomicInteger(RUNNING);
        inFlight.add(connection);
        ScheduledFuture<?> alarm = null;
        try {
            if (stopped) {
                throw new MseFailure(HandshakeFailure.TRANSPORT_ERROR, "the provider has stopped");
            }
            long delay = core.deadlineNanos() - System.nanoTime() + GRACE_NANOS;
            alarm = watchdog.schedule(() -> {
                if (state.compareAndSet(RUNNING, EXPIRED)) {
                    closeQuietly(connection);
                }
            }, delay, TimeUnit.NANOSECONDS);
            ByteBuffer leftover = exchange(core, connection, state);
            if (!state.compareAndSet(RUNNING, FINISHED)) {
                throw core.timedOut();
            }
            connection.setReadTimeout(Duration.ZERO);
            return result(core.outcome(), connection, leftover);
        } catch (MseFailure e) {
            closeQuietly(connection);
            throw e;
        } catch (IOException e) {
            closeQuietly(connection);
            if (state.get() == EXPIRED) {
                MseFailure timeout = core.timedOut();
                timeout.initCause(e);
                throw timeout;
            }
            String why = stopped ? "the provider has stopped" : "the transport failed: " + e;
            throw new MseFailure(HandshakeFailure.TRANSPORT_ERROR, why, e);
        } catch (RuntimeException | Error e) {
            closeQuietly(connection);
            throw e;
        } finally {
            if (alarm != null) {
                alarm.cancel(false);
            }
            inFlight.remove(connection);
        }
    }

    /** Feeds the core until it is done; returns the bytes read past the handshake. */
    private static ByteBuffer exchange(HandshakeCore core, Connection connection, AtomicInteger state)
            throws IOException {
        send(connection, core.start());
        ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER);
        while (!core.isDone()) {
            long left = core.deadlineNanos() - System.nanoTime();
            if (left <= 0 || state.get() == EXPIRED) {
                throw core.timedOut();
            }
            if (!buffer.hasRemaining()) {
                throw new IllegalStateException("handshake core stalled with a full buffer");
            }
            connection.setReadTimeout(Duration.ofNanos(left));
            int n;
            try {
                n = connection.read(buffer);
            } catch (SocketTimeoutException e) {
                MseFailure timeout = core.timedOut();
                timeout.initCause(e);
                throw timeout;
            }
            if (n < 0) {
                throw core.peerClosed();
            }
            buffer.flip();
            ByteBuffer out = core.receive(buffer, System.nanoTime());
            buffer.compact();
            send(connection, out);
        }
        return buffer.flip();
    }

    private static void send(Connection connection, ByteBuffer out) throws IOException {
        while (out.hasRemaining()) {
            connection.write(out);
        }
    }

    private static HandshakeResult result(MseOutcome outcome, Connection connection, ByteBuffer leftover) {
        byte[] initial = outcome.initialPayload();
        if (outcome.cipher() == PayloadCipher.AES_128_GCM) {
            // RC4 carried the handshake and IA; records take over from here.
            outcome.decrypt().close();
            outcome.encrypt().close();
            MseOutcome.GcmKeys keys = outcome.gcm();
            GcmRecordLayer layer = new GcmRecordLayer(new GcmRecordCipher(keys.open(), false),
                    new GcmRecordCipher(keys.seal(), true), leftover);
            GcmRecordCipher.wipe(keys.open());
            GcmRecordCipher.wipe(keys.seal());
            return new HandshakeResult(new MseConnection(connection, layer, ByteBuffer.wrap(initial)),
                    outcome.cipher(), outcome.key(), ByteBuffer.wrap(initial), outcome.binding());
        }
        byte[] rest = new byte[leftover.remaining()];
        leftover.get(rest);
        if (outcome.decrypt() != null) {
            // Payload that arrived with the last handshake message continues the RC4 stream.
            outcome.decrypt().apply(rest, 0, rest.length);
        }
        ByteBuffer pushback = ByteBuffer.allocate(initial.length + rest.length).put(initial).put(rest).flip();
        Connection wrapped = outcome.encrypt() == null && !pushback.hasRemaining()
                ? connection
                : new MseConnection(connection, outcome.decrypt(), outcome.encrypt(), pushback);
        return new HandshakeResult(wrapped, outcome.cipher(), outcome.key(), ByteBuffer.wrap(initial),
                outcome.binding());
    }

    /** Ends every handshake still running: their threads get a TRANSPORT_ERROR at once. */
    void stop() {
        stopped = true;
        for (Connection connection : inFlight) {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (IOException e) {
            // The handshake is failing anyway; the first error is the one to report.
        }
    }
}
