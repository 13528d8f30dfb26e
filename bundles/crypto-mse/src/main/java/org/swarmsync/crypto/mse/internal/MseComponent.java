package org.swarmsync.crypto.mse.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.swarmsync.api.crypto.ChannelCrypto;
import org.swarmsync.api.crypto.CryptoPolicy;
import org.swarmsync.api.crypto.HandshakeResult;
import org.swarmsync.api.crypto.KeyRing;
import org.swarmsync.api.transport.Connection;

/**
 * Registers MSE as a {@link ChannelCrypto} service with {@code crypto.method=mse}.
 * Deactivation ends running handshakes and the provider's thread.
 */
@Component(
        service = ChannelCrypto.class,
        configurationPid = MseComponent.PID,
        property = ChannelCrypto.CRYPTO_METHOD + "=" + MseChannelCrypto.METHOD)
@Designate(ocd = MseComponent.Config.class)
public final class MseComponent implements ChannelCrypto {

    /** Configuration PID. */
    public static final String PID = "org.swarmsync.crypto.mse";

    /** Typed configuration. */
    @ObjectClassDefinition(name = "swarmsync MSE channel crypto",
            description = "Message Stream Encryption (BitTorrent protocol encryption)")
    public @interface Config {

        /** @return the longest initial payload accepted from an initiator */
        @AttributeDefinition(name = "Largest initial payload accepted",
                description = "Bytes of IA accepted from an initiator, 0-65535; libtorrent itself accepts only 68",
                min = "0", max = "65535")
        int max_initial_payload() default MseSettings.DEFAULT_MAX_INITIAL_PAYLOAD;

        /** @return the shortest padding sent */
        @AttributeDefinition(name = "Shortest padding sent", min = "0", max = "512")
        int min_padding() default 0;

        /** @return the longest padding sent */
        @AttributeDefinition(name = "Longest padding sent",
                description = "Random padding hides message lengths; peers refuse more than 512 bytes",
                min = "0", max = "512")
        int max_padding() default 512;

        /** @return whether AES-128-GCM records are offered and accepted */
        @AttributeDefinition(name = "AES-128-GCM payload",
                description = "Offer and accept AES-128-GCM records (crypto bit 0x04, swarmsync peers only)"
                        + " wherever the policy allows an encrypted payload; off leaves RC4 as the only cipher")
        boolean aes_gcm() default true;
    }

    private final MseChannelCrypto crypto;

    /** @param config the component's configuration */
    @Activate
    public MseComponent(Config config) {
        crypto = new MseChannelCrypto(
                MseSettings.checked(config.max_initial_payload(), config.min_padding(), config.max_padding())
                        .withAesGcm(config.aes_gcm()));
    }

    @Deactivate
    void deactivate() {
        crypto.close();
    }

    @Override
    public String method() {
        return crypto.method();
    }

    @Override
    public HandshakeResult initiate(Connection connection, byte[] key, ByteBuffer initialPayload,
            CryptoPolicy policy, Duration timeout) throws IOException {
        return crypto.initiate(connection, key, initialPayload, policy, timeout);
    }

    @Override
    public HandshakeResult respond(Connection connection, KeyRing keys, CryptoPolicy policy, Duration timeout)
            throws IOException {
        return crypto.respond(connection, keys, policy, timeout);
    }
}
