package site.paywall.payingcustomers.cognito;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminListGroupsForUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupExistsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUserPoolClientsResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersInGroupResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TimeUnitsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TooManyRequestsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * {@link CognitoPort} on the AWS SDK v2 clients: one call each, SDK exceptions translated to {@link Failure}s. An
 * error without an AWS error code means the endpoint is not Cognito (or a proxy answered in its place); a TLS
 * certificate the JVM does not trust is its own kind, never "unavailable".
 */
public final class SdkCognitoPort implements CognitoPort, AutoCloseable {

    /** Error codes AWS uses when the signature or the keys themselves are refused. */
    private static final Set<String> REJECTED_CREDENTIALS = Set.of(
            "UnrecognizedClientException", "InvalidClientTokenId", "InvalidSignatureException",
            "SignatureDoesNotMatch", "IncompleteSignature", "MissingAuthenticationToken",
            "ExpiredTokenException", "ExpiredToken");

    private static final Set<String> DENIED = Set.of("AccessDeniedException", "AccessDenied");

    /** What a ResourceNotFoundException means for a call: the pool is checked first, so usually the group. */
    private enum Missing { POOL, GROUP, APP_CLIENT }

    private final CognitoIdentityProviderClient client;
    private final Optional<StsClient> sts;
    private final String poolId;
    private final String endpoint;

    public SdkCognitoPort(CognitoIdentityProviderClient client, String poolId) {
        this(client, Optional.empty(), poolId, "the Cognito endpoint");
    }

    /**
     * @param endpoint how to name the endpoint in messages, e.g. "http://127.0.0.1:5000 (--endpoint-url)"
     */
    public SdkCognitoPort(CognitoIdentityProviderClient client, Optional<StsClient> sts, String poolId,
                          String endpoint) {
        this.client = client;
        this.sts = sts;
        this.poolId = poolId;
        this.endpoint = endpoint;
    }

    @Override
    public void close() {
        client.close();
        sts.ifPresent(StsClient::close);
    }

    @Override
    public Optional<String> callerArn() {
        if (sts.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(call("sts:GetCallerIdentity", Missing.POOL, () -> sts.get().getCallerIdentity().arn()));
    }

    @Override
    public String describePool() {
        return call("DescribeUserPool", Missing.POOL,
                () -> client.describeUserPool(r -> r.userPoolId(poolId)).userPool().name());
    }

    @Override
    public Optional<GroupInfo> findGroup(String group) {
        try {
            GroupType found = client.getGroup(r -> r.userPoolId(poolId).groupName(group)).group();
            return Optional.of(new GroupInfo(found.groupName(), Optional.ofNullable(found.description()).orElse("")));
        } catch (ResourceNotFoundException e) {
            if (namesPool(e)) {
                throw translate("GetGroup", Missing.POOL, e);
            }
            return Optional.empty();
        } catch (SdkException e) {
            throw translate("GetGroup", Missing.GROUP, e);
        }
    }

    @Override
    public boolean createGroup(String group, String description) {
        try {
            client.createGroup(r -> r.userPoolId(poolId).groupName(group).description(description));
            return true;
        } catch (GroupExistsException e) {
            return false;
        } catch (SdkException e) {
            throw translate("CreateGroup", Missing.POOL, e);
        }
    }

    @Override
    public List<PoolUser> findUsers(String attribute, String value) {
        String filter = attribute + " = \"" + escapeFilterValue(value) + "\"";
        return call("ListUsers", Missing.POOL,
                () -> client.listUsers(r -> r.userPoolId(poolId).filter(filter).limit(60))
                        .users().stream().map(SdkCognitoPort::toPoolUser).toList());
    }

    @Override
    public List<String> groupsOf(String username) {
        List<String> groups = new ArrayList<>();
        String next = null;
        do {
            String token = next;
            AdminListGroupsForUserResponse page = call("AdminListGroupsForUser", Missing.POOL,
                    () -> client.adminListGroupsForUser(r -> r.userPoolId(poolId).username(username).limit(60)
                            .nextToken(token)));
            page.groups().forEach(g -> groups.add(g.groupName()));
            next = page.nextToken();
        } while (next != null && !next.isEmpty());
        return groups;
    }

    @Override
    public void addToGroup(String group, String username) {
        call("AdminAddUserToGroup", Missing.GROUP,
                () -> client.adminAddUserToGroup(r -> r.userPoolId(poolId).groupName(group).username(username)));
    }

    @Override
    public void removeFromGroup(String group, String username) {
        call("AdminRemoveUserFromGroup", Missing.GROUP,
                () -> client.adminRemoveUserFromGroup(r -> r.userPoolId(poolId).groupName(group).username(username)));
    }

    @Override
    public void globalSignOut(String username) {
        call("AdminUserGlobalSignOut", Missing.POOL,
                () -> client.adminUserGlobalSignOut(r -> r.userPoolId(poolId).username(username)));
    }

    @Override
    public MemberPage membersPage(String group, int limit, Optional<String> nextToken) {
        ListUsersInGroupResponse page = call("ListUsersInGroup", Missing.GROUP, () -> client.listUsersInGroup(
                r -> r.userPoolId(poolId).groupName(group).limit(limit).nextToken(nextToken.orElse(null))));
        return new MemberPage(page.users().stream().map(SdkCognitoPort::toPoolUser).toList(),
                Optional.ofNullable(page.nextToken()).filter(t -> !t.isEmpty()));
    }

    @Override
    public List<String> appClientIds() {
        List<String> ids = new ArrayList<>();
        String next = null;
        do {
            String token = next;
            ListUserPoolClientsResponse page = call("ListUserPoolClients", Missing.POOL,
                    () -> client.listUserPoolClients(r -> r.userPoolId(poolId).maxResults(60).nextToken(token)));
            page.userPoolClients().forEach(c -> ids.add(c.clientId()));
            next = page.nextToken();
        } while (next != null && !next.isEmpty());
        return ids;
    }

    @Override
    public AppClientTokens appClientTokens(String clientId) {
        UserPoolClientType c = call("DescribeUserPoolClient", Missing.APP_CLIENT,
                () -> client.describeUserPoolClient(r -> r.userPoolId(poolId).clientId(clientId)).userPoolClient());
        TimeUnitsType idUnit = c.tokenValidityUnits() == null ? null : c.tokenValidityUnits().idToken();
        TimeUnitsType accessUnit = c.tokenValidityUnits() == null ? null : c.tokenValidityUnits().accessToken();
        String name = c.clientName() == null ? clientId : c.clientName();
        return new AppClientTokens(name, lifetime(c.idTokenValidity(), idUnit),
                lifetime(c.accessTokenValidity(), accessUnit));
    }

    /** Cognito's rule: an unset validity is one hour, an unset unit is hours. */
    static Duration lifetime(Integer validity, TimeUnitsType unit) {
        if (validity == null) {
            return Duration.ofHours(1);
        }
        ChronoUnit chrono = unit == null ? ChronoUnit.HOURS : switch (unit) {
            case SECONDS -> ChronoUnit.SECONDS;
            case MINUTES -> ChronoUnit.MINUTES;
            case DAYS -> ChronoUnit.DAYS;
            default -> ChronoUnit.HOURS;
        };
        return Duration.of(validity, chrono);
    }

    /** Inside a ListUsers filter value, backslash and double quote are escaped with a backslash. */
    static String escapeFilterValue(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static PoolUser toPoolUser(UserType u) {
        Optional<String> email = u.attributes().stream()
                .filter(a -> "email".equals(a.name())).map(AttributeType::value).findFirst();
        return new PoolUser(u.username(), email, u.userStatusAsString() == null ? "UNKNOWN" : u.userStatusAsString(),
                !Boolean.FALSE.equals(u.enabled()), Optional.ofNullable(u.userCreateDate()));
    }

    private <T> T call(String operation, Missing missing, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw translate(operation, missing, e);
        } catch (UncheckedIOException e) {
            throw new CognitoFailure(FailureKind.UNAVAILABLE, operation + " failed: " + e.getMessage());
        }
    }

    private static boolean namesPool(AwsServiceException e) {
        String message = String.valueOf(e.awsErrorDetails() == null ? e.getMessage()
                : e.awsErrorDetails().errorMessage());
        return message.startsWith("User pool") || message.contains("user pool");
    }

    private CognitoFailure translate(String operation, Missing missing, SdkException e) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            if (code == null || code.isEmpty()) {
                return withoutErrorCode(operation, service);
            }
            String message = service.awsErrorDetails().errorMessage();
            if (code.endsWith("Unsupported")) {
                return new CognitoFailure(FailureKind.NOT_SUPPORTED, endpoint + " does not implement " + operation
                        + " (" + message + "): it is a Cognito emulator such as cognito-local, not AWS");
            }
            if (service instanceof ResourceNotFoundException) {
                if (missing == Missing.POOL || namesPool(service)) {
                    return new CognitoFailure(FailureKind.UNKNOWN_POOL, "user pool " + poolId + " does not exist"
                            + " (" + operation + ": " + message + "); check --user-pool-id and --region");
                }
                if (missing == Missing.GROUP) {
                    return new CognitoFailure(FailureKind.UNKNOWN_GROUP, operation
                            + ": the group does not exist in pool " + poolId + " (" + message + ")");
                }
                return new CognitoFailure(FailureKind.AWS_ERROR, operation + ": not found: " + message);
            }
            if (service instanceof UserNotFoundException) {
                return new CognitoFailure(FailureKind.UNKNOWN_USER, "the user does not exist in pool " + poolId
                        + " (" + operation + ")");
            }
            if (service instanceof TooManyRequestsException || service.isThrottlingException()) {
                return new CognitoFailure(FailureKind.THROTTLED,
                        operation + " was throttled by Cognito (" + code + ")");
            }
            if (REJECTED_CREDENTIALS.contains(code)) {
                return new CognitoFailure(FailureKind.CREDENTIALS, "AWS rejected the credentials (" + code + ": "
                        + message + "); check --profile or the AWS_* variables, and that the keys are current");
            }
            if (DENIED.contains(code) || service.statusCode() == 403) {
                return new CognitoFailure(FailureKind.ACCESS_DENIED, "not allowed to call cognito-idp:" + operation
                        + " on pool " + poolId + " (" + code + ": " + message + ")");
            }
            if (service.statusCode() >= 500) {
                return new CognitoFailure(FailureKind.UNAVAILABLE, operation + " failed on the service side (HTTP "
                        + service.statusCode() + " " + code + ": " + message + ")");
            }
            return new CognitoFailure(FailureKind.AWS_ERROR, operation + " failed: " + code + ": " + message);
        }
        if (e instanceof ApiCallAttemptTimeoutException || e instanceof ApiCallTimeoutException) {
            return new CognitoFailure(FailureKind.UNAVAILABLE, operation + ": no complete answer from " + endpoint
                    + " in time (" + e.getMessage() + ")");
        }
        if (UntrustedCertificate.causes(e)) {
            return new CognitoFailure(FailureKind.UNTRUSTED_CERTIFICATE, "the TLS certificate of " + endpoint
                    + " is not trusted (" + UntrustedCertificate.reason(e) + "). " + UntrustedCertificate.ADVICE
                    + "; not retried");
        }
        if (e instanceof SdkClientException && hasCause(e, IOException.class)) {
            Throwable io = e;
            while (!(io instanceof IOException)) {
                io = io.getCause();
            }
            return new CognitoFailure(FailureKind.UNAVAILABLE, operation + " could not reach Cognito: "
                    + (io.getMessage() == null ? "" : io.getMessage() + " ") + "(" + io.getClass().getSimpleName()
                    + ")");
        }
        if (e.getMessage() != null && e.getMessage().contains("Unable to load credentials")) {
            return new CognitoFailure(FailureKind.CREDENTIALS, "no AWS credentials found: " + e.getMessage());
        }
        return new CognitoFailure(FailureKind.AWS_ERROR, operation + " failed: " + rootMessage(e));
    }

    /**
     * Cognito always names its errors. An answer without a name came from something else: a load balancer or proxy
     * in trouble (500, 502, 503, 504: retried as unavailable) or a server that is not Cognito at all.
     */
    private CognitoFailure withoutErrorCode(String operation, AwsServiceException service) {
        int status = service.statusCode();
        String contentType = service.awsErrorDetails() == null || service.awsErrorDetails().sdkHttpResponse() == null
                ? "" : service.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Content-Type").orElse("");
        String answer = "HTTP " + status + (contentType.isEmpty() ? "" : ", " + contentType);
        if (status == 500 || status == 502 || status == 503 || status == 504) {
            return new CognitoFailure(FailureKind.UNAVAILABLE, operation + " failed: " + endpoint + " answered "
                    + answer + " without an AWS error code (a proxy or load balancer in trouble?)");
        }
        return new CognitoFailure(FailureKind.NOT_COGNITO, endpoint + " does not answer like Cognito: " + operation
                + " got " + answer + " without an AWS error code. Check --endpoint-url (or AWS_ENDPOINT_URL,"
                + " AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER): it must be the Cognito API, not a web site or the"
                + " hosted UI");
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == e ? message : e.getMessage() + " (" + root.getClass().getSimpleName() + ": " + message + ")";
    }
}
