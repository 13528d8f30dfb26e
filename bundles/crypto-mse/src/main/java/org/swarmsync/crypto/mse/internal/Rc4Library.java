package org.swarmsync.crypto.mse.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides once per class loader which RC4 MSE uses: OpenSSL through the JNI shim when the
 * shim and libcrypto load, else the JDK's ARCFOUR. The system property
 * {@value #PROPERTY}{@code =false} forces the JDK. Inside OSGi the framework extracts the
 * shim named by Bundle-NativeCode and {@code System.loadLibrary} finds it; outside OSGi
 * (tests, the bench jar) it is copied from the jar to a temporary file and loaded from there.
 */
final class Rc4Library {

    /** Set to {@code false} to use the JDK's ARCFOUR even when the native shim would load. */
    static final String PROPERTY = "swarmsync.mse.native";

    static final String SHIM = "swarmsync_rc4";
    static final String LIBCRYPTO = "libcrypto.so.3";

    private static final Logger LOG = LoggerFactory.getLogger(Rc4Library.class);

    /** The native RC4 in use (how the shim was found), or the JDK's (why not the native one). */
    private record Outcome(boolean loaded, String detail) {
    }

    private static final Outcome OUTCOME = load();

    static {
        LOG.info("MSE RC4: {}", describe());
    }

    private Rc4Library() {
    }

    /** @return whether {@link NativeRc4} works in this class loader */
    static boolean usesNative() {
        return OUTCOME.loaded();
    }

    /** @return which implementation is in use, and for the JDK why the native one is not */
    static String describe() {
        return OUTCOME.loaded()
                ? "OpenSSL " + LIBCRYPTO + " through the native " + SHIM + " shim (" + OUTCOME.detail() + ")"
                : "the JDK's ARCFOUR (" + OUTCOME.detail() + ")";
    }

    private static Outcome load() {
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim())) {
            return new Outcome(false, PROPERTY + "=false");
        }
        try {
            Outcome linked = link();
            if (!linked.loaded()) {
                return linked;
            }
            String why = NativeRc4.bind(LIBCRYPTO);
            return why == null ? linked : new Outcome(false, why);
        } catch (LinkageError | RuntimeException e) {
            // Another class loader holding the shim (a refreshed bundle), a foreign glibc, ...
            return new Outcome(false, "the native shim does not load: " + e);
        }
    }

    /** Loads the shim: first as the framework's native code, else from inside the jar. */
    private static Outcome link() {
        try {
            System.loadLibrary(SHIM);
            return new Outcome(true, "found by System.loadLibrary: in OSGi, the bundle's native code");
        } catch (UnsatisfiedLinkError notOnLibraryPath) {
            // Not in OSGi (or no clause for this platform): try the copy inside the jar.
        }
        String resource = "/lib/" + platform() + "/" + System.mapLibraryName(SHIM);
        try (InputStream in = Rc4Library.class.getResourceAsStream(resource)) {
            if (in == null) {
                return new Outcome(false, "no native shim for " + platform());
            }
            Path file = Files.createTempFile(SHIM, ".so");
            try {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                System.load(file.toString());
            } finally {
                // The loaded library stays mapped; the file is not needed any more.
                Files.deleteIfExists(file);
            }
            return new Outcome(true, "extracted from the jar");
        } catch (IOException e) {
            return new Outcome(false, "cannot extract the native shim: " + e);
        }
    }

    /** @return e.g. {@code linux-x86_64}, the folder of the shim inside the jar */
    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (arch.equals("amd64") || arch.equals("x8664")) {
            arch = "x86_64";
        }
        return os + "-" + arch;
    }
}
