'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const { keyFor, encodeKey, signV4 } = require('../s3-origin');

test('the key is the percent-decoded uri; "/" is the default root object', () => {
  assert.equal(keyFor('/', 'index.html'), 'index.html');
  assert.equal(keyFor('/premium%2Freport.pdf', 'index.html'), 'premium/report.pdf');
  assert.equal(keyFor('/premium/annual%20report.pdf', 'index.html'), 'premium/annual report.pdf');
  assert.equal(keyFor('/premium/', 'index.html'), 'premium/', 'no folder rewrite at the origin');
  assert.equal(keyFor('/a+b', ''), 'a b', 'S3 reads a raw + in a path as a space');
  assert.equal(keyFor('/a%2Bb', ''), 'a+b', '%2B is a literal +');
  assert.equal(keyFor('/%zz', 'index.html'), null);
});

test('keys are SigV4-encoded for the request path', () => {
  assert.equal(encodeKey("premium/annual report (1)!.pdf"), 'premium/annual%20report%20%281%29%21.pdf');
  assert.equal(encodeKey('a~b_c-d.e'), 'a~b_c-d.e');
});

test('the SigV4 signature equals botocore\'s for the same request and time', () => {
  const now = new Date('2026-11-28T12:34:56Z');
  const ours = signV4({ method: 'GET', host: '127.0.0.1:9230', path: '/local-site/premium/index.html', now });
  const botocore = execFileSync('python3', ['-c', `
import datetime, sys
from unittest import mock
from botocore.auth import S3SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
req = AWSRequest(method='GET', url='http://127.0.0.1:9230/local-site/premium/index.html')
req.headers['X-Amz-Content-SHA256'] = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
with mock.patch('botocore.auth.get_current_datetime', return_value=datetime.datetime(2026, 11, 28, 12, 34, 56)):
    S3SigV4Auth(Credentials('local', 'local'), 's3', 'us-east-1').add_auth(req)
assert req.headers['X-Amz-Date'] == '20261128T123456Z', req.headers['X-Amz-Date']
sys.stdout.write(req.headers['Authorization'])
`], { encoding: 'utf8' });
  assert.equal(ours.authorization, botocore);
});
