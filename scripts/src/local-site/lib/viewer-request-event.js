'use strict';
// One HTTP request as the CloudFront viewer-request event Lambda@Edge receives (GUIDE §1): Records[0].cf.config
// {distributionDomainName, distributionId, eventType, requestId} and Records[0].cf.request {clientIp, headers,
// method, querystring, uri}. Headers: lowercase name -> list of {key, value}, one entry per occurrence, in the
// order the viewer sent them, key spelled as sent. The uri and querystring are passed raw (no decoding, no "?").
const { randomBytes } = require('node:crypto');

// Hop-by-hop headers of the viewer's HTTP/1.1 connection (RFC 9110 7.6.1), and any the Connection header names:
// CloudFront terminates the connection (and offers no h2c upgrade), HTTP/2 and HTTP/3 viewers never send them,
// so the function does not see them. (Java's HttpClient, for one, sends "Upgrade: h2c" on HTTP/1.1.)
const CONNECTION_HEADERS = new Set(['connection', 'keep-alive', 'proxy-connection', 'upgrade', 'http2-settings', 'te']);

function requestId() {
  // CloudFront's ids are 56 characters of base64 ending in "=="; the exact alphabet does not matter to the core.
  return randomBytes(40).toString('base64');
}

function clientIp(socket) {
  const address = socket.remoteAddress || '';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

// The raw request-target split into path and query, as CloudFront hands them to the function.
function splitTarget(target) {
  let path = target;
  if (!path.startsWith('/')) {
    // absolute-form (http://host/path) from a proxy-style client: keep only the path part.
    const m = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*(.*)$/.exec(path);
    path = m ? m[1] || '/' : '/' + path;
  }
  const q = path.indexOf('?');
  return q < 0 ? { uri: path, querystring: '' } : { uri: path.slice(0, q), querystring: path.slice(q + 1) };
}

function headerMap(rawHeaders) {
  const hopByHop = new Set(CONNECTION_HEADERS);
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i].toLowerCase() === 'connection') {
      for (const token of rawHeaders[i + 1].split(',')) hopByHop.add(token.trim().toLowerCase());
    }
  }
  const headers = {};
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const key = rawHeaders[i];
    const name = key.toLowerCase();
    if (hopByHop.has(name)) continue;
    (headers[name] || (headers[name] = [])).push({ key, value: rawHeaders[i + 1] });
  }
  return headers;
}

/**
 * @param req node:http IncomingMessage
 * @param distribution {domainName, id}
 * @param body Buffer or null: only when the behavior's association has IncludeBody (CloudFront then passes it
 *        base64-encoded, read-only, truncated at 40 KB for viewer request)
 */
function viewerRequestEvent(req, distribution, body) {
  const { uri, querystring } = splitTarget(req.url);
  const request = {
    clientIp: clientIp(req.socket),
    headers: headerMap(req.rawHeaders),
    method: req.method,
    querystring,
    uri,
  };
  if (body) {
    const limit = 40 * 1024;
    request.body = {
      inputTruncated: body.length > limit,
      action: 'read-only',
      encoding: 'base64',
      data: body.subarray(0, limit).toString('base64'),
    };
  }
  return {
    Records: [{
      cf: {
        config: {
          distributionDomainName: distribution.domainName,
          distributionId: distribution.id,
          eventType: 'viewer-request',
          requestId: requestId(),
        },
        request,
      },
    }],
  };
}

module.exports = { viewerRequestEvent, splitTarget, headerMap };
