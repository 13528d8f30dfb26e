/** Message Stream Encryption (MSE/PE): sans-I/O handshake, RC4 stage and the {@code ChannelCrypto} provider (private). */
package org.swarmsync.crypto.mse.internal;
