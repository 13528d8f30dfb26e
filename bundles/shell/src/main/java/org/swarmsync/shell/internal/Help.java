package org.swarmsync.shell.internal;

import java.util.Locale;

/**
 * The commands' help: one set of texts for Gogo's {@code @Descriptor} annotations (which
 * Felix's {@code help} and Karaf's command list show) and for {@code --help}, which each
 * command answers itself, since a Gogo method command in Karaf gets no generated usage.
 */
final class Help {

    static final String FLAG = "shows this help";
    static final String FOLDERS = "lists the synchronised folders";
    static final String ADD = "adds a folder to synchronise";
    static final String ADD_PATH = "the local directory, created if missing";
    static final String ADD_SECRET = "the folder's read-write or read-only secret";
    static final String ADD_PEERS = "known hosts to dial besides what discovery finds, comma-separated";
    static final String REMOVE = "stops synchronising a folder; its files stay on disk";
    static final String STATUS = "shows every folder's state and progress, or one folder's with its notices "
            + "(conflicts, local changes, name clashes)";
    static final String PEERS = "lists the peers connected to a folder, and the transport of each";
    static final String ID = "the folder's id, as swarmsync:folders shows it";
    static final String RESTORE = "gives up local changes in a read-only folder: the writers' version comes back";
    static final String RESTORE_PATH = "a path inside the folder, or * for every local change";

    private Help() {
    }

    /**
     * @param synopsis the command line, such as {@code status [ID]}
     * @param description what the command does
     * @param arguments pairs of an argument's name and its description
     * @return the usage text
     */
    static String usage(String synopsis, String description, String... arguments) {
        StringBuilder text = new StringBuilder("DESCRIPTION\n  swarmsync:").append(synopsis.split(" ")[0])
                .append("\n    ").append(description).append("\n\nSYNTAX\n  swarmsync:").append(synopsis)
                .append(" [-h | --help]\n");
        if (arguments.length > 0) {
            text.append("\nARGUMENTS\n");
            for (int i = 0; i + 1 < arguments.length; i += 2) {
                text.append(String.format(Locale.ROOT, "  %-8s %s%n", arguments[i], arguments[i + 1]));
            }
        }
        return text.toString().stripTrailing();
    }
}
