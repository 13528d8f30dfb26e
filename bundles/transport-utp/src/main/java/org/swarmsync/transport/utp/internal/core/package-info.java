/** The sans-I/O µTP (BEP 29) engine: wire format, per-connection state machine, congestion control and the demultiplexer. */
package org.swarmsync.transport.utp.internal.core;
