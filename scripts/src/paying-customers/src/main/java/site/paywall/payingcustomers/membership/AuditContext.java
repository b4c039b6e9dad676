package site.paywall.payingcustomers.membership;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Who and where, for every audit line of a run: the AWS principal (sts:GetCallerIdentity, looked up once, at the
 * first change), the profile, the host and the local OS user.
 */
public final class AuditContext {
    private final Supplier<String> principalLookup;
    private final Optional<String> profile;
    private final String host;
    private final String admin;
    private String principal;

    /**
     * @param principalLookup the principal's ARN, or a text starting with "unknown" that says why it is not known
     */
    public AuditContext(Supplier<String> principalLookup, Optional<String> profile, String host, String admin) {
        this.principalLookup = principalLookup;
        this.profile = profile;
        this.host = host;
        this.admin = admin;
    }

    public synchronized String principal() {
        if (principal == null) {
            principal = principalLookup.get();
        }
        return principal;
    }

    public Optional<String> profile() {
        return profile;
    }

    public String host() {
        return host;
    }

    public String admin() {
        return admin;
    }
}
