# shellcheck shell=bash
# shellcheck disable=SC2016  # backticks below are JMESPath literals, not command substitutions
# shellcheck disable=SC2153,SC2154  # aws_opts, STACK, REGION, PROFILE and DRY_RUN come from the sourcing script
# CloudFormation helpers shared by scripts/deploy and scripts/destroy: reading a stack's state and outputs, and
# the way out of every state a failed create, update or delete leaves behind. Sourced after common.sh; uses the
# caller's aws_opts (--profile), DRY_RUN, STACK, REGION and PROFILE.

# Exit code when the Lambda@Edge stack cannot be deleted yet because CloudFront still holds replicas.
EXIT_EDGE_REPLICAS=3

LAST_ERROR=""
# read_aws VAR PLACEHOLDER CMD... : run CMD as capture does; VAR gets its stdout only (a CLI warning on stderr
# never becomes part of a value), LAST_ERROR its stderr. Returns CMD's status.
read_aws() {
  local -n read_aws_into=$1
  shift
  local errfile rc=0
  errfile=$(mktemp)
  # shellcheck disable=SC2034  # a nameref: this assigns the caller's variable
  read_aws_into=$(capture "$@" 2>"$errfile") || rc=$?
  LAST_ERROR=$(<"$errfile")
  rm -f "$errfile"
  return "$rc"
}

# stack_status STACK REGION : the stack's status, NONE when it does not exist ("<status of STACK>" in a dry run).
stack_status() {
  local status
  if read_aws status "<status of $1>" aws cloudformation describe-stacks --stack-name "$1" --region "$2" \
      "${aws_opts[@]}" --query 'Stacks[0].StackStatus' --output text; then
    printf '%s\n' "$status"
  elif [[ "$LAST_ERROR" == *"does not exist"* ]]; then
    echo NONE
  else
    die "could not read stack $1 ($2): $LAST_ERROR"
  fi
}

# stack_outputs STACK REGION : "Key<TAB>Value" lines of the stack's outputs (a placeholder in a dry run).
stack_outputs() {
  local out
  read_aws out "$(printf '%s\t<%s>' "*" "$1")" aws cloudformation describe-stacks --stack-name "$1" --region "$2" \
    "${aws_opts[@]}" --query 'Stacks[0].Outputs[].[OutputKey,OutputValue]' --output text ||
    die "could not read the outputs of stack $1 ($2): $LAST_ERROR"
  printf '%s\n' "$out"
}

# output_value OUTPUTS KEY STACK : one value out of stack_outputs' text; "<STACK.KEY>" in a dry run.
output_value() {
  local value
  value=$(optional_output "$@")
  [[ -n "$value" ]] || die "stack $3 has no output $2 (was it deployed from these templates?)"
  printf '%s\n' "$value"
}

# optional_output OUTPUTS KEY STACK : like output_value, but nothing (no error) when the output is missing.
optional_output() {
  if [[ "$DRY_RUN" == true ]]; then
    printf '<%s.%s>\n' "$3" "$2"
    return
  fi
  awk -F'\t' -v k="$2" '$1 == k { print $2 }' <<<"$1"
}

# stack_value STACK REGION QUERY : one value describe-stacks gives for QUERY (a JMESPath ending in [0]), or nothing.
stack_value() {
  local value
  read_aws value "" aws cloudformation describe-stacks --stack-name "$1" --region "$2" "${aws_opts[@]}" \
    --query "$3" --output text || die "could not read stack $1 ($2): $LAST_ERROR"
  [[ "$value" == None ]] || printf '%s\n' "$value"
}

# stack_parameter STACK REGION KEY : the stack's current value of a parameter (nothing if it has none).
stack_parameter() {
  stack_value "$1" "$2" "Stacks[0].Parameters[?ParameterKey==\`$3\`].ParameterValue | [0]"
}

# stack_tag STACK REGION KEY : one tag of the stack (nothing if it has none).
stack_tag() {
  stack_value "$1" "$2" "Stacks[0].Tags[?Key==\`$3\`].Value | [0]"
}

# failed_resources STACK REGION STATUS : "LogicalId: reason" for each resource of the stack in STATUS.
failed_resources() {
  local out
  read_aws out "" aws cloudformation describe-stack-resources --stack-name "$1" --region "$2" "${aws_opts[@]}" \
    --query "StackResources[?ResourceStatus==\`$3\`].[LogicalResourceId,ResourceStatusReason]" --output text || true
  awk -F'\t' 'NF { printf "%s%s: %s", sep, $1, $2; sep = "; " }' <<<"$out"
}

# failed_resource_ids STACK REGION STATUS : the logical ids of the resources in STATUS, space-separated.
failed_resource_ids() {
  local out
  read_aws out "" aws cloudformation describe-stack-resources --stack-name "$1" --region "$2" "${aws_opts[@]}" \
    --query "StackResources[?ResourceStatus==\`$3\`].LogicalResourceId" --output text || true
  printf '%s\n' "$out" | tr -s '\t\n' '  ' | sed 's/ *$//'
}

# delete_stack_and_wait STACK REGION : true when the stack is gone.
delete_stack_and_wait() {
  run aws cloudformation delete-stack --stack-name "$1" --region "$2" "${aws_opts[@]}" &&
    run aws cloudformation wait stack-delete-complete --stack-name "$1" --region "$2" "${aws_opts[@]}"
}

# remove_failed_change_sets STACK REGION : delete the FAILED change sets `aws cloudformation deploy` leaves
# behind (one per run without changes, until CloudFormation refuses new ones with "ChangeSet limit exceeded").
# Only the AWS CLI's own (awscli-cloudformation-package-deploy-*); a missing stack has none.
remove_failed_change_sets() {
  local ids id
  read_aws ids "" aws cloudformation list-change-sets --stack-name "$1" --region "$2" "${aws_opts[@]}" \
    --query 'Summaries[?Status==`FAILED` && starts_with(ChangeSetName, `awscli-cloudformation-package-deploy-`)].ChangeSetId' \
    --output text || return 0
  for id in $ids; do
    [[ "$id" == None ]] && continue
    run aws cloudformation delete-change-set --change-set-name "$id" --stack-name "$1" --region "$2" "${aws_opts[@]}"
  done
}

# edge_wait_hint : the command that retries the edge stack's deletion until the replicas are gone.
edge_wait_hint() {
  printf 'scripts/destroy --stack-name %s --region %s --only edge --wait-edge --yes%s' "$STACK" "$REGION" \
    "${PROFILE:+ --profile $PROFILE}"
}

# recover_stack STACK REGION PART : bring a stack out of a state `aws cloudformation deploy` cannot handle, or stop
# with one message naming the command that does. PART is auth|artifacts|edge|site|monitoring (for destroy hints).
# Prints the status the stack is in afterwards (NONE when it had to be deleted).
recover_stack() {
  local stack=$1 region=$2 part=$3 status
  status=$(stack_status "$stack" "$region")
  case "$status" in
    ROLLBACK_COMPLETE)
      note "$stack is in ROLLBACK_COMPLETE (its first create failed and was rolled back); deleting it so it can be created again" >&3
      delete_stack_and_wait "$stack" "$region" >&3 ||
        die "$stack could not be deleted: $(failed_resources "$stack" "$region" DELETE_FAILED)"
      status=NONE ;;
    ROLLBACK_FAILED)
      recover_failed_create "$stack" "$region" "$part"
      status=NONE ;;
    UPDATE_ROLLBACK_FAILED)
      note "$stack is in UPDATE_ROLLBACK_FAILED (an update failed and so did its rollback); continuing the rollback" >&3
      if ! { run aws cloudformation continue-update-rollback --stack-name "$stack" --region "$region" "${aws_opts[@]}" &&
          run aws cloudformation wait stack-rollback-complete --stack-name "$stack" --region "$region" "${aws_opts[@]}"; } >&3; then
        local stuck
        stuck=$(failed_resource_ids "$stack" "$region" UPDATE_FAILED)
        die "$stack cannot be rolled back ($(failed_resources "$stack" "$region" UPDATE_FAILED)). Fix or give up those" \
          "resources, e.g.: aws cloudformation continue-update-rollback --stack-name $stack --region $region" \
          "--resources-to-skip ${stuck:-LOGICAL_ID}${PROFILE:+ --profile $PROFILE}; then run scripts/deploy again"
      fi
      status=UPDATE_ROLLBACK_COMPLETE ;;
    DELETE_FAILED)
      if [[ "$part" == edge ]]; then
        note "$stack is in DELETE_FAILED (a destroy could not delete the function while CloudFront held its replicas); deleting it again" >&3
        if ! delete_stack_and_wait "$stack" "$region" >&3; then
          printf '%s: %s still cannot be deleted: Lambda@Edge replicas of its function remain (CloudFront removes\n' "$PROG" "$stack" >&2
          printf '%s: them some hours after the distribution stopped using it). Wait for it with: %s\n' "$PROG" "$(edge_wait_hint)" >&2
          printf '%s: then run scripts/deploy again.\n' "$PROG" >&2
          exit "$EXIT_EDGE_REPLICAS"
        fi
        status=NONE
      elif [[ "$part" == monitoring ]]; then
        note "$stack is in DELETE_FAILED (a destroy did not finish); it holds only the alarm: deleting it again" >&3
        delete_stack_and_wait "$stack" "$region" >&3 ||
          die "$stack could not be deleted ($(failed_resources "$stack" "$region" DELETE_FAILED))"
        status=NONE
      else
        die "$stack is in DELETE_FAILED: a destroy did not finish ($(failed_resources "$stack" "$region" DELETE_FAILED))." \
          "Finish it with: scripts/destroy --stack-name $STACK --region $REGION --only $part --yes${PROFILE:+ --profile $PROFILE}" \
          "$([[ "$part" == auth ]] && echo "(this deletes the user pool and ALL ITS USERS)")" \
          "then run scripts/deploy again"
      fi ;;
    REVIEW_IN_PROGRESS)
      # A first create that was interrupted or whose change set failed: nothing was created. The CLI's deploy
      # creates such a stack; its failed change sets are debris.
      note "$stack exists only as a change set under review (REVIEW_IN_PROGRESS: an interrupted first create); creating it" >&3
      remove_failed_change_sets "$stack" "$region" >&3 ;;
    *_IN_PROGRESS)
      die "$stack is busy ($status): another deploy or destroy is running, or CloudFormation is still working." \
        "Wait until it settles (aws cloudformation wait stack-update-complete --stack-name $stack --region $region)," \
        "then run scripts/deploy again" ;;
  esac
  printf '%s\n' "$status"
}

# recover_failed_create STACK REGION PART : a stack in ROLLBACK_FAILED (only a create ends there) holds nothing of
# value, except that a user pool with deletion protection blocks the delete. Turn the protection off when the pool
# has no users and delete the stack; a pool with users is left to the operator.
recover_failed_create() {
  local stack=$1 region=$2 part=$3 pool="" users
  note "$stack is in ROLLBACK_FAILED (its first create failed and the rollback could not delete everything); deleting it" >&3
  if [[ "$part" == auth ]]; then
    read_aws pool "" aws cloudformation describe-stack-resources --stack-name "$stack" --region "$region" "${aws_opts[@]}" \
      --query 'StackResources[?LogicalResourceId==`UserPool`].PhysicalResourceId | [0]' --output text || pool=""
    [[ "$pool" == None ]] && pool=""
  fi
  if [[ -n "$pool" ]]; then
    read_aws users "" aws cognito-idp list-users --user-pool-id "$pool" --region "$region" "${aws_opts[@]}" \
      --limit 1 --query 'length(Users)' --output text || users=""
    if [[ "$users" == 0 ]]; then
      note "its user pool $pool has no users; turning its deletion protection off" >&3
      run aws cognito-idp update-user-pool --user-pool-id "$pool" --region "$region" "${aws_opts[@]}" \
        --deletion-protection INACTIVE >&3
    elif [[ -n "$users" ]]; then
      die "$stack is in ROLLBACK_FAILED and its user pool $pool already has users, so it is not deleted for you." \
        "To delete the pool with its users: aws cognito-idp update-user-pool --user-pool-id $pool --region $region" \
        "--deletion-protection INACTIVE${PROFILE:+ --profile $PROFILE} (this resets the pool's settings), then run" \
        "scripts/deploy again. To keep the pool outside CloudFormation instead: aws cloudformation delete-stack" \
        "--stack-name $stack --region $region --retain-resources UserPool${PROFILE:+ --profile $PROFILE}"
    fi
  fi
  delete_stack_and_wait "$stack" "$region" >&3 ||
    die "$stack could not be deleted ($(failed_resources "$stack" "$region" DELETE_FAILED)). Delete what blocks it," \
      "or keep it outside CloudFormation: aws cloudformation delete-stack --stack-name $stack --region $region" \
      "--retain-resources $(failed_resource_ids "$stack" "$region" DELETE_FAILED)${PROFILE:+ --profile $PROFILE}; then run scripts/deploy again"
}
