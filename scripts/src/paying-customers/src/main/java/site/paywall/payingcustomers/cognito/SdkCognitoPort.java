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
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
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
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminListGroupsForUserResponse;

/** {@link CognitoPort} on the AWS SDK v2 client: one call each, SDK exceptions translated to {@link Failure}s. */
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
    private final String poolId;

    public SdkCognitoPort(CognitoIdentityProviderClient client, String poolId) {
        this.client = client;
        this.poolId = poolId;
    }

    @Override
    public void close() {
        client.close();
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
        return call("ListUsers", Missing.POOL, () -> client.listUsers(r -> r.userPoolId(poolId).filter(filter).limit(60))
                .users().stream().map(SdkCognitoPort::toPoolUser).toList());
    }

    @Override
    public List<String> groupsOf(String username) {
        List<String> groups = new ArrayList<>();
        String next = null;
        do {
            String token = next;
            AdminListGroupsForUserResponse page = call("AdminListGroupsForUser", Missing.POOL,
                    () -> client.adminListGroupsForUser(r -> r.userPoolId(poolId).username(username).limit(60).nextToken(token)));
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
        return new AppClientTokens(name, lifetime(c.idTokenValidity(), idUnit), lifetime(c.accessTokenValidity(), accessUnit));
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
        String message = String.valueOf(e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage());
        return message.startsWith("User pool") || message.contains("user pool");
    }

    private CognitoFailure translate(String operation, Missing missing, SdkException e) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? "" : String.valueOf(service.awsErrorDetails().errorCode());
            String message = service.awsErrorDetails() == null ? service.getMessage() : service.awsErrorDetails().errorMessage();
            if (service instanceof ResourceNotFoundException) {
                if (missing == Missing.POOL || namesPool(service)) {
                    return new CognitoFailure(FailureKind.UNKNOWN_POOL, "user pool " + poolId + " does not exist"
                            + " (" + operation + ": " + message + "); check --user-pool-id and --region");
                }
                if (missing == Missing.GROUP) {
                    return new CognitoFailure(FailureKind.UNKNOWN_GROUP, operation + ": the group does not exist in pool "
                            + poolId + " (" + message + ")");
                }
                return new CognitoFailure(FailureKind.AWS_ERROR, operation + ": not found: " + message);
            }
            if (service instanceof UserNotFoundException) {
                return new CognitoFailure(FailureKind.UNKNOWN_USER, "the user does not exist in pool " + poolId
                        + " (" + operation + ")");
            }
            if (service instanceof TooManyRequestsException || service.isThrottlingException()) {
                return new CognitoFailure(FailureKind.THROTTLED, operation + " was throttled by Cognito (" + code + ")");
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
        if (e instanceof SdkClientException && hasCause(e, IOException.class)) {
            return new CognitoFailure(FailureKind.UNAVAILABLE, operation + " could not reach Cognito: " + rootMessage(e));
        }
        if (e.getMessage() != null && e.getMessage().contains("Unable to load credentials")) {
            return new CognitoFailure(FailureKind.CREDENTIALS, "no AWS credentials found: " + e.getMessage());
        }
        return new CognitoFailure(FailureKind.AWS_ERROR, operation + " failed: " + rootMessage(e));
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
