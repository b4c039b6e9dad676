'use strict';
// HOSTED-UI STAND-IN. cognito-local 5.3.0 serves /oauth2/authorize (its sign-in form), /oauth2/token and the
// JWKS, but has no /logout and no /oauth2/revoke. This small server sits in front of it as the site's hosted-UI
// domain (http://127.0.0.1:9228 by default: 127.0.0.1, not localhost, so the hosted UI is cross-site to the site
// as it is in production) and adds those two endpoints, each doing the checks Cognito does:
//   GET  /logout?client_id=…&logout_uri=…   the client must exist in the pool and logout_uri must be one of its
//                                            LogoutURLs exactly (read with DescribeUserPoolClient) -> 302 to it;
//                                            otherwise 400. (cognito-local keeps no hosted-UI session, so there is
//                                            no session to end: the redirect is all there is.)
//   POST /oauth2/revoke  token, client_id   (form) -> cognito-local's RevokeToken API; 200 with an empty body,
//                                            or 400 {"error": …} for a missing parameter or unknown client.
// Everything else is proxied to cognito-local unchanged (method, path, query, headers, body).
// What it does not do is listed in scripts/src/local-site/README.md ("The hosted-UI stand-in").
//
// Usage: node hosted-ui-standin.js --port 9228 --cognito http://127.0.0.1:9229 --pool-id local_… --log FILE
const http = require('node:http');
const fs = require('node:fs');
const cognito = require('./cognito-api');

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || i + 1 >= argv.length) throw new Error(`hosted-ui-standin: bad argument ${argv[i]}`);
    args[argv[i].slice(2)] = argv[i + 1];
  }
  for (const required of ['port', 'cognito', 'pool-id', 'log']) {
    if (!args[required]) throw new Error(`hosted-ui-standin: --${required} is required`);
  }
  return args;
}

function send(res, status, headers, body) {
  res.writeHead(status, { 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}

function errorPage(res, status, error, description) {
  send(res, status, { 'Content-Type': 'text/html; charset=utf-8' },
    `<!DOCTYPE html><html><head><title>Error</title></head><body><h1>An error was encountered with the requested page.</h1>`
    + `<p>${error}: ${description}</p><p>(local hosted-UI stand-in)</p></body></html>`);
}

function oauthError(res, error, description) {
  send(res, 400, { 'Content-Type': 'application/json' }, JSON.stringify({ error, error_description: description }));
}

async function appClient(endpoint, poolId, clientId) {
  try {
    return (await cognito.call(endpoint, 'DescribeUserPoolClient', { UserPoolId: poolId, ClientId: clientId })).UserPoolClient;
  } catch (e) {
    if (e.type === 'ResourceNotFoundException') return null;
    throw e;
  }
}

async function logout(req, res, url, options) {
  const clientId = url.searchParams.get('client_id');
  const logoutUri = url.searchParams.get('logout_uri');
  if (!clientId) return errorPage(res, 400, 'invalid_request', 'client_id is required');
  const client = await appClient(options.cognito, options.poolId, clientId);
  if (!client) return errorPage(res, 400, 'invalid_client', 'no such app client');
  if (!logoutUri) {
    // Cognito's other form (redirect_uri + response_type: sign out, then show sign-in) is not modelled here.
    return errorPage(res, 400, 'invalid_request', 'logout_uri is required (the stand-in supports only the logout_uri form)');
  }
  if (!(client.LogoutURLs || []).includes(logoutUri)) {
    return errorPage(res, 400, 'redirect_mismatch', 'logout_uri is not a sign-out URL of this app client');
  }
  return send(res, 302, { Location: logoutUri }, '');
}

function readForm(req) {
  return new Promise((resolveForm, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > 64 * 1024) reject(new Error('body too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolveForm(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

async function revoke(req, res, options) {
  if (!String(req.headers['content-type'] || '').startsWith('application/x-www-form-urlencoded')) {
    req.resume();
    return oauthError(res, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
  }
  const form = await readForm(req);
  const token = form.get('token');
  let clientId = form.get('client_id');
  const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization || '');
  if (basic) clientId = Buffer.from(basic[1], 'base64').toString('utf8').split(':', 1)[0];
  if (!token) return oauthError(res, 'invalid_request', 'token is required');
  if (!clientId) return oauthError(res, 'invalid_client', 'client_id is required for a public client');
  const client = await appClient(options.cognito, options.poolId, clientId);
  if (!client) return oauthError(res, 'invalid_client', 'no such app client');
  try {
    await cognito.call(options.cognito, 'RevokeToken', { Token: token, ClientId: clientId });
  } catch (e) {
    // cognito-local answers NotAuthorizedException for a token it does not hold (never issued, already revoked,
    // or not a refresh token). RFC 7009 2.2, which Cognito's endpoint follows, answers 200 for an invalid token:
    // the client cannot act on it. So does the stand-in; the log says what happened.
    if (e.type !== 'NotAuthorizedException') throw e;
    options.log.write(`${new Date().toISOString()} revoke: token unknown to cognito-local (already revoked?) -> 200\n`);
  }
  return send(res, 200, {}, '');
}

function proxy(req, res, options) {
  const target = new URL(options.cognito);
  const upstream = http.request({
    host: target.hostname,
    port: target.port,
    method: req.method,
    path: req.url,
    headers: req.headers,
  }, (up) => {
    res.writeHead(up.statusCode, up.rawHeaders);
    up.pipe(res);
  });
  upstream.on('error', (e) => {
    if (!res.headersSent) errorPage(res, 502, 'upstream', `cognito-local is not reachable (${e.code || e.message})`);
    else res.destroy();
  });
  req.pipe(upstream);
}

function createStandin(options) {
  return http.createServer((req, res) => {
    const url = new URL(req.url, 'http://stand-in');
    const done = () => options.log.write(`${new Date().toISOString()} ${req.method} ${url.pathname} ${res.statusCode}\n`);
    res.on('finish', done);
    let work;
    if (url.pathname === '/logout' && req.method === 'GET') work = logout(req, res, url, options);
    else if (url.pathname === '/logout') work = Promise.resolve(errorPage(res, 405, 'invalid_request', 'use GET'));
    else if (url.pathname === '/oauth2/revoke' && req.method === 'POST') work = revoke(req, res, options);
    else if (url.pathname === '/oauth2/revoke') work = Promise.resolve(oauthError(res, 'invalid_request', 'use POST'));
    else return proxy(req, res, options);
    work.catch((e) => {
      options.log.write(`${new Date().toISOString()} stand-in error: ${e.message}\n`);
      if (!res.headersSent) errorPage(res, 500, 'server_error', 'the stand-in could not reach cognito-local');
    });
  });
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const log = fs.createWriteStream(args.log, { flags: 'a' });
  const server = createStandin({ cognito: args.cognito, poolId: args['pool-id'], log });
  server.on('error', (e) => {
    console.error(`hosted-ui-standin: cannot listen on 127.0.0.1:${args.port}: ${e.code || e.message}`);
    process.exit(1);
  });
  server.listen(Number(args.port), '127.0.0.1', () => {
    console.error(`hosted-ui-standin: http://127.0.0.1:${args.port} -> ${args.cognito} (adds /logout, /oauth2/revoke)`);
  });
  const stop = () => {
    setTimeout(() => process.exit(0), 2000).unref();
    server.closeAllConnections(); // a local tool: keep-alive connections need not drain
    server.close(() => log.end(() => process.exit(0)));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (require.main === module) {
  main();
}

module.exports = { createStandin };
