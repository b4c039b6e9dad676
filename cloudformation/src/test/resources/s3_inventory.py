"""Print every object of a bucket as JSON: key -> {contentType, cacheControl, md5 of the body, size}.
Used by SiteUploadTest to look at what scripts/deploy-lib/sync-site left in moto's S3, through boto3 rather
than the AWS CLI under test. Usage: s3_inventory.py ENDPOINT BUCKET"""
import hashlib
import json
import sys

import boto3

endpoint, bucket = sys.argv[1], sys.argv[2]
s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                  aws_access_key_id="testing", aws_secret_access_key="testing")
objects = {}
for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
    for item in page.get("Contents", []):
        got = s3.get_object(Bucket=bucket, Key=item["Key"])
        body = got["Body"].read()
        objects[item["Key"]] = {
            "contentType": got.get("ContentType"),
            "cacheControl": got.get("CacheControl"),
            "md5": hashlib.md5(body).hexdigest(),
            "size": len(body),
        }
print(json.dumps(objects, sort_keys=True))
