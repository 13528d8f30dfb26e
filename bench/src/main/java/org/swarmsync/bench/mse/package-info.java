/** JMH benchmarks of MSE: RC4 throughput (JDK, BouncyCastle, hand-written) and handshakes per second. */
package org.swarmsync.bench.mse;
