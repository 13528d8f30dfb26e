/** The µTP transport: the UDP socket driver around the sans-I/O core, blocking connections, and the DS component. */
package org.swarmsync.transport.utp.internal;
