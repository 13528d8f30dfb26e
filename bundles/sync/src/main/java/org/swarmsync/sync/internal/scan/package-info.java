/** Reading a folder from the disk: the walk, block hashing, the folder marker, temporary file names and the change watcher. */
package org.swarmsync.sync.internal.scan;
