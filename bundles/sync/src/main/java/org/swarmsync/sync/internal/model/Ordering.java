package org.swarmsync.sync.internal.model;

/** How two version vectors relate. */
public enum Ordering {
    /** The same history. */
    EQUAL,
    /** This one has seen everything the other has, and more. */
    NEWER,
    /** The other has seen everything this one has, and more. */
    OLDER,
    /** Each has seen changes the other has not: a conflict. */
    CONCURRENT
}
