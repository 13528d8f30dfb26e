/**
 * Launcher commands: subcommands of {@code java -jar swarmsync.jar}, contributed by bundles.
 */
@Export
@Version("1.0.0")
package org.swarmsync.api.command;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
