/** The secret service: base32 codec, RW→RO→share-hash derivation and parsing; nothing exported. */
package org.swarmsync.secrets.internal;
