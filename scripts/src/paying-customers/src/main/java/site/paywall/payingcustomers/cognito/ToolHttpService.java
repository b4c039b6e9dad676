package site.paywall.payingcustomers.cognito;

import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpService;

/**
 * The HTTP client the SDK builds for clients we never see: the STS client behind an assume-role or web-identity
 * profile, the SSO and SSO-OIDC clients behind an SSO profile. Registered through the SDK's
 * {@code software.amazon.awssdk.http.service.impl} setting so that those calls get the run's timeouts, proxy and
 * AWS_CA_BUNDLE like ours; without it, a TLS-inspecting proxy would break organisation logins only.
 */
public final class ToolHttpService implements SdkHttpService {
    private static volatile HttpSettings settings = HttpSettings.defaults("https");

    /** Called before any SDK client is built; the SDK picks its default HTTP service once per process. */
    static void use(HttpSettings run) {
        settings = run;
        System.setProperty(SdkSystemSetting.SYNC_HTTP_SERVICE_IMPL.property(), ToolHttpService.class.getName());
    }

    @Override
    public SdkHttpClient.Builder createHttpClientBuilder() {
        return settings.builder();
    }
}
