/** TCP transport: blocking sockets behind the {@code Transport} contract (private to this bundle). */
package org.swarmsync.transport.tcp.internal;
