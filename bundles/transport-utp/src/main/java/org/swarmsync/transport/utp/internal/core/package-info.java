/** The sans-I/O µTP (BEP 29) engine: wire format, connection state machine, LEDBAT, SACK and the demultiplexer; fed bytes, time and randomness by a driver. */
package org.swarmsync.transport.utp.internal.core;
