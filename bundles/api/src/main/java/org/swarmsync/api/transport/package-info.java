/**
 * Transports: how swarmsync opens byte streams to peers (µTP, TCP, or a third party's).
 */
@Export
@Version("1.0.0")
package org.swarmsync.api.transport;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
