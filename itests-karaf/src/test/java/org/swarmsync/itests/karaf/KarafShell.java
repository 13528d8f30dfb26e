package org.swarmsync.itests.karaf;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivilegedExceptionAction;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;

/**
 * Karaf's console as a person at it would use it: each command runs in a fresh session of
 * Karaf's own shell, as a user with the admin role (Karaf's command ACLs ask for it), and its
 * printed output and result come back as text.
 */
final class KarafShell implements AutoCloseable {

    private final SessionFactory sessions;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "karaf-shell-test");
        thread.setDaemon(true);
        return thread;
    });

    KarafShell(SessionFactory sessions) {
        this.sessions = sessions;
    }

    /** Runs one command line, failing with its output if it throws or takes longer than the timeout. */
    String run(String command, long timeoutSeconds) throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessions.create(new ByteArrayInputStream(new byte[0]), out, out);
        Subject admin = new Subject();
        admin.getPrincipals().add(new UserPrincipal("karaf"));
        admin.getPrincipals().add(new RolePrincipal("admin"));
        admin.getPrincipals().add(new RolePrincipal("manager"));
        admin.getPrincipals().add(new RolePrincipal("viewer"));
        Future<Object> result = executor.submit(() -> Subject.doAs(admin,
                (PrivilegedExceptionAction<Object>) () -> session.execute(command)));
        try {
            Object value = result.get(timeoutSeconds, TimeUnit.SECONDS);
            if (value != null) {
                out.println(value);
            }
            return bytes.toString(StandardCharsets.UTF_8);
        } catch (ExecutionException e) {
            throw new AssertionError("'" + command + "' failed: " + e.getCause() + "\n" + bytes.toString(
                    StandardCharsets.UTF_8), e.getCause());
        } catch (TimeoutException e) {
            result.cancel(true);
            throw new AssertionError("'" + command + "' took more than " + timeoutSeconds + " s; output:\n"
                    + bytes.toString(StandardCharsets.UTF_8));
        } finally {
            session.close();
        }
    }

    String run(String command) throws InterruptedException {
        return run(command, 60);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
