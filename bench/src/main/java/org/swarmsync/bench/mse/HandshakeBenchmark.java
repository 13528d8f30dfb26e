package org.swarmsync.bench.mse;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.swarmsync.api.crypto.CryptoPolicy;
import org.swarmsync.api.crypto.KeyRing;
import org.swarmsync.crypto.mse.internal.InitiatorCore;
import org.swarmsync.crypto.mse.internal.MseOutcome;
import org.swarmsync.crypto.mse.internal.MseSettings;
import org.swarmsync.crypto.mse.internal.ResponderCore;

/**
 * Complete MSE handshakes, both sides, through the bundle's sans-I/O cores in one thread:
 * the CPU cost of a handshake (4 modPows, SHA-1s, two RC4 key setups with their 1024-byte
 * discards per side, padding) without any network, with each RC4 implementation. A score of N ops/s means one core can
 * run N handshakes a second as initiator and responder together, so about 2N one-sided.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar 'mse.HandshakeBenchmark'}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HandshakeBenchmark {

    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(30);

    /** How many keys the responder serves; it tests each against the initiator's key hash. */
    @Param({"1", "1000"})
    public int keys;

    /**
     * Which RC4 the handshake uses: {@code openssl} (the bundle's JNI shim) or {@code jdk}
     * (ARCFOUR, via {@code swarmsync.mse.native=false}). JMH forks a JVM per value, and the
     * bundle decides once per JVM, so the property is set before its first use.
     */
    @Param({"openssl", "jdk"})
    public String rc4;

    private SecureRandom random;
    private KeyRing ring;
    private byte[] key;
    private final byte[] initialPayload = new byte[68];

    @Setup
    public void setUp() throws Exception {
        random = new SecureRandom();
        byte[][] all = new byte[keys][20];
        for (byte[] k : all) {
            random.nextBytes(k);
        }
        key = all[keys - 1]; // the last one: the responder has to try them all
        ring = KeyRing.of(all);
        System.setProperty("swarmsync.mse.native", String.valueOf(rc4.equals("openssl")));
        MseOutcome first = handshake();
        String used = first.decrypt().getClass().getSimpleName();
        if (!used.equals(rc4.equals("openssl") ? "NativeRc4" : "JdkRc4")) {
            throw new IllegalStateException("asked for " + rc4 + " RC4 but the bundle uses " + used);
        }
    }

    @Benchmark
    public MseOutcome handshake() throws Exception {
        long now = System.nanoTime();
        InitiatorCore a = new InitiatorCore(key, initialPayload, CryptoPolicy.RC4_REQUIRED, MseSettings.DEFAULTS,
                random, now, TIMEOUT);
        ResponderCore b = new ResponderCore(ring, CryptoPolicy.RC4_REQUIRED, MseSettings.DEFAULTS, random, now, TIMEOUT);
        ByteBuffer step2 = b.receive(a.start(), now);
        ByteBuffer step3 = a.receive(step2, now);
        ByteBuffer step4 = b.receive(step3, now);
        a.receive(step4, now);
        if (!a.isDone() || !b.isDone()) {
            throw new IllegalStateException("handshake did not complete");
        }
        // As the connections would on close: frees native RC4 states at once, not via the cleaner.
        close(a.outcome());
        return close(b.outcome());
    }

    private static MseOutcome close(MseOutcome outcome) {
        outcome.decrypt().close();
        outcome.encrypt().close();
        return outcome;
    }
}
