#!/usr/bin/env bash
# A stand-in for the AWS CLI in DeployRealRunTest: CloudFormation, STS and CloudFront are faked (no AWS
# account is reachable), S3 is the real AWS CLI against a moto server. Every call is logged.
#   FAKE_AWS_STATE  folder for the log and the fake stacks
#   FAKE_AWS_MOTO   moto endpoint for s3/s3api
#   REAL_AWS        path of the real aws executable
set -euo pipefail
state=${FAKE_AWS_STATE:?}
printf '%s\n' "$(printf '%q ' "$@")" >>"$state/calls.log"

service=${1:-}
operation=${2:-}
stack=""
query=""
overrides=()
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[$i]}" in
    --stack-name) stack=${args[$((i + 1))]} ;;
    --query) query=${args[$((i + 1))]} ;;
    --parameter-overrides) overrides=("${args[@]:$((i + 1))}"); break ;;
  esac
done

outputs_of() {
  case "$1" in
    *-auth) printf 'UserPoolId\teu-west-1_AbCdEf123\nUserPoolClientId\t1example23456789abcdefghij\nPayingCustomersGroupName\tpaying-customers\nHostedUiDomain\tshop-123456789012.auth.eu-west-1.amazoncognito.com\n' ;;
    *-artifacts) printf 'ArtifactsBucketName\ttest-artifacts\n' ;;
    *-edge) printf 'EdgeFunctionVersionArn\tarn:aws:lambda:us-east-1:123456789012:function:shop-edge-viewer-request:1\n' ;;
    *-site) printf 'DistributionId\tE2EXAMPLE\nDistributionDomainName\td111111abcdef8.cloudfront.net\nSiteDomain\td111111abcdef8.cloudfront.net\nSiteBucketName\ttest-site\n' ;;
  esac
}

case "$service $operation" in
  "sts get-caller-identity")
    echo "arn:aws:iam::123456789012:user/fake-deployer" ;;
  "cloudformation describe-stacks")
    if [[ ! -f "$state/$stack.deployed" ]]; then
      echo "An error occurred (ValidationError) when calling the DescribeStacks operation: Stack with id $stack does not exist" >&2
      exit 255
    fi
    case "$query" in
      *StackStatus*) echo UPDATE_COMPLETE ;;
      *"Outputs[].[OutputKey,OutputValue]"*) outputs_of "$stack" ;;
      *"OutputKey==\`"*) key=${query#*OutputKey==\`}; key=${key%%\`*}
        value=$(outputs_of "$stack" | awk -F'\t' -v k="$key" '$1 == k { print $2 }'); echo "${value:-None}" ;;
      *"ParameterKey==\`DeletionProtection\`"*) cat "$state/$stack.protection" 2>/dev/null || echo ACTIVE ;;
      *"ParameterKey!=\`DeletionProtection\`"*) printf 'PayingCustomersGroupName\tTokenLifetimeMinutes\tSiteDomain\n' ;;
      *) echo "fake aws: unexpected query $query" >&2; exit 64 ;;
    esac ;;
  "cloudformation deploy")
    { printf '%s' "$stack"; printf ' %s' "${overrides[@]}"; printf '\n'; } >>"$state/deploys.log"
    touch "$state/$stack.deployed" ;;
  "cloudformation delete-stack")
    echo "$stack" >>"$state/deleted.log"
    rm -f "$state/$stack.deployed" ;;
  "cloudformation wait")
    if [[ "$operation $3" == "wait stack-delete-complete" && "$stack" == *-edge && -n "${FAKE_AWS_REPLICAS:-}" ]]; then
      echo "Waiter StackDeleteComplete failed: Waiter encountered a terminal failure state: DELETE_FAILED" >&2
      exit 255
    fi ;;
  "cloudformation update-stack")
    printf '%s\n' "$*" >>"$state/updates.log"
    echo INACTIVE >"$state/$stack.protection" ;;
  "cloudfront create-invalidation")
    for ((i = 0; i < ${#args[@]}; i++)); do
      if [[ "${args[$i]}" == --paths ]]; then
        for ((j = i + 1; j < ${#args[@]}; j++)); do
          [[ "${args[$j]}" == --* ]] && break
          printf '%s\n' "${args[$j]}" >>"$state/invalidated-paths.log"
        done
      fi
    done
    echo "I2EXAMPLE" ;;
  "s3 "*|"s3api "*)
    exec "${REAL_AWS:?}" --endpoint-url "${FAKE_AWS_MOTO:?}" "$@" ;;
  *)
    echo "fake aws: unexpected call: $*" >&2
    exit 64 ;;
esac
