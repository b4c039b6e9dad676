'use strict';
// The private S3 origin as CloudFront reaches it through origin access control: only GET and HEAD, every request
// signed with SigV4 (OAC's "SigningBehavior: always"; moto, like S3, refuses anonymous reads of a private bucket),
// the key is the forwarded request's uri percent-decoded as S3 decodes it (a raw '+' is a space), the default root
// object for "/", nothing of the viewer's credentials (no cookies, no Authorization: the cache policy forwards no
// headers or cookies), and a missing key answers 403 AccessDenied because the distribution may not s3:ListBucket.
const http = require('node:http');
const { createHash, createHmac } = require('node:crypto');

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

// Object headers that reach the viewer; S3's own (x-amz-*, Server) stay behind, as behind CloudFront's cache.
const PASSED_HEADERS = ['content-type', 'content-length', 'etag', 'last-modified', 'cache-control', 'accept-ranges',
  'content-range', 'content-encoding', 'content-disposition', 'content-language', 'expires'];
// Viewer headers a conditional or ranged GET needs; none of them carries a credential.
const CONDITIONAL_HEADERS = ['if-none-match', 'if-modified-since', 'if-match', 'if-unmodified-since', 'range'];

function s3Error(status, code, message) {
  const body = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`);
  return { status, headers: [['Content-Type', 'application/xml']], body, stream: null };
}

/** The S3 key for a forwarded uri, or null when the percent-encoding is invalid. */
function keyFor(uri, defaultRootObject) {
  if (uri === '/' && defaultRootObject) return defaultRootObject;
  try {
    // S3 reads a raw '+' in the path as a space ('%2B' is a literal '+'); the authorizer's rules read it so too.
    return decodeURIComponent(uri.slice(1).replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

// SigV4 URI encoding: everything but A-Z a-z 0-9 - . _ ~ (and '/' between segments) percent-encoded.
function encodeKey(key) {
  return key.split('/').map((segment) => encodeURIComponent(segment)
    .replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())).join('/');
}

const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');
const hmac = (key, data) => createHmac('sha256', key).update(data).digest();

/** SigV4 headers for a body-less S3 request (dummy local credentials: moto checks the form, not the key). */
function signV4({ method, host, path, region = 'us-east-1', accessKey = 'local', secretKey = 'local', now = new Date() }) {
  const amzDate = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const signedHeaders = 'host;x-amz-content-sha256;x-amz-date';
  const canonical = [method, path, '', `host:${host}`, `x-amz-content-sha256:${EMPTY_SHA256}`, `x-amz-date:${amzDate}`,
    '', signedHeaders, EMPTY_SHA256].join('\n');
  const scope = `${day}/${region}/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonical).digest('hex')].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secretKey}`, day), region), 's3'), 'aws4_request');
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  return {
    'x-amz-date': amzDate,
    'x-amz-content-sha256': EMPTY_SHA256,
    authorization: `AWS4-HMAC-SHA256 Credential=${accessKey}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}

class S3Origin {
  constructor({ endpoint, bucket, defaultRootObject }) {
    this.endpoint = new URL(endpoint);
    this.bucket = bucket;
    this.defaultRootObject = defaultRootObject;
  }

  /**
   * Fetches the object for a forwarded request. Resolves to {status, headers: [[name, value]...], body|stream}.
   * @param forwarded {method, uri, headers: [{name, value}]}
   */
  fetch(forwarded) {
    if (forwarded.method !== 'GET' && forwarded.method !== 'HEAD') {
      return Promise.resolve(s3Error(403, 'AccessDenied', 'Access Denied'));
    }
    const key = keyFor(forwarded.uri, this.defaultRootObject);
    if (key === null) return Promise.resolve(s3Error(400, 'InvalidURI', 'Couldn&apos;t parse the specified URI.'));
    if (key === '') return Promise.resolve(s3Error(403, 'AccessDenied', 'Access Denied'));
    const path = `/${this.bucket}/${encodeKey(key)}`;
    const headers = signV4({ method: forwarded.method, host: this.endpoint.host, path });
    for (const h of forwarded.headers) {
      if (CONDITIONAL_HEADERS.includes(h.name)) headers[h.name] = h.value;
    }
    return new Promise((resolve, reject) => {
      const req = http.request({
        agent,
        host: this.endpoint.hostname,
        port: this.endpoint.port,
        method: forwarded.method,
        path,
        headers,
      }, (res) => {
        if (res.statusCode === 404) {
          res.resume();
          resolve(s3Error(403, 'AccessDenied', 'Access Denied'));
          return;
        }
        const out = [];
        for (const name of PASSED_HEADERS) {
          if (res.headers[name] !== undefined) out.push([name, res.headers[name]]);
        }
        resolve({ status: res.statusCode, headers: out, body: null, stream: res });
      });
      req.on('error', reject);
      req.end();
    });
  }
}

module.exports = { S3Origin, keyFor, encodeKey, signV4 };
