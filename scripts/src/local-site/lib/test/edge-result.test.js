'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { interpret, ValidationError } = require('../edge-result');

const original = {
  method: 'GET',
  uri: '/premium/',
  headers: { host: [{ key: 'Host', value: 'localhost:8080' }], 'x-cache': [{ key: 'X-Cache', value: 'viewer' }] },
};

test('a generated response: status string to number, every set-cookie entry kept, base64 body decoded', () => {
  const out = interpret({
    status: '302',
    statusDescription: 'Found',
    headers: {
      location: [{ key: 'Location', value: 'http://127.0.0.1:9228/oauth2/authorize?x=1' }],
      'set-cookie': [{ key: 'Set-Cookie', value: 'a=1; Path=/' }, { key: 'Set-Cookie', value: 'b=2; Path=/_auth/refresh' }],
    },
    body: Buffer.from('moved').toString('base64'),
    bodyEncoding: 'base64',
  }, original);
  assert.equal(out.kind, 'response');
  assert.equal(out.status, 302);
  assert.deepEqual(out.headers.filter((h) => h.name === 'set-cookie').map((h) => h.value), ['a=1; Path=/', 'b=2; Path=/_auth/refresh']);
  assert.equal(out.body.toString(), 'moved');
});

test('what CloudFront refuses with 502 is refused', () => {
  const refused = (result, why) => assert.throws(() => interpret(result, original), ValidationError, why);
  refused({ status: '204', body: 'x' }, 'a 204 with a body');
  refused({ status: '200', body: 'x'.repeat(41 * 1024) }, 'over 40 KB');
  refused({ status: '200', headers: { connection: [{ key: 'Connection', value: 'close' }] } }, 'disallowed header');
  refused({ status: '200', headers: { 'x-amz-cf-id': [{ value: 'x' }] } }, 'disallowed prefix');
  refused({ status: '200', headers: { Location: [{ value: '/' }] } }, 'header name not lowercase');
  refused({ status: 'OK' }, 'not a status');
  refused({ status: '200', bodyEncoding: 'gzip' }, 'unknown encoding');
  refused({ uri: '/x', method: 'GET', headers: { host: [{ key: 'Host', value: 'evil.example' }] } }, 'host is read-only');
  refused({ uri: '/x', method: 'POST', headers: original.headers }, 'method is read-only');
  refused({ uri: '/x', method: 'GET', headers: { ...original.headers, upgrade: [{ key: 'Upgrade', value: 'h2c' }] } },
    'a disallowed header added to the request');
  refused(undefined, 'no result');
});

test('a forwarded request: rewritten uri kept; a disallowed header the viewer sent may pass unchanged', () => {
  const out = interpret({ uri: '/premium/index.html', method: 'GET', querystring: '', headers: original.headers }, original);
  assert.equal(out.kind, 'request');
  assert.equal(out.uri, '/premium/index.html');
  assert.equal(out.method, 'GET');
});

test('what HTTP/1.1 cannot carry is refused before it reaches the socket', () => {
  const refused = (result, why) => assert.throws(() => interpret(result, original), ValidationError, why);
  refused({ status: '200', statusDescription: 'OK\r\nSet-Cookie: x=1' }, 'CR/LF in the status line');
  refused({ status: '200', headers: { 'x-a': [{ value: 'a\u0000b' }] } }, 'NUL in a value');
  refused({ status: '200', headers: { 'x-a': [{ value: 'caf\u0113' }] } }, 'beyond Latin-1');
  refused({ status: '200', headers: { 'x a': [{ value: 'v' }] } }, 'space in a name');
  assert.equal(interpret({ status: '200', statusDescription: 'OK', headers: { 'x-a': [{ value: 'caf\u00e9\tok' }] } },
    original).kind, 'response');
});
