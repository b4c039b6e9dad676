package site.paywall.edge.core.token;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import site.paywall.edge.core.Platform;
import site.paywall.edge.core.Platform.PublicKeyHandle;
import site.paywall.edge.core.config.SigningKey;

/** The bundled signing keys, imported once per kid when the container starts. */
public final class KeyRing {

    private final Map<String, PublicKeyHandle> byKid;

    private KeyRing(Map<String, PublicKeyHandle> byKid) {
        this.byKid = byKid;
    }

    /** Imports every key; a key the runtime refuses is a problem (added to {@code problems}), never skipped. */
    public static KeyRing importKeys(Platform platform, List<SigningKey> keys, List<String> problems) {
        Map<String, PublicKeyHandle> byKid = new HashMap<>();
        for (SigningKey key : keys) {
            Optional<PublicKeyHandle> handle = platform.importRsaPublicKey(key.jwk());
            if (handle.isEmpty()) {
                problems.add("jwks: key " + LogSafe.quote(key.kid()) + " cannot be imported as an RSA public key");
            } else {
                byKid.put(key.kid(), handle.get());
            }
        }
        return new KeyRing(byKid);
    }

    Optional<PublicKeyHandle> find(String kid) {
        return Optional.ofNullable(byKid.get(kid));
    }
}
