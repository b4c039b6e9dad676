'use strict';
// What CloudFront does with a viewer-request function's result: a generated response is checked and sent; a
// request goes on to the origin. The checks are the ones that make CloudFront answer 502 ("The Lambda function
// result failed validation") so a mistake in the bundle shows locally the way it would at the edge. Not every
// CloudFront rule is modelled; see the module README.

// Headers a function may not add or set (CloudFront Developer Guide, "Restrictions on edge functions").
const DISALLOWED = new Set(['connection', 'expect', 'keep-alive', 'proxy-authenticate', 'proxy-authorization',
  'proxy-connection', 'trailer', 'upgrade', 'x-cache', 'x-forwarded-proto', 'x-real-ip']);
const DISALLOWED_PREFIXES = ['x-accel-', 'x-amz-cf-', 'x-amzn-', 'x-edge-'];
// Read-only in viewer request: the function may not change them in the request it returns.
const READ_ONLY_REQUEST = ['content-length', 'host', 'transfer-encoding', 'via'];
const GENERATED_RESPONSE_LIMIT = 40 * 1024;
// What HTTP/1.1 can carry (RFC 9110 5.1, 5.5); Node refuses anything else when it writes the response.
const TOKEN = /^[!#$%&'*+.^_`|~0-9a-z-]+$/;
const INVALID_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

function disallowedHeader(name) {
  return DISALLOWED.has(name) || DISALLOWED_PREFIXES.some((p) => name.startsWith(p));
}

class ValidationError extends Error {}

function checkHeaders(headers, what) {
  if (headers === undefined) return [];
  if (headers === null || typeof headers !== 'object' || Array.isArray(headers)) {
    throw new ValidationError(`${what}.headers is not an object`);
  }
  const list = [];
  for (const [name, entries] of Object.entries(headers)) {
    if (name !== name.toLowerCase()) throw new ValidationError(`${what}.headers: name "${name}" is not lowercase`);
    if (!TOKEN.test(name)) throw new ValidationError(`${what}.headers: "${name}" is not a valid header name`);
    if (!Array.isArray(entries)) throw new ValidationError(`${what}.headers["${name}"] is not a list`);
    for (const entry of entries) {
      if (!entry || typeof entry.value !== 'string') {
        throw new ValidationError(`${what}.headers["${name}"]: an entry has no string value`);
      }
      if (entry.key !== undefined && (typeof entry.key !== 'string' || entry.key.toLowerCase() !== name)) {
        throw new ValidationError(`${what}.headers["${name}"]: key "${entry.key}" does not match the name`);
      }
      if (INVALID_VALUE.test(entry.value)) {
        throw new ValidationError(`${what}.headers["${name}"]: value holds a control or non-Latin-1 character`);
      }
      list.push({ name, key: entry.key || name, value: entry.value });
    }
  }
  return list;
}

// -> {kind: 'response', status, statusDescription, headers: [{name, key, value}], body: Buffer}
function generatedResponse(result) {
  const statusText = typeof result.status === 'number' ? String(result.status) : result.status;
  if (typeof statusText !== 'string' || !/^[1-5][0-9][0-9]$/.test(statusText)) {
    throw new ValidationError(`response.status ${JSON.stringify(result.status)} is not an HTTP status`);
  }
  const status = Number(statusText);
  if (result.statusDescription !== undefined
      && (typeof result.statusDescription !== 'string' || INVALID_VALUE.test(result.statusDescription))) {
    throw new ValidationError('response.statusDescription is not a single line of text');
  }
  const headers = checkHeaders(result.headers, 'response');
  for (const h of headers) {
    if (disallowedHeader(h.name)) throw new ValidationError(`response adds disallowed header ${h.name}`);
  }
  const encoding = result.bodyEncoding === undefined ? 'text' : result.bodyEncoding;
  if (encoding !== 'text' && encoding !== 'base64') {
    throw new ValidationError(`response.bodyEncoding ${JSON.stringify(result.bodyEncoding)} is neither text nor base64`);
  }
  if (result.body !== undefined && typeof result.body !== 'string') throw new ValidationError('response.body is not a string');
  const body = result.body === undefined ? Buffer.alloc(0) : Buffer.from(result.body, encoding === 'base64' ? 'base64' : 'utf8');
  if (status === 204 && body.length > 0) throw new ValidationError('a 204 response has a body');
  const size = body.length + headers.reduce((n, h) => n + h.key.length + h.value.length + 4, 0);
  if (size > GENERATED_RESPONSE_LIMIT) {
    throw new ValidationError(`generated response is ${size} bytes (headers + body); viewer request allows 40 KB`);
  }
  return { kind: 'response', status, statusDescription: result.statusDescription, headers, body };
}

// -> {kind: 'request', uri, querystring, method, headers}
function forwardedRequest(result, original) {
  if (typeof result.uri !== 'string' || !result.uri.startsWith('/')) {
    throw new ValidationError(`request.uri ${JSON.stringify(result.uri)} does not start with /`);
  }
  const headers = checkHeaders(result.headers, 'request');
  const values = (list) => JSON.stringify((list || []).map((e) => e.value));
  for (const h of headers) {
    // A disallowed header the viewer sent may pass through unchanged; adding or changing one is refused.
    if (disallowedHeader(h.name) && values(result.headers[h.name]) !== values(original.headers[h.name])) {
      throw new ValidationError(`request adds or changes disallowed header ${h.name}`);
    }
  }
  for (const name of READ_ONLY_REQUEST) {
    if (values((result.headers || {})[name]) !== values(original.headers[name])) {
      throw new ValidationError(`request changes read-only header ${name}`);
    }
  }
  if (result.method !== undefined && result.method !== original.method) {
    throw new ValidationError('request changes the read-only method');
  }
  return {
    kind: 'request',
    uri: result.uri,
    querystring: typeof result.querystring === 'string' ? result.querystring : '',
    method: original.method,
    headers,
  };
}

/** Classifies and checks the handler's result; throws ValidationError for what CloudFront would refuse. */
function interpret(result, originalRequest) {
  if (!result || typeof result !== 'object') throw new ValidationError('the function returned no object');
  if (result.status !== undefined) return generatedResponse(result);
  return forwardedRequest(result, originalRequest);
}

module.exports = { interpret, ValidationError, disallowedHeader };
