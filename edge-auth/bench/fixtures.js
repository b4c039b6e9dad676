'use strict';
// Test material for scripts/bench: fresh RSA keys and their JWKS, Cognito-shaped ID tokens signed with them, and
// CloudFront viewer-request events. Nothing here is timed; everything is made before a timed loop starts.
const crypto = require('node:crypto');

const REGION = 'us-east-1';
const USER_POOL_ID = 'us-east-1_BenchPool1';
const CLIENT_ID = '3n4b5urk1ft4fl3mg5e62d9ado';
const PAYING_GROUP = 'paying-customers';
const ISSUER = `https://cognito-idp.${REGION}.amazonaws.com/${USER_POOL_ID}`;
/** The protected page every protected scenario asks for (rule /premium/* → [paying-customers]). */
const PREMIUM_URI = '/premium/report.html';

/** Two RSA-2048 keys in the JWKS, as Cognito publishes, plus the private half of the one that signs. */
function generateKeys() {
  const keys = [0, 1].map(() => {
    const pair = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const kid = crypto.randomBytes(32).toString('base64'); // Cognito kids are base64 text
    return { kid, privatePem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }), publicKey: pair.publicKey };
  });
  const jwks = {
    keys: keys.map((k) => {
      const jwk = k.publicKey.export({ format: 'jwk' });
      return { alg: 'RS256', e: jwk.e, kid: k.kid, kty: 'RSA', n: jwk.n, use: 'sig' };
    }),
  };
  return { jwks, signing: { kid: keys[0].kid, privatePem: keys[0].privatePem } };
}

const b64url = (text) => Buffer.from(text, 'utf8').toString('base64url');

/**
 * An ID token shaped like Cognito's (same claims, same order), valid for an hour from nowSeconds.
 * `serial` makes every token distinct (sub, jti, event_id differ), so "unseen" really is unseen.
 */
function idToken(signing, serial, nowSeconds, groups) {
  const header = { kid: signing.kid, alg: 'RS256' };
  const sub = crypto.randomUUID();
  const claims = { sub };
  if (groups) claims['cognito:groups'] = groups;
  Object.assign(claims, {
    email_verified: true,
    iss: ISSUER,
    'cognito:username': `bench-user-${serial}`,
    origin_jti: crypto.randomUUID(),
    aud: CLIENT_ID,
    event_id: crypto.randomUUID(),
    token_use: 'id',
    auth_time: nowSeconds - 60,
    exp: nowSeconds + 3600,
    iat: nowSeconds - 60,
    jti: crypto.randomUUID(),
    email: `bench-user-${serial}@example.com`,
  });
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  const key = signing.keyObject || (signing.keyObject = crypto.createPrivateKey(signing.privatePem));
  const signature = crypto.sign('RSA-SHA256', Buffer.from(input, 'latin1'), key).toString('base64url');
  return `${input}.${signature}`;
}

/**
 * A viewer-request event as Lambda@Edge delivers it: a browser's usual headers, and the token (if any) in
 * `Authorization: Bearer`. A fresh object on every call: both handlers edit the forwarded request in place.
 */
function viewerRequest(uri, token) {
  const headers = {
    host: [{ key: 'Host', value: 'd111111abcdef8.cloudfront.net' }],
    'user-agent': [{
      key: 'User-Agent', value: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
    }],
    accept: [{ key: 'Accept', value: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' }],
    'accept-language': [{ key: 'Accept-Language', value: 'en-GB,en;q=0.5' }],
    'accept-encoding': [{ key: 'Accept-Encoding', value: 'gzip, deflate, br' }],
  };
  if (token !== undefined) headers.authorization = [{ key: 'Authorization', value: `Bearer ${token}` }];
  // Through JSON, as the Lambda runtime delivers it: flat strings (not concatenations), plain data objects.
  return JSON.parse(JSON.stringify({
    Records: [{
      cf: {
        config: {
          distributionDomainName: 'd111111abcdef8.cloudfront.net',
          distributionId: 'EDFDVBD6EXAMPLE',
          eventType: 'viewer-request',
          requestId: '4TyzHTaYWb1GX1qTfsHhEqV6HUDd_BzoBZnwfnvQc_1oF26ClkoUSEQ==',
        },
        request: { clientIp: '203.0.113.178', headers, method: 'GET', querystring: '', uri },
      },
    }],
  }));
}

/** "forward" for a request that goes on (and must carry no Authorization header), else the response's status. */
function outcome(result) {
  if (result && typeof result === 'object' && typeof result.uri === 'string' && result.status === undefined) {
    return result.headers && result.headers.authorization !== undefined ? 'forward-with-authorization' : 'forward';
  }
  return result && typeof result.status === 'string' ? result.status : `unexpected ${typeof result}`;
}

module.exports = {
  REGION, USER_POOL_ID, CLIENT_ID, PAYING_GROUP, ISSUER, PREMIUM_URI,
  generateKeys, idToken, viewerRequest, outcome,
};
