/** The tracker client: announce schedules with back-off, the UDP loop, and the {@code PeerDiscovery} component. */
package org.swarmsync.discovery.tracker.internal.client;
