'use strict';
// --record-events: the viewer-request events the bundle received, one JSON line each, with every credential
// removed before it is written: Cookie and Authorization values keep only cookie names / the scheme, and every
// query-string value keeps only its length. Lets a test see the CloudFront shape a real browser produces
// (Sec-Fetch-*, Accept, the cookie names, the raw uri) without a token or cookie value ever landing in a file.

function redacted(value) {
  return `<redacted ${Buffer.byteLength(value)} bytes>`;
}

function redactCookie(value) {
  return value.split(';').map((part) => {
    const eq = part.indexOf('=');
    return eq < 0 ? redacted(part) : `${part.slice(0, eq)}=${redacted(part.slice(eq + 1))}`;
  }).join(';');
}

function redactAuthorization(value) {
  const space = value.indexOf(' ');
  return space < 0 ? redacted(value) : `${value.slice(0, space)} ${redacted(value.slice(space + 1))}`;
}

function redactQuery(querystring) {
  if (!querystring) return querystring;
  return querystring.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    return eq < 0 ? pair : `${pair.slice(0, eq)}=${redacted(pair.slice(eq + 1))}`;
  }).join('&');
}

/** A copy of the event safe to write down. */
function redactEvent(event) {
  const cf = event.Records[0].cf;
  const headers = {};
  for (const [name, entries] of Object.entries(cf.request.headers)) {
    const redact = name === 'cookie' ? redactCookie : name === 'authorization' ? redactAuthorization : null;
    headers[name] = entries.map((e) => ({ key: e.key, value: redact ? redact(e.value) : e.value }));
  }
  const request = { ...cf.request, headers, querystring: redactQuery(cf.request.querystring) };
  if (request.body) request.body = { ...request.body, data: redacted(request.body.data) };
  return { Records: [{ cf: { config: cf.config, request } }] };
}

module.exports = { redactEvent };
