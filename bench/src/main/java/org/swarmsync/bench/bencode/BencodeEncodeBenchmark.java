package org.swarmsync.bench.bencode;

import bt.bencoding.types.BEMap;
import java.util.Map;
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
import org.swarmsync.codec.bencode.BValue;
import org.swarmsync.codec.bencode.Bencode;

/**
 * Encoding the same message to a byte array with each library, from the model a sender would
 * build with its public API (no cached raw bytes). All produce identical canonical bytes
 * (checked in setup). Throughput in messages per second.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar 'bencode.BencodeEncodeBenchmark'}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BencodeEncodeBenchmark {

    /** Which message of the mix; see {@link Messages}. */
    @Param({"lanPing", "trackerReply5", "trackerReply50", "fileIndex10k"})
    public String message;

    private BValue ours;
    private Map<String, Object> dampcakeModel;
    private BEMap btModel;
    private com.dampcake.bencode.Bencode dampcake;

    /** Builds each library's model of the message and checks they encode alike. */
    @Setup
    @SuppressWarnings("unchecked")
    public void setUp() {
        ours = Messages.build(message);
        Rivals.verify(ours, ours.encode());
        dampcake = Rivals.dampcake();
        dampcakeModel = (Map<String, Object>) Rivals.toDampcake(ours);
        btModel = (BEMap) Rivals.toBt(ours);
    }

    /** swarmsync: exact-size array, canonical by construction. */
    @Benchmark
    public byte[] swarmsync() {
        return Bencode.encode(ours);
    }

    /** com.dampcake:bencode. */
    @Benchmark
    public byte[] dampcake() {
        return dampcake.encode(dampcakeModel);
    }

    /** com.github.atomashpolskiy:bt-bencoding, into a ByteArrayOutputStream. */
    @Benchmark
    public byte[] btBencoding() {
        return Rivals.btEncode(btModel);
    }
}
