/** Gogo commands of scope {@code swarmsync}: folders, add, remove, status, peers. */
package org.swarmsync.shell.internal;
