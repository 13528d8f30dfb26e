package org.swarmsync.launcher;

import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * The {@code LauncherCommand} services of a running framework. The launcher's class loader
 * does not see the API bundle, so commands are found by name and called by reflection on
 * their interface, whose method takes only JDK types.
 */
final class Commands {

    static final String INTERFACE = "org.swarmsync.api.command.LauncherCommand";
    static final String NAME = "swarmsync.command.name";
    static final String SUMMARY = "swarmsync.command.summary";

    private static final long APPEAR_WAIT_MILLIS = 3_000;

    private final BundleContext context;

    Commands(BundleContext context) {
        this.context = context;
    }

    /** @return command name to one-line summary, sorted by name */
    Map<String, String> summaries() {
        Map<String, String> summaries = new TreeMap<>();
        for (ServiceReference<?> ref : references(null)) {
            summaries.put(String.valueOf(ref.getProperty(NAME)), String.valueOf(ref.getProperty(SUMMARY)));
        }
        return summaries;
    }

    /**
     * Finds a command, allowing Declarative Services a moment to register it.
     *
     * @return the command's reference, if one with that name appears
     */
    Optional<ServiceReference<?>> find(String name) throws InterruptedException {
        long deadline = System.nanoTime() + APPEAR_WAIT_MILLIS * 1_000_000;
        while (true) {
            ServiceReference<?>[] refs = references(name);
            if (refs.length > 0) {
                return Optional.of(refs[0]);
            }
            if (System.nanoTime() > deadline) {
                return Optional.empty();
            }
            Thread.sleep(20);
        }
    }

    /** Runs a command and returns its exit code. */
    int run(ServiceReference<?> ref, String[] args, InputStream in, PrintStream out, PrintStream err)
            throws ReflectiveOperationException {
        Object command = context.getService(ref);
        if (command == null) {
            throw new IllegalStateException("the command went away before it could run");
        }
        try {
            Method run = ref.getBundle().loadClass(INTERFACE)
                    .getMethod("run", String[].class, InputStream.class, PrintStream.class, PrintStream.class);
            return (Integer) run.invoke(command, args, in, out, err);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        } finally {
            context.ungetService(ref);
        }
    }

    private ServiceReference<?>[] references(String name) {
        try {
            String filter = name == null ? null : "(" + NAME + "=" + escape(name) + ")";
            ServiceReference<?>[] refs = context.getAllServiceReferences(INTERFACE, filter);
            return refs == null ? new ServiceReference<?>[0] : refs;
        } catch (InvalidSyntaxException e) {
            return new ServiceReference<?>[0];
        }
    }

    private static String escape(String value) {
        return value.replaceAll("([\\\\*()])", "\\\\$1");
    }
}
