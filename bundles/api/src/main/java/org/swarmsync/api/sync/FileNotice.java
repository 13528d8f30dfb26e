package org.swarmsync.api.sync;

import java.util.Objects;

/**
 * Something about one path of a folder that the user should know and may act on.
 *
 * @param path the path inside the folder, with {@code /} between names
 * @param kind what is the matter
 * @param detail one line for the user, naming what to do when there is something to do
 */
public record FileNotice(String path, Kind kind, String detail) {

    /** What a notice is about. */
    public enum Kind {
        /** Two read-write peers changed the path at once: this is the losing version, kept beside. */
        CONFLICT_COPY("conflict"),
        /**
         * The path was changed here, in a folder with a read-only secret: the change stays
         * local and differs from the writers' version until {@link SyncService#restore} is asked.
         */
        LOCAL_CHANGE("local change"),
        /**
         * A peer's name differs from another one here only in upper/lower case or in Unicode
         * normalisation; it is not applied, since many file systems would merge the two.
         */
        NAME_CLASH("name clash");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** @return a short lower-case name for the user, such as {@code name clash} */
        public String label() {
            return label;
        }
    }

    /** Checks that every component is present. */
    public FileNotice {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }
}
