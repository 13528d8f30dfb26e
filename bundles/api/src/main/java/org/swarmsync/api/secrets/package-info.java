/**
 * Secrets: the keys that name a shared folder and say what their holder may do.
 */
@Export
@Version("1.0.0")
package org.swarmsync.api.secrets;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
