package org.swarmsync.secrets.internal;

import java.security.SecureRandom;
import java.util.Arrays;
import org.osgi.service.component.annotations.Component;
import org.swarmsync.api.secrets.Secret;
import org.swarmsync.api.secrets.SecretService;

/**
 * The secret service: 1.0–1.3 read-write and read-only secrets (PROTOCOLS.md §1.1–1.2).
 * Stateless apart from its random source, so one instance serves every caller. It logs
 * nothing: there is nothing worth a log line that would not come close to a secret.
 */
@Component(service = SecretService.class)
public final class SecretServiceImpl implements SecretService {

    private final SecureRandom random;

    /** The constructor Declarative Services uses. */
    public SecretServiceImpl() {
        this(new SecureRandom());
    }

    /** @param random the source of new keys; tests pass a predictable one */
    SecretServiceImpl(SecureRandom random) {
        this.random = random;
    }

    @Override
    public Secret generate() {
        byte[] key = new byte[KeyDerivation.KEY_LENGTH];
        random.nextBytes(key);
        try {
            return SecretImpl.readWrite(key);
        } finally {
            Arrays.fill(key, (byte) 0); // the secret holds its own copy
        }
    }

    @Override
    public Secret parse(String text) {
        return SecretParser.parse(text);
    }
}
