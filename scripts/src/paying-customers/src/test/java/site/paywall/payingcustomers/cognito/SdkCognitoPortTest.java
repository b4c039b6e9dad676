package site.paywall.payingcustomers.cognito;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

import java.net.ConnectException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mockito.Answers;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminAddUserToGroupRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CreateGroupRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupExistsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InternalErrorException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TimeUnitsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TooManyRequestsException;

/**
 * How SDK exceptions become failure kinds. moto cannot throttle, fail with 5xx or deny access, so these use a
 * Mockito SDK client (its convenience methods call through to the stubbed request methods).
 */
class SdkCognitoPortTest {
    private final CognitoIdentityProviderClient client =
            mock(CognitoIdentityProviderClient.class, withSettings().defaultAnswer(Answers.CALLS_REAL_METHODS));
    private final SdkCognitoPort port = new SdkCognitoPort(client, "us-east-1_pool");

    private static AwsServiceException error(AwsServiceException.Builder builder, String code, int status,
                                             String message) {
        return builder.awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
                .statusCode(status).message(message).build();
    }

    private FailureKind addFails(Exception e) {
        doThrow(e).when(client).adminAddUserToGroup(any(AdminAddUserToGroupRequest.class));
        return assertThrows(CognitoFailure.class, () -> port.addToGroup("paying-customers", "alice")).kind();
    }

    @Test
    void tooManyRequestsIsThrottled() {
        assertEquals(FailureKind.THROTTLED,
                addFails(error(TooManyRequestsException.builder(), "TooManyRequestsException", 400, "Rate exceeded")));
    }

    @Test
    void aServerErrorIsUnavailable() {
        assertEquals(FailureKind.UNAVAILABLE,
                addFails(error(InternalErrorException.builder(), "InternalErrorException", 500, "oops")));
    }

    @Test
    void aConnectionFailureIsUnavailable() {
        assertEquals(FailureKind.UNAVAILABLE, addFails(SdkClientException.builder()
                .message("Unable to execute HTTP request").cause(new ConnectException("Connection refused")).build()));
    }

    @Test
    void accessDeniedIsItsOwnKind() {
        assertEquals(FailureKind.ACCESS_DENIED, addFails(error(CognitoIdentityProviderException.builder(),
                "AccessDeniedException", 400, "User: arn:aws:iam::1:user/x is not authorized")));
    }

    @Test
    void rejectedKeysAreACredentialsFailure() {
        assertEquals(FailureKind.CREDENTIALS, addFails(error(CognitoIdentityProviderException.builder(),
                "UnrecognizedClientException", 400, "The security token included in the request is invalid.")));
        assertEquals(FailureKind.CREDENTIALS, addFails(error(CognitoIdentityProviderException.builder(),
                "ExpiredTokenException", 400, "The security token included in the request is expired")));
    }

    @Test
    void notFoundMeansTheGroupUnlessTheMessageNamesThePool() {
        assertEquals(FailureKind.UNKNOWN_GROUP,
                addFails(error(ResourceNotFoundException.builder(), "ResourceNotFoundException", 400,
                        "Group not found.")));
        assertEquals(FailureKind.UNKNOWN_POOL, addFails(error(ResourceNotFoundException.builder(),
                "ResourceNotFoundException", 400, "User pool us-east-1_pool does not exist.")));
    }

    @Test
    void anExistingGroupIsNotAnError() {
        doThrow(error(GroupExistsException.builder(), "GroupExistsException", 400,
                "A group with the name already exists")).when(client).createGroup(any(CreateGroupRequest.class));

        assertFalse(port.createGroup("paying-customers", "d"));
    }

    @Test
    void lifetimesFollowCognitosUnitsAndDefaults() {
        assertEquals(Duration.ofHours(1), SdkCognitoPort.lifetime(null, null));
        assertEquals(Duration.ofHours(5), SdkCognitoPort.lifetime(5, null));
        assertEquals(Duration.ofMinutes(30), SdkCognitoPort.lifetime(30, TimeUnitsType.MINUTES));
        assertEquals(Duration.ofSeconds(300), SdkCognitoPort.lifetime(300, TimeUnitsType.SECONDS));
        assertEquals(Duration.ofDays(1), SdkCognitoPort.lifetime(1, TimeUnitsType.DAYS));
    }

    @Test
    void filterValuesEscapeQuotesAndBackslashes() {
        assertEquals("a\\\"b\\\\c", SdkCognitoPort.escapeFilterValue("a\"b\\c"));
    }
}
