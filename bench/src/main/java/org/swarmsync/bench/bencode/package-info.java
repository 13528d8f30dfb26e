/**
 * Bencode benchmarks: swarmsync's codec against published Java bencode libraries on the same bytes.
 */
package org.swarmsync.bench.bencode;
