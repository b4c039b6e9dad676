package site.paywall.payingcustomers.support;

import java.util.List;
import java.util.UUID;
import site.paywall.testsupport.MotoServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TimeUnitsType;

/**
 * Sets up a fresh user pool on moto and checks its state with calls of its own, independent of the tool: the
 * membership checks go through AdminListGroupsForUser.
 */
public final class Pool implements AutoCloseable {
    public static final String GROUP = "paying-customers";
    private static final String PASSWORD = "Corr3ct-Horse!";

    private final CognitoIdentityProviderClient client;
    public final String id;

    private Pool(CognitoIdentityProviderClient client, String id) {
        this.client = client;
        this.id = id;
    }

    /** A new pool named after the test, with the paying-customers group. */
    public static Pool create(MotoServer moto) {
        Pool pool = createWithoutGroup(moto);
        pool.createGroup(GROUP);
        return pool;
    }

    public static Pool createWithoutGroup(MotoServer moto) {
        CognitoIdentityProviderClient client = CognitoIdentityProviderClient.builder()
                .endpointOverride(moto.uri())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        String id = client.createUserPool(r -> r.poolName("test-" + UUID.randomUUID())).userPool().id();
        return new Pool(client, id);
    }

    public Pool createGroup(String name) {
        client.createGroup(r -> r.userPoolId(id).groupName(name));
        return this;
    }

    public Pool user(String username, String email) {
        client.adminCreateUser(r -> r.userPoolId(id).username(username)
                .userAttributes(AttributeType.builder().name("email").value(email).build()));
        return this;
    }

    public Pool member(String username, String email) {
        user(username, email);
        addToGroup(username, GROUP);
        return this;
    }

    public void addToGroup(String username, String group) {
        client.adminAddUserToGroup(r -> r.userPoolId(id).groupName(group).username(username));
    }

    public void disable(String username) {
        client.adminDisableUser(r -> r.userPoolId(id).username(username));
    }

    /** The user's groups, as Cognito reports them (AdminListGroupsForUser). */
    public List<String> groupsOf(String username) {
        return client.adminListGroupsForUser(r -> r.userPoolId(id).username(username)).groups().stream()
                .map(GroupType::groupName).toList();
    }

    public boolean isMember(String username) {
        return groupsOf(username).contains(GROUP);
    }

    public String groupDescription(String group) {
        return client.getGroup(r -> r.userPoolId(id).groupName(group)).group().description();
    }

    /** An app client whose ID/access token lifetimes are set, or left unset (both null). */
    public String appClient(String name, Integer idMinutes, Integer accessHours) {
        return client.createUserPoolClient(r -> {
            r.userPoolId(id).clientName(name).explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_ADMIN_USER_PASSWORD_AUTH,
                    ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH);
            if (idMinutes != null) {
                r.idTokenValidity(idMinutes).accessTokenValidity(accessHours)
                        .tokenValidityUnits(u -> u.idToken(TimeUnitsType.MINUTES).accessToken(TimeUnitsType.HOURS));
            }
        }).userPoolClient().clientId();
    }

    /** Signs the user in (permanent password set first) and returns a refresh token. */
    public String refreshTokenFor(String username, String clientId) {
        client.adminSetUserPassword(r -> r.userPoolId(id).username(username).password(PASSWORD).permanent(true));
        return client.adminInitiateAuth(r -> r.userPoolId(id).clientId(clientId)
                .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH)
                .authParameters(java.util.Map.of("USERNAME", username, "PASSWORD", PASSWORD)))
                .authenticationResult().refreshToken();
    }

    /** Whether Cognito still accepts this refresh token. */
    public boolean refreshWorks(String refreshToken, String clientId) {
        try {
            client.adminInitiateAuth(r -> r.userPoolId(id).clientId(clientId).authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                    .authParameters(java.util.Map.of("REFRESH_TOKEN", refreshToken)));
            return true;
        } catch (software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException e) {
            return false;
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
