package org.swarmsync.api.secrets;

/** What a secret lets its holder do with the folder it names. */
public enum Access {
    /** May change the folder; its changes are accepted by every peer. */
    READ_WRITE("read-write"),
    /** Receives the folder; its local changes are never sent or accepted. */
    READ_ONLY("read-only");

    private final String label;

    Access(String label) {
        this.label = label;
    }

    /** @return the name users see and JSON carries: {@code read-write} or {@code read-only} */
    public String label() {
        return label;
    }
}
