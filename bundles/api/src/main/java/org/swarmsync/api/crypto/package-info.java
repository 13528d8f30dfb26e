/**
 * Channel crypto: handshakes that wrap a transport {@code Connection} in a cipher (MSE, or a third party's).
 */
@Export
@Version("1.2.0")
package org.swarmsync.api.crypto;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
