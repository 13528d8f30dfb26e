/** The µTP transport: the UDP port driver around the sans-I/O core, blocking connections, and the DS component (see the module README). */
package org.swarmsync.transport.utp.internal;
