/**
 * Strict, canonical, zero-copy bencode (BEP 3): the value model, decoder, encoder and limits.
 */
@Export
@Version("1.0.0")
package org.swarmsync.codec.bencode;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
