/** The values a folder's index holds and peers exchange: entries, blocks, version vectors, paths. */
package org.swarmsync.sync.internal.model;
