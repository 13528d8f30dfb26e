package org.swarmsync.api.secrets;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A parsed, valid secret with what derives from it. Obtain one from {@link SecretService}.
 *
 * <p>Implementations never reveal the secret in {@link #toString()}, logs or exception
 * messages; only {@link #text()} gives it, for the user who asked for it.
 */
@ProviderType
public interface Secret {

    /** @return what this secret grants */
    Access access();

    /** @return the secret as the user types it; handle with care, never log it */
    String text();

    /**
     * @return the read-only secret for the same folder; for a read-only secret, itself
     */
    Secret readOnly();

    /** @return the folder's public share hash */
    ShareHash shareHash();
}
