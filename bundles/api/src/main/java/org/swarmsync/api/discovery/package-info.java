/**
 * Peer discovery: sources that announce a share and report the peers found for it.
 */
@Export
@Version("1.0.0")
package org.swarmsync.api.discovery;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
