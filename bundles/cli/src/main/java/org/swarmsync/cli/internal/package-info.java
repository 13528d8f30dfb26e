/** The launcher's subcommands, each a {@link org.swarmsync.api.command.LauncherCommand} service. */
package org.swarmsync.cli.internal;
