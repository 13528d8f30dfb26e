package org.swarmsync.api.secrets;

import org.osgi.annotation.versioning.ProviderType;

/** Creates, parses and derives folder secrets. */
@ProviderType
public interface SecretService {

    /** @return a new random read-write secret */
    Secret generate();

    /**
     * Parses and validates a secret string.
     *
     * @param text a read-write or read-only secret as a user would type it; surrounding
     *        white space is ignored
     * @return the secret
     * @throws InvalidSecretException if the text is not a secret we accept, with a message
     *         that says why and does not repeat the text
     */
    Secret parse(String text);
}
