#!/usr/bin/env python3
"""A stand-in for the AWS CLI in the deploy/destroy tests: no AWS account is reachable from here.

CloudFormation, STS, CloudFront, Cognito (the few admin calls the scripts make), CloudWatch Logs and EC2's region
list are simulated on a JSON state file; S3 is the real AWS CLI against a moto server. Answers are shaped like
AWS's and printed with the AWS CLI's own text formatter after the same --query, so the scripts parse exactly
what they would parse in real life. Every call is logged.

What is modelled, because the scripts' recovery paths depend on it (AWS documentation and the AWS CLI's own
deployer.py, read on this machine):
  * `cloudformation deploy` refuses stacks in ROLLBACK_COMPLETE, ROLLBACK_FAILED, DELETE_FAILED,
    UPDATE_ROLLBACK_FAILED and *_IN_PROGRESS, creates when the stack is missing or in REVIEW_IN_PROGRESS, and on
    a run without changes leaves a FAILED change set named awscli-cloudformation-package-deploy-N behind
    ("The submitted information didn't contain changes"), which piles up until the 1,000 change-set limit.
  * a failed create rolls back to ROLLBACK_COMPLETE, or to ROLLBACK_FAILED when it made a user pool with
    deletion protection ACTIVE (the pool cannot be deleted); a failed update rolls back to UPDATE_ROLLBACK_COMPLETE.
  * deleting a stack deletes its buckets unless their DeletionPolicy is Retain (read from the stack's template),
    and fails (DELETE_FAILED) on a bucket that is not empty, on a protected user pool, or while Lambda@Edge
    replicas exist (simulated by a count of failing attempts).

It runs as a server on 127.0.0.1 (`fake_aws.py --serve` prints its port; the test that starts it stops it): the
`aws` on the scripts' PATH is fake_aws_client.sh, which sends each call's arguments over TCP and prints the
answer, and execs the real CLI (against moto) when told to. One Python process instead of one per call keeps the
tests fast; a call can also be run directly: fake_aws.py ARGS...

Environment (of the server):
  FAKE_AWS_STATE  folder holding state.json and the logs (calls.log, deploys.log, deleted.log, ...)
  FAKE_AWS_MOTO   moto endpoint for s3/s3api (and for the buckets the simulated stacks own)
  FAKE_AWS_CACHE  folder for decoded templates, shared between tests (keyed by content)
  REAL_AWS        path of the real aws executable
"""
import contextlib
import hashlib
import json
import os
import shlex
import socket
import sys

STATE_DIR = os.environ["FAKE_AWS_STATE"]
STATE_FILE = os.path.join(STATE_DIR, "state.json")
ACCOUNT = "123456789012"
CHANGE_SET_PREFIX = "awscli-cloudformation-package-deploy-"
NOT_UPDATABLE = {"ROLLBACK_COMPLETE", "ROLLBACK_FAILED", "DELETE_FAILED", "UPDATE_ROLLBACK_FAILED"}
DEFAULT_REGIONS = ["us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "ap-northeast-1"]


def log(name, line):
    with open(os.path.join(STATE_DIR, name), "a", encoding="utf-8") as out:
        out.write(line + "\n")


def load():
    if os.path.exists(STATE_FILE):
        with open(STATE_FILE, encoding="utf-8") as f:
            state = json.load(f)
    else:
        state = {}
    for key in ("stacks", "userPools", "logGroups", "deleteFailures", "deployFailures"):
        state.setdefault(key, {})
    return state


def save(state):
    tmp = STATE_FILE + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(state, f, indent=2, sort_keys=True)
    os.replace(tmp, STATE_FILE)


def fail(message, code=255):
    sys.stderr.write(message + "\n")
    sys.exit(code)


def client_error(code, operation, message):
    fail("\nAn error occurred (%s) when calling the %s operation: %s" % (code, operation, message))


def parse_options(words):
    """--name value... pairs; a flag without values maps to []."""
    options = {}
    current = None
    for word in words:
        if word.startswith("--"):
            current = word[2:]
            options.setdefault(current, [])
        elif current is not None:
            options[current].append(word)
    return options


def one(options, name, default=None):
    values = options.get(name)
    return values[0] if values else default


def emit(response, options):
    """Print like the AWS CLI: --query applied, then --output text (the CLI's own text formatter) or json."""
    import jmespath
    from awscli.text import format_text
    query = one(options, "query")
    if query:
        response = jmespath.search(query, response)
    if one(options, "output", "text") == "json":
        sys.stdout.write(json.dumps(response, indent=4) + "\n")
    else:
        format_text(response, sys.stdout)


# ---- templates --------------------------------------------------------------------------------------------------

def decode_template(path):
    """The template as CloudFormation reads it (cfn-lint's loader), cached by content: importing cfn-lint takes a second."""
    cache = os.path.join(os.environ.get("FAKE_AWS_CACHE", STATE_DIR), "template-%s.json" % template_hash(path))
    if os.path.exists(cache):
        with open(cache, encoding="utf-8") as f:
            return json.load(f)
    from cfnlint.decode import decode
    template, matches = decode(path)
    if matches or template is None:
        fail("fake aws: cannot decode template %s: %s" % (path, matches))
    decoded = json.loads(json.dumps(template, default=str))
    with open(cache, "w", encoding="utf-8") as f:
        json.dump(decoded, f)
    return decoded


def template_defaults(path):
    if not path or not os.path.exists(path):
        return {}
    params = decode_template(path).get("Parameters", {})
    return {k: str(v["Default"]) for k, v in params.items() if "Default" in v}


def template_hash(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


# ---- the simulated stacks ---------------------------------------------------------------------------------------

def kind(name):
    return name.rsplit("-", 1)[-1]


def effective_parameters(stack):
    merged = template_defaults(stack.get("template"))
    merged.update(stack.get("parameters", {}))
    return merged


def outputs_of(name, region, stack):
    params = effective_parameters(stack)
    k = kind(name)
    if k == "auth":
        pool = "%s_AbCdEf123" % region
        prefix = params.get("HostedUiDomainPrefix") or "%s-1a2b3c4d" % name
        domains = [d for d in params.get("SiteDomains", "").split(",") if d]
        out = {
            "UserPoolId": pool,
            "UserPoolClientId": "1example23456789abcdefghij",
            "PayingCustomersGroupName": params.get("PayingCustomersGroupName", "paying-customers"),
            "HostedUiDomain": "%s.auth.%s.amazoncognito.com" % (prefix, region),
            "HostedUiUrl": "https://%s.auth.%s.amazoncognito.com" % (prefix, region),
            "Issuer": "https://cognito-idp.%s.amazonaws.com/%s" % (region, pool),
            "CallbackUrls": ",".join("https://%s/_auth/callback" % d for d in domains) or "(none)",
            "SignOutUrls": ",".join("https://%s/" % d for d in domains) or "(none)",
        }
    elif k == "artifacts":
        out = {"ArtifactsBucketName": "test-artifacts"}
    elif k == "edge":
        fn = "%s-viewer-request" % name
        out = {
            "EdgeFunctionName": fn,
            "EdgeFunctionVersionArn": "arn:aws:lambda:us-east-1:%s:function:%s:%d" % (ACCOUNT, fn, stack.get("version", 1)),
            "LogRetentionDays": params.get("LogRetentionDays", "30"),
            "DecisionLog": params.get("DecisionLog", "denials"),
            "DecisionLogDenialsPerSecond": params.get("DecisionLogDenialsPerSecond", "100"),
        }
    elif k == "site":
        domain = "d111111abcdef8.cloudfront.net"
        aliases = [a for a in params.get("Aliases", "").split(",") if a]
        out = {
            "DistributionId": "E2EXAMPLE",
            "DistributionDomainName": domain,
            "SiteDomains": ",".join([domain] + aliases),
            "SiteUrl": "https://%s/" % (aliases[0] if aliases else domain),
            "SiteBucketName": "test-site",
        }
        if params.get("AccessLogging") == "Enabled":
            out["AccessLogBucketName"] = "test-logs"
    elif k == "monitoring":
        out = {"ErrorRateAlarmName": "%s-5xx-error-rate" % name}
    else:
        out = {}
    return out


def describe(name, region, stack):
    return {
        "StackId": "arn:aws:cloudformation:%s:%s:stack/%s/0f0e0d0c-aaaa-bbbb-cccc-%012d" % (region, ACCOUNT, name, 1),
        "StackName": name,
        "StackStatus": stack["status"],
        # Like CloudFormation: every parameter of the template, defaults included.
        "Parameters": [{"ParameterKey": k, "ParameterValue": v} for k, v in sorted(effective_parameters(stack).items())],
        "Tags": [{"Key": k, "Value": v} for k, v in sorted(stack.get("tags", {}).items())],
        "Outputs": [] if stack["status"] == "REVIEW_IN_PROGRESS" else
        [{"OutputKey": k, "OutputValue": v} for k, v in outputs_of(name, region, stack).items()],
    }


def stack_key(region, name):
    return "%s/%s" % (region, name)


def require_stack(state, region, name, operation):
    stack = state["stacks"].get(stack_key(region, name))
    if stack is None:
        client_error("ValidationError", operation, "Stack with id %s does not exist" % name)
    return stack


def stack_arn(region, name):
    return "arn:aws:cloudformation:%s:%s:stack/%s/0f0e0d0c-aaaa-bbbb-cccc-000000000001" % (region, ACCOUNT, name)


# ---- S3 through moto (buckets owned by simulated stacks) -------------------------------------------------------

def s3():
    import boto3
    return boto3.client("s3", endpoint_url=os.environ["FAKE_AWS_MOTO"], region_name="us-east-1",
                        aws_access_key_id="testing", aws_secret_access_key="testing")


def bucket_exists(bucket):
    try:
        s3().head_bucket(Bucket=bucket)
        return True
    except Exception:  # noqa: BLE001 - any error means "not there" for the simulation
        return False


def bucket_is_empty(bucket):
    return s3().list_objects_v2(Bucket=bucket).get("KeyCount", 0) == 0


def bucket_resources(name, stack):
    """(logical id, bucket name, retained?) of the buckets a simulated stack owns."""
    out = outputs_of(name, "", stack)
    template = decode_template(stack["template"]) if stack.get("template") else {"Resources": {}}
    resources = template.get("Resources", {})
    found = []
    for logical, output in (("SiteBucket", "SiteBucketName"), ("AccessLogBucket", "AccessLogBucketName"),
                            ("ArtifactsBucket", "ArtifactsBucketName")):
        if output in out and logical in resources:
            found.append((logical, out[output], resources[logical].get("DeletionPolicy") == "Retain"))
    return found


# ---- cloudformation --------------------------------------------------------------------------------------------

def cfn_describe_stacks(state, region, options):
    name = one(options, "stack-name")
    stack = require_stack(state, region, name, "DescribeStacks")
    emit({"Stacks": [describe(name, region, stack)]}, options)


def cfn_deploy(state, region, options):
    name = one(options, "stack-name")
    template = os.path.abspath(one(options, "template-file"))
    overrides = dict(p.split("=", 1) for p in options.get("parameter-overrides", []))
    tags = dict(t.split("=", 1) for t in options.get("tags", []))
    key = stack_key(region, name)
    stack = state["stacks"].get(key)
    log("deploys.log", " ".join([name] + ["%s=%s" % kv for kv in overrides.items()]))
    sys.stdout.write("\nWaiting for changeset to be created..\n")

    creating = stack is None or stack["status"] == "REVIEW_IN_PROGRESS"
    if not creating:
        status = stack["status"]
        if status in NOT_UPDATABLE or (status.endswith("_IN_PROGRESS") and status != "REVIEW_IN_PROGRESS"):
            client_error("ValidationError", "CreateChangeSet",
                         "Stack:%s is in %s state and can not be updated." % (stack_arn(region, name), status))
    change_set = "%s%d" % (CHANGE_SET_PREFIX, state.setdefault("changeSetCounter", 1000))
    state["changeSetCounter"] += 1

    if creating:
        new = {"status": "CREATE_IN_PROGRESS", "parameters": overrides, "tags": tags, "template": template,
               "changeSets": (stack or {}).get("changeSets", []), "version": 1}
    else:
        merged = dict(stack.get("parameters", {}))
        merged.update(overrides)
        unchanged = (merged == stack.get("parameters", {}) and tags == stack.get("tags", {})
                     and template_hash(template) == stack.get("templateHash"))
        if unchanged:
            stack.setdefault("changeSets", []).append({
                "ChangeSetName": change_set, "Status": "FAILED", "ExecutionStatus": "UNAVAILABLE",
                "StatusReason": "The submitted information didn't contain changes. Submit different information to "
                                "create a change set."})
            save(state)
            if "no-fail-on-empty-changeset" not in options:
                fail("\nNo changes to deploy. Stack %s is up to date" % name)
            sys.stdout.write("\nNo changes to deploy. Stack %s is up to date\n" % name)
            return
        new = dict(stack)
        new.update({"status": "UPDATE_IN_PROGRESS", "parameters": merged, "tags": tags, "template": template,
                    "version": stack.get("version", 1) + (1 if kind(name) == "edge" else 0),
                    "previous": {k: stack.get(k) for k in ("parameters", "tags", "template", "templateHash", "version")}})
    new["templateHash"] = template_hash(template)

    failure = state["deployFailures"].pop(key, None)
    if failure is not None:
        if creating:
            protected = kind(name) == "auth" and effective_parameters(new).get("DeletionProtection", "ACTIVE") == "ACTIVE"
            if protected:
                pool = outputs_of(name, region, new)["UserPoolId"]
                state["userPools"][pool] = {"deletionProtection": "ACTIVE", "users": 0}
                new["status"] = "ROLLBACK_FAILED"
                new["resources"] = {"UserPool": {"physical": pool, "status": "DELETE_FAILED",
                                                 "reason": "Deletion protection is active for this user pool"}}
            else:
                new["status"] = "ROLLBACK_COMPLETE"
            new["changeSets"] = []
            state["stacks"][key] = new
        else:
            previous = new.pop("previous")
            new.update({k: v for k, v in previous.items() if v is not None})
            new["status"] = "UPDATE_ROLLBACK_COMPLETE"
            new["changeSets"] = []
            state["stacks"][key] = new
        save(state)
        sys.stdout.write("Waiting for stack create/update to complete\n")
        fail("\nFailed to create/update the stack. Run the following command\nto fetch the list of events leading up "
             "to the failure\naws cloudformation describe-stack-events --stack-name %s\n(%s)" % (name, failure))

    new.pop("previous", None)
    new["status"] = "CREATE_COMPLETE" if creating else "UPDATE_COMPLETE"
    new["changeSets"] = []  # executing a change set removes every change set of the stack
    if kind(name) == "auth":
        pool = outputs_of(name, region, new)["UserPoolId"]
        state["userPools"].setdefault(pool, {"users": 0})["deletionProtection"] = \
            effective_parameters(new).get("DeletionProtection", "ACTIVE")
    state["stacks"][key] = new
    save(state)
    sys.stdout.write("Waiting for stack create/update to complete\nSuccessfully created/updated stack - %s\n" % name)


def cfn_delete_stack(state, region, options):
    name = one(options, "stack-name")
    key = stack_key(region, name)
    stack = state["stacks"].get(key)
    log("deleted.log", name)
    if stack is None:
        return
    if stack["status"].endswith("_IN_PROGRESS") and stack["status"] != "REVIEW_IN_PROGRESS":
        client_error("ValidationError", "DeleteStack", "Stack %s is in %s state" % (name, stack["status"]))
    failed = []
    remaining = state["deleteFailures"].get(key, 0)
    if remaining > 0:
        state["deleteFailures"][key] = remaining - 1
        failed.append(("EdgeFunction", "Lambda was unable to delete %s because it is a replicated function. "
                                       "Please see our documentation for Deleting Lambda@Edge Functions and Replicas."
                       % outputs_of(name, region, stack).get("EdgeFunctionName", name)))
    if kind(name) == "auth" and stack["status"] != "REVIEW_IN_PROGRESS":
        pool = outputs_of(name, region, stack)["UserPoolId"]
        if state["userPools"].get(pool, {}).get("deletionProtection") == "ACTIVE":
            failed.append(("UserPool", "Deletion protection is active for this user pool"))
        elif not failed:
            state["userPools"].pop(pool, None)
    if kind(name) == "site" and state.get("lateLogDelivery") and bucket_exists("test-logs"):
        # CloudFront keeps delivering access logs while the distribution is being disabled and deleted.
        s3().put_object(Bucket="test-logs", Key="cloudfront/E2EXAMPLE.late.gz", Body=b"late log line")
    if stack["status"] != "REVIEW_IN_PROGRESS" and not failed:
        for logical, bucket, retained in bucket_resources(name, stack):
            if retained or not bucket_exists(bucket):
                continue
            if not bucket_is_empty(bucket):
                failed.append((logical, "The bucket you tried to delete is not empty"))
            else:
                s3().delete_bucket(Bucket=bucket)
    if failed:
        stack["status"] = "DELETE_FAILED"
        stack["resources"] = {logical: {"physical": logical, "status": "DELETE_FAILED", "reason": reason}
                              for logical, reason in failed}
    else:
        del state["stacks"][key]
    save(state)


def cfn_wait(state, region, options, what):
    name = one(options, "stack-name")
    stack = state["stacks"].get(stack_key(region, name))
    wanted = {"stack-delete-complete": None, "stack-update-complete": "UPDATE_COMPLETE",
              "stack-rollback-complete": "UPDATE_ROLLBACK_COMPLETE", "stack-create-complete": "CREATE_COMPLETE"}
    if what not in wanted:
        fail("fake aws: unexpected waiter %s" % what, 64)
    if what == "stack-delete-complete":
        if stack is None:
            return
    elif stack is not None and stack["status"] == wanted[what]:
        return
    status = stack["status"] if stack else "(gone)"
    fail("\nWaiter %s failed: Waiter encountered a terminal failure state: For expression \"Stacks[].StackStatus\" "
         "we matched expected path: \"%s\" at least once" % (what, status))


def cfn_update_stack(state, region, options):
    name = one(options, "stack-name")
    stack = require_stack(state, region, name, "UpdateStack")
    log("updates.log", " ".join(["update-stack"] + ARGV[3:]))
    for item in options.get("parameters", []):
        fields = dict(part.split("=", 1) for part in item.split(","))
        if "ParameterValue" in fields:
            stack["parameters"][fields["ParameterKey"]] = fields["ParameterValue"]
    stack["status"] = "UPDATE_COMPLETE"
    if kind(name) == "auth":
        pool = outputs_of(name, region, stack)["UserPoolId"]
        state["userPools"].setdefault(pool, {"users": 0})["deletionProtection"] = \
            effective_parameters(stack).get("DeletionProtection", "ACTIVE")
    save(state)


def cfn_list_change_sets(state, region, options):
    name = one(options, "stack-name")
    stack = require_stack(state, region, name, "ListChangeSets")
    summaries = [dict(cs, ChangeSetId="arn:aws:cloudformation:%s:%s:changeSet/%s/1" % (region, ACCOUNT, cs["ChangeSetName"]),
                      StackName=name) for cs in stack.get("changeSets", [])]
    emit({"Summaries": summaries}, options)


def cfn_delete_change_set(state, region, options):
    name = one(options, "stack-name")
    wanted = one(options, "change-set-name")
    stack = require_stack(state, region, name, "DeleteChangeSet")
    before = len(stack.get("changeSets", []))
    stack["changeSets"] = [cs for cs in stack.get("changeSets", [])
                           if cs["ChangeSetName"] != wanted and not wanted.endswith("/" + cs["ChangeSetName"] + "/1")]
    if len(stack["changeSets"]) == before:
        client_error("ChangeSetNotFound", "DeleteChangeSet", "ChangeSet [%s] does not exist" % wanted)
    log("deleted-change-sets.log", "%s %s" % (name, wanted))
    save(state)


def cfn_describe_stack_resources(state, region, options):
    name = one(options, "stack-name")
    stack = require_stack(state, region, name, "DescribeStackResources")
    resources = [{"LogicalResourceId": logical, "PhysicalResourceId": r["physical"], "ResourceStatus": r["status"],
                  "ResourceStatusReason": r.get("reason", "")}
                 for logical, r in sorted(stack.get("resources", {}).items())]
    emit({"StackResources": resources}, options)


def cfn_continue_update_rollback(state, region, options):
    name = one(options, "stack-name")
    stack = require_stack(state, region, name, "ContinueUpdateRollback")
    log("continued-rollbacks.log", " ".join([name] + options.get("resources-to-skip", [])))
    if stack["status"] != "UPDATE_ROLLBACK_FAILED":
        client_error("ValidationError", "ContinueUpdateRollback",
                     "Stack %s is in %s state and cannot be rolled back" % (name, stack["status"]))
    skipped = set(options.get("resources-to-skip", []))
    stuck = [r for r, v in stack.get("resources", {}).items() if v["status"] == "UPDATE_FAILED" and r not in skipped
             and v.get("stuck")]
    if not stuck:
        stack["status"] = "UPDATE_ROLLBACK_COMPLETE"
        stack["resources"] = {}
    save(state)


def cloudformation(state, region, operation, options, argv):
    handlers = {
        "describe-stacks": cfn_describe_stacks, "deploy": cfn_deploy, "delete-stack": cfn_delete_stack,
        "update-stack": cfn_update_stack, "list-change-sets": cfn_list_change_sets,
        "delete-change-set": cfn_delete_change_set, "describe-stack-resources": cfn_describe_stack_resources,
        "continue-update-rollback": cfn_continue_update_rollback,
    }
    if operation == "wait":
        cfn_wait(state, region, parse_options(argv[4:]), argv[3])
    elif operation in handlers:
        handlers[operation](state, region, options)
    else:
        fail("fake aws: unexpected call: %s" % " ".join(argv[1:]), 64)


# ---- the other services ----------------------------------------------------------------------------------------

def cognito(state, region, operation, options):
    pool_id = one(options, "user-pool-id")
    pool = state["userPools"].get(pool_id)
    if pool is None:
        client_error("ResourceNotFoundException", "CognitoIdp", "User pool %s does not exist." % pool_id)
    if operation == "list-users":
        users = [{"Username": "user-%d" % i} for i in range(pool.get("users", 0))]
        limit = int(one(options, "limit", "60"))
        emit({"Users": users[:limit]}, options)
    elif operation == "update-user-pool":
        log("user-pool-updates.log", "%s %s" % (pool_id, " ".join(ARGV[3:])))
        pool["deletionProtection"] = one(options, "deletion-protection", "INACTIVE")
        save(state)
    else:
        fail("fake aws: unexpected call: cognito-idp %s" % operation, 64)


def logs(state, region, operation, options):
    groups = state["logGroups"].setdefault(region, {})
    if operation == "describe-log-groups":
        prefix = one(options, "log-group-name-prefix", "")
        found = [dict({"logGroupName": n}, **({"retentionInDays": g["retentionInDays"]} if "retentionInDays" in g else {}))
                 for n, g in sorted(groups.items()) if n.startswith(prefix)]
        emit({"logGroups": found}, options)
    elif operation == "put-retention-policy":
        name = one(options, "log-group-name")
        if name not in groups:
            client_error("ResourceNotFoundException", "PutRetentionPolicy", "The specified log group does not exist.")
        groups[name]["retentionInDays"] = int(one(options, "retention-in-days"))
        log("retention.log", "%s %s %s" % (region, name, one(options, "retention-in-days")))
        save(state)
    elif operation == "delete-log-group":
        name = one(options, "log-group-name")
        if name not in groups:
            client_error("ResourceNotFoundException", "DeleteLogGroup", "The specified log group does not exist.")
        del groups[name]
        log("deleted-log-groups.log", "%s %s" % (region, name))
        save(state)
    else:
        fail("fake aws: unexpected call: logs %s" % operation, 64)


ARGV = []
REAL_CLI = "real"


def main(argv, warn=False):
    """Handle one call; returns REAL_CLI when the real AWS CLI should run it (S3, against moto)."""
    global ARGV
    ARGV = argv
    log("calls.log", " ".join(shlex.quote(a) for a in argv[1:]))
    if warn:
        sys.stderr.write("/usr/lib/python3/dist-packages/awscli/__init__.py:7: DeprecationWarning: a warning on stderr\n")
    service = argv[1] if len(argv) > 1 else ""
    operation = argv[2] if len(argv) > 2 else ""
    if service in ("s3", "s3api"):
        return REAL_CLI
    options = parse_options(argv[3:])
    region = one(options, "region", os.environ.get("AWS_DEFAULT_REGION", "us-east-1"))
    state = load()
    if service == "sts" and operation == "get-caller-identity":
        emit({"Arn": "arn:aws:iam::%s:user/fake-deployer" % ACCOUNT, "Account": ACCOUNT}, options)
    elif service == "cloudformation":
        cloudformation(state, region, operation, options, argv)
    elif service == "cognito-idp":
        cognito(state, region, operation, options)
    elif service == "logs":
        logs(state, region, operation, options)
    elif service == "ec2" and operation == "describe-regions":
        emit({"Regions": [{"RegionName": r} for r in state.get("regions", DEFAULT_REGIONS)]}, options)
    elif service == "cloudfront" and operation == "create-invalidation":
        for path in options.get("paths", []):
            log("invalidated-paths.log", path)
        emit({"Invalidation": {"Id": "I2EXAMPLE"}}, options)
    else:
        fail("fake aws: unexpected call: %s" % " ".join(argv[1:]), 64)


    return 0


# ---- server ---------------------------------------------------------------------------------------------------

def answer(connection):
    """One request: NUL-terminated fields OUT_FILE, ERR_FILE, WARN, ARGC, ARG... ; answers "CODE\n" or "real\n"."""
    data = b""
    fields = []
    while len(fields) < 4 or len(fields) < 4 + int(fields[3]):
        chunk = connection.recv(65536)
        if not chunk:
            return
        data += chunk
        fields = data.split(b"\0")[:-1]
    out_file, err_file, warn, _count = (f.decode() for f in fields[:4])
    argv = ["aws"] + [f.decode() for f in fields[4:]]
    code = 0
    with open(out_file, "w", encoding="utf-8") as out, open(err_file, "w", encoding="utf-8") as err, \
            contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv, warn=bool(warn))
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else 1
        except Exception as e:  # noqa: BLE001 - a bug in the stand-in must show, not hang the script
            sys.stderr.write("fake aws: internal error: %r\n" % e)
            code = 70
    connection.sendall(("%s\n" % code).encode())


def serve():
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    print(listener.getsockname()[1], flush=True)
    while True:
        connection, _ = listener.accept()
        with connection:
            answer(connection)


if __name__ == "__main__":
    if sys.argv[1:] == ["--serve"]:
        serve()
    else:
        code = main(sys.argv, warn=bool(os.environ.get("FAKE_AWS_WARN")))
        if code == REAL_CLI:
            os.execv(os.environ["REAL_AWS"], [os.environ["REAL_AWS"], "--endpoint-url", os.environ["FAKE_AWS_MOTO"]] + sys.argv[1:])
        sys.exit(code)
