'use strict';
// The baseline scripts/bench compares edge-auth with: a minimal Lambda@Edge viewer-request handler built on npm
// aws-jwt-verify 5.2.1, doing the same job for the same site. Benchmark-only: never deployed, never copied into
// edge-auth. Like edge-auth, it reads its config (pool, client, JWKS) from a config.json beside it (Lambda@Edge has
// no environment variables) and never touches the network: the JWKS is cached up front, verification is verifySync.
//
// Rules, as the bench's site config has them: /premium/* needs the paying-customers group, /account/* any signed-in
// user, everything else is public. No token on a protected path: 401 (WWW-Authenticate: Bearer); a token that does
// not verify: 401 invalid_token; verified but not in the group: 403. A forwarded request loses its Authorization
// header. The token is read from `Authorization: Bearer` only (the bench's events carry no cookies).
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { CognitoJwtVerifier } = require('aws-jwt-verify');

const config = JSON.parse(readFileSync(join(__dirname, 'config.json'), 'utf8'));
const verifier = CognitoJwtVerifier.create({
  userPoolId: config.userPoolId, tokenUse: null, clientId: config.clientId,
});
verifier.cacheJwks(config.jwks);

function deny(status, description, extraHeaders, message) {
  return {
    status,
    statusDescription: description,
    headers: {
      'cache-control': [{ key: 'Cache-Control', value: 'no-store' }],
      'content-type': [{ key: 'Content-Type', value: 'application/json' }],
      ...extraHeaders,
    },
    bodyEncoding: 'text',
    body: JSON.stringify({ error: message }),
  };
}

function requiredGroup(uri) {
  if (uri.startsWith('/premium/')) return config.payingGroup;
  if (uri.startsWith('/account/')) return ''; // any signed-in user
  return undefined; // public
}

exports.handler = async (event) => {
  const request = event.Records[0].cf.request;
  const group = requiredGroup(request.uri);
  if (group !== undefined) {
    const authorization = request.headers.authorization;
    const value = authorization && authorization.length === 1 ? authorization[0].value : '';
    const token = value.length > 7 && value.slice(0, 7).toLowerCase() === 'bearer ' ? value.slice(7) : '';
    if (token === '') {
      return deny('401', 'Unauthorized', { 'www-authenticate': [{ key: 'WWW-Authenticate', value: 'Bearer' }] },
        'unauthorized');
    }
    let payload;
    try {
      payload = verifier.verifySync(token);
    } catch (e) {
      return deny('401', 'Unauthorized',
        { 'www-authenticate': [{ key: 'WWW-Authenticate', value: 'Bearer error="invalid_token"' }] }, 'invalid_token');
    }
    const groups = payload['cognito:groups'];
    if (group !== '' && !(Array.isArray(groups) && groups.includes(group))) {
      return deny('403', 'Forbidden', {}, 'forbidden');
    }
  }
  delete request.headers.authorization;
  return request;
};
