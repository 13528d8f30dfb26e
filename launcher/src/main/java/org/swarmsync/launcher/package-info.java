/**
 * The standalone launcher: embeds Apache Felix, starts the bundles laid beside the jar,
 * and hands the command line to the {@code LauncherCommand} service that owns it.
 */
package org.swarmsync.launcher;
