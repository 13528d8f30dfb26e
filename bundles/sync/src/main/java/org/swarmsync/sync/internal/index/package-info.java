/** A folder's persistent index (H2 MVStore): local and remote entries, block lookup, download resume state. */
package org.swarmsync.sync.internal.index;
