/** The tracker server: sans-I/O core, bounded peer table, rate limits, socket loop, DS component, launcher command. */
package org.swarmsync.discovery.tracker.internal.server;
