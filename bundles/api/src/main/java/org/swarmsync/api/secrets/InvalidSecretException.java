package org.swarmsync.api.secrets;

/**
 * A string is not a valid secret. The message names the problem (alphabet, length,
 * prefix, position of a bad character) and never contains the string itself.
 */
public class InvalidSecretException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, without the secret's text */
    public InvalidSecretException(String message) {
        super(message);
    }
}
