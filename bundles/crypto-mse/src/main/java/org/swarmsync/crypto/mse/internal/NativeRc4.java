package org.swarmsync.crypto.mse.internal;

import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.util.Objects;

/**
 * RC4 from the system's OpenSSL libcrypto through the {@code swarmsync_rc4} JNI shim. The
 * key schedule lives in native memory owned by this object: {@link #close} frees it (and
 * wipes it), and a {@link Cleaner} frees it if an unclosed cipher becomes unreachable.
 * Buffers are pinned for the call, not copied. Only usable when {@link Rc4Library#usesNative}.
 */
public final class NativeRc4 implements StreamCipher {

    private static final Cleaner CLEANER = Cleaner.create();

    /**
     * Bytes per native call. A pinned array holds off the garbage collector (JDK 17's GC
     * locker), so a large buffer goes in slices of about 70 µs each.
     */
    static final int SLICE = 64 * 1024;

    private final State state;
    private final Cleaner.Cleanable cleanable;

    /**
     * @param key 1 to 256 bytes
     * @throws IllegalStateException if the native library is not in use
     */
    public NativeRc4(byte[] key) {
        if (!Rc4Library.usesNative()) {
            throw new IllegalStateException("native RC4 is not available: " + Rc4Library.describe());
        }
        // Null would reach GetArrayLength in native code and crash the JVM, not throw.
        state = new State(create(Objects.requireNonNull(key, "key")));
        cleanable = CLEANER.register(this, state);
    }

    /**
     * Synchronized so that {@link #close} from another thread (a connection closed while its
     * reader decrypts) can never free the state under a running call.
     */
    @Override
    public synchronized void apply(byte[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (state.address == 0) {
            throw new IllegalStateException("this RC4 stream is closed");
        }
        for (int done = 0; done < length; done += SLICE) {
            apply0(state.address, buffer, offset + done, Math.min(SLICE, length - done));
        }
        // Keeps this cipher, and so its state, from being cleaned while the native call runs.
        Reference.reachabilityFence(this);
    }

    /** Frees the native state; later {@link #apply} calls throw. Idempotent. */
    @Override
    public synchronized void close() {
        cleanable.clean();
    }

    /** @return native RC4 states allocated and not yet freed, in this class loader's copy of the shim */
    static native long liveStates();

    /** Binds the shim to a libcrypto; returns {@code null} on success, else why not. */
    static native String bind(String library);

    private static native long create(byte[] key);

    private static native void apply0(long state, byte[] buffer, int offset, int length);

    private static native void free0(long state);

    /** The native address, apart from the cipher so that the cleaner does not keep it reachable. */
    private static final class State implements Runnable {

        private volatile long address;

        State(long address) {
            this.address = address;
        }

        @Override
        public void run() {
            long a = address;
            address = 0;
            if (a != 0) {
                free0(a);
            }
        }
    }
}
