/** Loopback bulk throughput of our transports (µTP, TCP, µTP + MSE) through the api interfaces. */
package org.swarmsync.bench.transport;
