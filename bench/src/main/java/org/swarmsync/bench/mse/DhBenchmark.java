package org.swarmsync.bench.mse;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.agreement.DHBasicAgreement;
import org.bouncycastle.crypto.generators.DHKeyPairGenerator;
import org.bouncycastle.crypto.params.DHKeyGenerationParameters;
import org.bouncycastle.crypto.params.DHParameters;
import org.bouncycastle.crypto.params.DHPublicKeyParameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One side's Diffie-Hellman work in an MSE handshake: a 160-bit private key, its public
 * value and the shared secret with a peer, over the 768-bit MSE prime. JDK
 * {@code BigInteger.modPow} directly (as the bundle does) against BouncyCastle's
 * lightweight DH classes.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar 'mse.DhBenchmark'}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DhBenchmark {

    static final BigInteger P = new BigInteger(
            "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22"
            + "514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6"
            + "F44C42E9A63A36210000000000090563", 16);
    static final BigInteger G = BigInteger.TWO;

    private SecureRandom random;
    private BigInteger peerY;
    private DHParameters bcParams;
    private DHPublicKeyParameters bcPeer;

    @Setup
    public void setUp() {
        random = new SecureRandom();
        peerY = G.modPow(new BigInteger(160, random), P);
        // l = 160: BouncyCastle then draws 160-bit private values, like MSE.
        bcParams = new DHParameters(P, G, null, 160);
        bcPeer = new DHPublicKeyParameters(peerY, bcParams);
    }

    /** Key pair and agreement with {@code BigInteger.modPow}. */
    @Benchmark
    public BigInteger jdk() {
        BigInteger x = new BigInteger(160, random);
        BigInteger y = G.modPow(x, P);
        return peerY.modPow(x, P).xor(y);
    }

    /** Key pair and agreement with BouncyCastle's {@code DHKeyPairGenerator} and {@code DHBasicAgreement}. */
    @Benchmark
    public BigInteger bouncyCastle() {
        DHKeyPairGenerator generator = new DHKeyPairGenerator();
        generator.init(new DHKeyGenerationParameters(random, bcParams));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        DHBasicAgreement agreement = new DHBasicAgreement();
        agreement.init(pair.getPrivate());
        return agreement.calculateAgreement(bcPeer).xor(((DHPublicKeyParameters) pair.getPublic()).getY());
    }
}
