/** LAN discovery: BSYNC pings to a multicast group, a sans-I/O core, its socket loop and DS component (private). */
package org.swarmsync.discovery.lan.internal;
