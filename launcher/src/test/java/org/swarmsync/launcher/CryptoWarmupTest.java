package org.swarmsync.launcher;

import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeFalse;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.stream.Collectors;

import javax.management.ObjectName;

import org.junit.Test;

/**
 * The warm-up leaves the JDK's AES-CTR, GHASH and SHA-256 compiled by C2, whose code for them
 * is the intrinsics; what the JIT compiled is read from this JVM with the
 * {@code Compiler.codelist} diagnostic command.
 */
public class CryptoWarmupTest {

    private static final long WAIT_MILLIS = 20_000;
    /** The methods C2 replaces with AES-NI, CLMUL and SHA-extension code. */
    private static final List<String> INTRINSIC_METHODS = List.of(
            "com.sun.crypto.provider.CounterMode.implCrypt(",
            "com.sun.crypto.provider.GHASH.processBlocks(",
            "sun.security.provider.DigestBase.implCompressMultiBlock0(");

    @Test
    public void afterTheWarmUpC2HasCompiledTheCipherAndDigestIntrinsics() throws Exception {
        assumeFalse("compiled before the warm-up: this JVM ran crypto already", allCompiledByC2());
        CryptoWarmup.run();
        // C2 compiles on its own threads: allow it the time to finish what the warm-up queued.
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (!allCompiledByC2() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(missingFromC2(), allCompiledByC2());
    }

    private static boolean allCompiledByC2() throws Exception {
        return missingFromC2().isEmpty();
    }

    /** @return the intrinsic methods that have no C2 (level 4) code yet, one per line */
    private static String missingFromC2() throws Exception {
        String codelist = String.valueOf(ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerCodelist",
                new Object[] {new String[0]}, new String[] {String[].class.getName()}));
        // Each line: compile id, level, state, method signature, code range.
        List<String> c2 = codelist.lines().map(line -> line.split(" "))
                .filter(fields -> fields.length > 3 && fields[1].equals("4"))
                .map(fields -> String.join(" ", fields)).toList();
        return INTRINSIC_METHODS.stream().filter(method -> c2.stream().noneMatch(line -> line.contains(method)))
                .collect(Collectors.joining("\n"));
    }
}
