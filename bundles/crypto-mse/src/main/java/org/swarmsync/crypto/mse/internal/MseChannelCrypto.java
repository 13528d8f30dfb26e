package org.swarmsync.crypto.mse.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swarmsync.api.crypto.ChannelCrypto;
import org.swarmsync.api.crypto.CryptoPolicy;
import org.swarmsync.api.crypto.HandshakeException;
import org.swarmsync.api.crypto.HandshakeResult;
import org.swarmsync.api.crypto.KeyRing;
import org.swarmsync.api.transport.Connection;

/**
 * Message Stream Encryption as a {@link ChannelCrypto}. Owns one daemon watchdog thread,
 * stopped by {@link #close()}, which also ends any handshake still running.
 */
public final class MseChannelCrypto implements ChannelCrypto, AutoCloseable {

    /** The value of {@link ChannelCrypto#CRYPTO_METHOD} for this provider. */
    public static final String METHOD = "mse";

    private static final Logger LOG = LoggerFactory.getLogger(MseChannelCrypto.class);

    private final MseSettings settings;
    private final Random random;
    private final ScheduledThreadPoolExecutor watchdog;
    private final HandshakeDriver driver;

    /** @param settings limits and padding; {@link MseSettings#DEFAULTS} suits most uses */
    public MseChannelCrypto(MseSettings settings) {
        this(settings, new SecureRandom());
    }

    /** @param random randomness for keys and padding; tests may pass a seeded one */
    MseChannelCrypto(MseSettings settings, Random random) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.random = random;
        this.watchdog = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = Executors.defaultThreadFactory().newThread(runnable);
            thread.setName("swarmsync-mse-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        this.watchdog.setRemoveOnCancelPolicy(true);
        this.driver = new HandshakeDriver(watchdog);
    }

    @Override
    public String method() {
        return METHOD;
    }

    @Override
    public HandshakeResult initiate(Connection connection, byte[] key, ByteBuffer initialPayload,
            CryptoPolicy policy, Duration timeout) throws IOException {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(policy, "policy");
        byte[] ia = new byte[initialPayload.remaining()];
        initialPayload.get(ia);
        InitiatorCore core = new InitiatorCore(key, ia, policy, settings, random, System.nanoTime(), nanos(timeout));
        return logged("initiator", connection, core);
    }

    @Override
    public HandshakeResult respond(Connection connection, KeyRing keys, CryptoPolicy policy, Duration timeout)
            throws IOException {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(policy, "policy");
        ResponderCore core = new ResponderCore(keys, policy, settings, random, System.nanoTime(), nanos(timeout));
        return logged("responder", connection, core);
    }

    private HandshakeResult logged(String role, Connection connection, HandshakeCore core) throws HandshakeException {
        try {
            HandshakeResult result = driver.run(core, connection);
            LOG.debug("mse {} with {}: {}", role, connection.remoteAddress(), result.cipher());
            return result;
        } catch (HandshakeException e) {
            LOG.debug("mse {} with {} failed: {}", role, connection.remoteAddress(), e.getMessage());
            throw e;
        }
    }

    private static long nanos(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the handshake timeout must be positive, got " + timeout);
        }
        return timeout.toNanos();
    }

    /** For tests: whether the watchdog thread has ended. */
    boolean isTerminated() {
        return watchdog.isTerminated();
    }

    ScheduledExecutorService watchdog() {
        return watchdog;
    }

    /** Ends running handshakes (closing their connections) and the watchdog thread. */
    @Override
    public void close() {
        driver.stop();
        watchdog.shutdownNow();
    }
}
