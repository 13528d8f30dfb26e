/**
 * Folder synchronisation: the folders this node keeps in sync, their state and progress.
 */
@Export
@Version("1.2.0")
package org.swarmsync.api.sync;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
