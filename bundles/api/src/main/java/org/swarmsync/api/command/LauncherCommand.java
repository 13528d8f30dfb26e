package org.swarmsync.api.command;

import java.io.InputStream;
import java.io.PrintStream;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A subcommand of the standalone launcher ({@code java -jar swarmsync.jar NAME ARGS...}).
 *
 * <p>Register an implementation as an OSGi service with the properties {@link #NAME} and
 * {@link #SUMMARY}; the launcher runs the one whose name matches its first argument. The
 * launcher reaches it across class loaders by reflection, which is why the method takes
 * only JDK types.
 */
@ConsumerType
public interface LauncherCommand {

    /** Service property: the word that selects this command, such as {@code secret}. */
    String NAME = "swarmsync.command.name";

    /** Service property: one line of help shown by {@code --help}. */
    String SUMMARY = "swarmsync.command.summary";

    /** Exit code for success. */
    int OK = 0;

    /** Exit code for a failure that is not the user's typing. */
    int FAILED = 1;

    /** Exit code for a usage error: after one line on standard error, never a stack trace. */
    int USAGE = 2;

    /**
     * Runs the command. May block for as long as the command runs (a foreground sync does);
     * an interrupt of the calling thread asks it to stop.
     *
     * @param args the arguments after the command's name
     * @param in the user's standard input
     * @param out where results go
     * @param err where messages for the user go
     * @return the process exit code: {@link #OK}, {@link #FAILED}, {@link #USAGE} or another
     */
    int run(String[] args, InputStream in, PrintStream out, PrintStream err);
}
