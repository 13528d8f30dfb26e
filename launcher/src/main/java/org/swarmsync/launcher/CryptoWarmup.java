package org.swarmsync.launcher;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Runs the JDK's AES-128-GCM and SHA-256 a few thousand times, so that C2 compiles them with
 * their intrinsics (AES-NI, CLMUL, the SHA extensions) before a sync's first blocks arrive.
 *
 * <p>Why: until then AES-GCM runs as interpreted and C1 code at 30-120 MB/s against 2 GB/s
 * after, and the tiered JIT waits for invocation and loop counts: the first 48 MiB of 16 KiB
 * records cost 0.8 CPU s instead of 0.1. Small inputs reach those counts for a fraction of the
 * work: 4,000 records of 256 bytes and hashes of 4 KiB took about 0.25 CPU s (bench/README.md,
 * "Fifth session"). Every eighth record is a full one of 16 KiB, hashed the way the sync
 * engine checks a block (through a read-only buffer): C2 compiles from the profile it saw, and
 * with records of 256 bytes alone it left out the paths that real records take (full ones, a
 * last AES block that is partial, records shorter than one block), so the first real records
 * made it throw that code away and compile it again, half a CPU second in the middle of a
 * transfer ("Sixth session"). Hence also records of 250 and 5 bytes.
 * The ciphers are the JDK's own, shared by every caller, so what is compiled here serves
 * crypto-mse's records and the sync engine's block hashes alike; no key or data of a user is
 * involved.
 */
final class CryptoWarmup {

    /** The system property that turns the warm-up off ({@code false}). */
    static final String PROPERTY = "swarmsync.jit.warmup";
    static final int ROUNDS = 4000;
    /** The small records' size: not a whole number of AES blocks, as most last records of a frame. */
    static final int BYTES = 250;
    /** A record shorter than one AES block, as a frame's tail can be. */
    static final int TINY_BYTES = 5;
    /** The full records' size: crypto-mse's largest record, what a transfer sends. */
    static final int FULL_BYTES = 16 * 1024;
    /** Every this many rounds, one record is a full one and one a tiny one. */
    static final int FULL_EVERY = 8;
    /**
     * What is hashed per round: SHA-256 loops over 64-byte blocks inside one call, and its
     * compilation waits for loop counts as much as for calls.
     */
    static final int HASHED_BYTES = 4096;

    private static final int TAG_BITS = 128;

    private CryptoWarmup() {
    }

    /** Runs the warm-up unless {@link #PROPERTY} is false; a runtime without the ciphers is told at INFO. */
    static void runIfWanted() {
        if (!Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))) {
            return;
        }
        try {
            run();
        } catch (GeneralSecurityException | RuntimeException e) {
            CompilerDirectives.tell("crypto warm-up skipped: " + e);
        }
    }

    /**
     * Seals, opens and hashes {@link #ROUNDS} records, every {@link #FULL_EVERY}th a full one.
     *
     * @throws GeneralSecurityException if the runtime lacks AES/GCM or SHA-256, or a record
     *         does not open to what was sealed (a broken provider)
     */
    static void run() throws GeneralSecurityException {
        SecretKeySpec key = new SecretKeySpec(new byte[16], "AES");
        Cipher seal = Cipher.getInstance("AES/GCM/NoPadding");
        Cipher open = Cipher.getInstance("AES/GCM/NoPadding");
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        byte[] plain = new byte[FULL_BYTES];
        byte[] sealed = new byte[FULL_BYTES + TAG_BITS / 8];
        byte[] opened = new byte[FULL_BYTES];
        byte[] hashed = new byte[HASHED_BYTES];
        byte[] nonce = new byte[12];
        for (int round = 0; round < ROUNDS; round++) {
            boolean full = round % FULL_EVERY == FULL_EVERY - 1;
            int length = full ? FULL_BYTES : round % FULL_EVERY == FULL_EVERY / 2 ? TINY_BYTES : BYTES;
            // A fresh nonce per record, as the record layer does (GCM refuses a repeated one).
            nonce[8] = (byte) (round >>> 24);
            nonce[9] = (byte) (round >>> 16);
            nonce[10] = (byte) (round >>> 8);
            nonce[11] = (byte) round;
            plain[round % length] = (byte) round;
            seal.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            seal.updateAAD(nonce, 0, 2);
            int n = seal.doFinal(plain, 0, length, sealed, 0);
            open.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            open.updateAAD(nonce, 0, 2);
            open.doFinal(sealed, 0, n, opened, 0);
            if (!Arrays.equals(plain, 0, length, opened, 0, length)) {
                throw new GeneralSecurityException("AES-GCM did not open what it sealed");
            }
            if (full) {
                sha256.update(ByteBuffer.wrap(opened).asReadOnlyBuffer());
            } else {
                System.arraycopy(opened, 0, hashed, (round % (HASHED_BYTES / BYTES)) * BYTES, BYTES);
                sha256.update(hashed);
            }
            sha256.digest();
        }
    }
}
