package org.swarmsync.sync.internal.model;

/** What a folder entry is. Symlinks are synced as links and never followed. */
public enum EntryType {
    FILE,
    DIRECTORY,
    SYMLINK
}
