'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { viewerRequestEvent, splitTarget } = require('../viewer-request-event');

const fakeRequest = (url, rawHeaders, method = 'GET', remoteAddress = '::ffff:127.0.0.1') =>
  ({ url, rawHeaders, method, socket: { remoteAddress } });

test('the event has the CloudFront viewer-request shape', () => {
  const event = viewerRequestEvent(fakeRequest('/premium/index.html?a=1&b', ['Host', 'localhost:8080']),
    { domainName: 'localhost', id: 'ELOCALSITE00001' }, null);
  const { config, request } = event.Records[0].cf;
  assert.deepEqual(Object.keys(event.Records[0].cf), ['config', 'request']);
  assert.equal(config.eventType, 'viewer-request');
  assert.equal(config.distributionDomainName, 'localhost');
  assert.equal(config.distributionId, 'ELOCALSITE00001');
  assert.match(config.requestId, /^[A-Za-z0-9+/]{52,}={0,2}$/);
  assert.deepEqual(request, {
    clientIp: '127.0.0.1',
    headers: { host: [{ key: 'Host', value: 'localhost:8080' }] },
    method: 'GET',
    querystring: 'a=1&b',
    uri: '/premium/index.html',
  });
});

test('headers: lowercase names, the key as sent, one entry per occurrence in order', () => {
  const { request } = viewerRequestEvent(fakeRequest('/', [
    'Host', 'localhost:8080', 'Cookie', 'a=1', 'X-Custom', 'one', 'cookie', 'b=2', 'x-custom', 'two',
  ]), { domainName: 'localhost', id: 'E' }, null).Records[0].cf;
  assert.deepEqual(request.headers.cookie, [{ key: 'Cookie', value: 'a=1' }, { key: 'cookie', value: 'b=2' }]);
  assert.deepEqual(request.headers['x-custom'], [{ key: 'X-Custom', value: 'one' }, { key: 'x-custom', value: 'two' }]);
});

test('hop-by-hop headers, and those the Connection header names, do not reach the function', () => {
  const { request } = viewerRequestEvent(fakeRequest('/', [
    'Host', 'h', 'Connection', 'Upgrade, HTTP2-Settings, X-Hop', 'Upgrade', 'h2c', 'HTTP2-Settings', 'AAA',
    'Keep-Alive', 'timeout=5', 'X-Hop', 'x', 'Accept', 'text/html',
  ]), { domainName: 'localhost', id: 'E' }, null).Records[0].cf;
  assert.deepEqual(Object.keys(request.headers), ['host', 'accept']);
});

test('uri and querystring stay raw: no decoding, no "?"', () => {
  assert.deepEqual(splitTarget('/premium%2Freport.pdf?x=%20y'), { uri: '/premium%2Freport.pdf', querystring: 'x=%20y' });
  assert.deepEqual(splitTarget('/a?'), { uri: '/a', querystring: '' });
  assert.deepEqual(splitTarget('http://localhost:8080/p?q'), { uri: '/p', querystring: 'q' });
});

test('a body is passed only when given (IncludeBody), base64 and read-only, truncated at 40 KB', () => {
  const big = Buffer.alloc(50 * 1024, 'a');
  const { request } = viewerRequestEvent(fakeRequest('/', ['Host', 'h'], 'POST'), { domainName: 'l', id: 'E' }, big)
    .Records[0].cf;
  assert.equal(request.body.inputTruncated, true);
  assert.equal(request.body.action, 'read-only');
  assert.equal(request.body.encoding, 'base64');
  assert.equal(Buffer.from(request.body.data, 'base64').length, 40 * 1024);
  const none = viewerRequestEvent(fakeRequest('/', ['Host', 'h']), { domainName: 'l', id: 'E' }, null).Records[0].cf;
  assert.equal('body' in none.request, false);
});
