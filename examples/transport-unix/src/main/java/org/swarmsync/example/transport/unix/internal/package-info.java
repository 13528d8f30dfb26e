/** A transport over Unix domain sockets: an example of a third party's bundle, built on swarmsync-api alone. */
package org.swarmsync.example.transport.unix.internal;
