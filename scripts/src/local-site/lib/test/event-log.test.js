'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { redactEvent } = require('../event-log');

test('a recorded event keeps its shape and names but no cookie, token or query value', () => {
  const secret = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln';
  const event = { Records: [{ cf: {
    config: { distributionDomainName: 'localhost', distributionId: 'E', eventType: 'viewer-request', requestId: 'r' },
    request: {
      clientIp: '127.0.0.1', method: 'GET', uri: '/_auth/callback', querystring: `code=${secret}&state=abc&flag`,
      headers: {
        cookie: [{ key: 'Cookie', value: `id_token=${secret}; theme=dark` }],
        authorization: [{ key: 'Authorization', value: `Bearer ${secret}` }],
        'sec-fetch-mode': [{ key: 'Sec-Fetch-Mode', value: 'navigate' }],
      },
    },
  } }] };
  const out = redactEvent(event);
  const text = JSON.stringify(out);
  assert.equal(text.includes(secret), false);
  assert.equal(text.includes('dark'), false);
  const req = out.Records[0].cf.request;
  assert.equal(req.headers.cookie[0].value, `id_token=<redacted ${secret.length} bytes>; theme=<redacted 4 bytes>`);
  assert.equal(req.headers.authorization[0].value, `Bearer <redacted ${secret.length} bytes>`);
  assert.deepEqual(req.headers['sec-fetch-mode'], [{ key: 'Sec-Fetch-Mode', value: 'navigate' }]);
  assert.equal(req.querystring, `code=<redacted ${secret.length} bytes>&state=<redacted 3 bytes>&flag`);
  assert.equal(event.Records[0].cf.request.headers.cookie[0].value.includes(secret), true, 'the original is untouched');
});
