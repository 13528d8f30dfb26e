/** The tracker server: a sans-I/O core with a bounded peer table and rate limits, its socket loop, DS component and launcher command. */
package org.swarmsync.discovery.tracker.internal.server;
