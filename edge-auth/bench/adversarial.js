'use strict';
// scripts/bench --adversarial: the deployable bundle's cost on worst-case inputs, each family relative to an
// ordinary request (a valid, never-seen token on a paid page) in the same process and run. Inputs stay within
// CloudFront's limits (request line + headers ≤ 20,480 bytes, URL ≤ 8,192). A benchmark, not a test: exit 0 whatever
// the figures, non-zero only when something breaks.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const fx = require('./fixtures.js');

const LIB = __dirname;
const ROOT = path.resolve(LIB, '..', '..');
const TARGET = path.join(LIB, 'target', 'adversarial');
const TARGET_RATIO = 10;
const SIGN_IN_DOMAIN = 'https://bench.auth.us-east-1.amazoncognito.com';

function fail(message) {
  console.error(`bench --adversarial: ${message}`);
  process.exit(1);
}

/** The bundle as a deploy builds it, for the bench's pool, with sign-in on and the log off (like the baseline). */
function build(keys) {
  fs.rmSync(TARGET, { recursive: true, force: true });
  fs.mkdirSync(TARGET, { recursive: true });
  fs.writeFileSync(path.join(TARGET, 'jwks.json'), JSON.stringify(keys.jwks));
  const config = {
    region: fx.REGION, userPoolId: fx.USER_POOL_ID, clientIds: [fx.CLIENT_ID], tokenUse: ['id', 'access'],
    clockSkewSeconds: 60, jwksFile: 'jwks.json', decisionLog: 'off',
    rules: [
      { path: '/premium/*', allow: [fx.PAYING_GROUP] },
      { path: '/downloads/*.pdf', allow: [fx.PAYING_GROUP] },
      { path: '/account/*', allow: 'signed-in' },
      { path: '/*', allow: 'public' },
    ],
    signIn: { domain: SIGN_IN_DOMAIN, clientId: fx.CLIENT_ID },
  };
  fs.writeFileSync(path.join(TARGET, 'site.json'), JSON.stringify(config, null, 2));
  const r = spawnSync(path.join(ROOT, 'scripts', 'edge-bundle'), ['--config', path.join(TARGET, 'site.json'),
    '--out-dir', TARGET], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (r.error || r.status !== 0) fail(`scripts/edge-bundle failed (${r.error ? r.error.message : 'exit ' + r.status})`);
  return path.join(TARGET, 'lambda-edge', 'index.js');
}

function signed(signing, claims) {
  const header = { kid: signing.kid, alg: 'RS256' };
  const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  const key = signing.keyObject || (signing.keyObject = crypto.createPrivateKey(signing.privatePem));
  return `${input}.${crypto.sign('RSA-SHA256', Buffer.from(input, 'latin1'), key).toString('base64url')}`;
}

function claims(now, extra) {
  return Object.assign({ sub: crypto.randomUUID(), 'cognito:groups': [fx.PAYING_GROUP], iss: fx.ISSUER,
    'cognito:username': 'bench', aud: fx.CLIENT_ID, token_use: 'id', auth_time: now - 60, exp: now + 3600,
    iat: now - 60, jti: crypto.randomUUID() }, extra);
}

/** One event builder per family; each call gives a fresh event (a forward edits its request in place). */
function families(signing, now) {
  const withHeader = (uri, name, value, extraHeaders) => () => {
    const e = fx.viewerRequest(uri);
    const headers = e.Records[0].cf.request.headers;
    if (name) headers[name.toLowerCase()] = [{ key: name, value }];
    if (extraHeaders) Object.assign(headers, JSON.parse(JSON.stringify(extraHeaders)));
    return e;
  };
  const navigation = { 'sec-fetch-mode': [{ key: 'Sec-Fetch-Mode', value: 'navigate' }],
    'sec-fetch-dest': [{ key: 'Sec-Fetch-Dest', value: 'document' }] };
  const manyCookieHeaders = { cookie: Array.from({ length: 1000 }, (_, i) => ({ key: 'Cookie', value: `c${i % 10}=1` })) };
  const manyHeaders = {};
  for (let i = 0; i < 700; i++) manyHeaders[`x-h-${i}`] = [{ key: `X-H-${i}`, value: 'v' }];
  // Signed per event (before the timer): an unseen token each time, so the verified-token cache never answers.
  const deepClaims = { deep: JSON.parse('['.repeat(2500) + ']'.repeat(2500)) };
  const wideClaims = {};
  for (let i = 0; i < 450; i++) wideClaims[`m${i}`] = i;
  const bearer = (extra) => () => {
    const e = fx.viewerRequest(fx.PREMIUM_URI, signed(signing, claims(now, extra)));
    return e;
  };
  const attempts = Array.from({ length: 500 }, (_, i) => `auth_attempt_${String(i).padStart(21, '0')}A=1.x.y`).join(';');
  const state = 'Ks7PZxq3L0mB9vTq1cWn2A';
  const callback = (qs, cookie) => () => {
    const e = fx.viewerRequest('/_auth/callback');
    const r = e.Records[0].cf.request;
    r.querystring = qs;
    Object.assign(r.headers, JSON.parse(JSON.stringify(navigation)));
    r.headers.cookie = [{ key: 'Cookie', value: cookie }];
    return e;
  };
  return [
    ['cookie: 19,000 ";"', withHeader(fx.PREMIUM_URI, 'Cookie', ';'.repeat(19000))],
    ['cookie: 19,000 "="', withHeader(fx.PREMIUM_URI, 'Cookie', '='.repeat(19000))],
    ['cookie: 2,000 pairs', withHeader(fx.PREMIUM_URI, 'Cookie', Array.from({ length: 2000 }, (_, i) => `c${i}=v`).join('; '))],
    ['cookie: 1,000 Cookie headers', withHeader(fx.PREMIUM_URI, null, null, manyCookieHeaders)],
    ['headers: 700 other headers', withHeader(fx.PREMIUM_URI, null, null, manyHeaders)],
    ['uri: 8,190 characters of %41', withHeader('/premium/' + '%41'.repeat(2727))],
    ['uri: %2e%2e%2e segments', withHeader('/premium/' + '%2e%2e%2e/'.repeat(818))],
    ['uri: 4,000 segments', withHeader('/premium/' + 'a/'.repeat(4090))],
    ['uri: backtracking against /downloads/*.pdf', withHeader('/downloads/' + 'a.pd'.repeat(2040))],
    ['token: 8,192 characters, no dots', withHeader(fx.PREMIUM_URI, 'Authorization', 'Bearer ' + 'A'.repeat(8192))],
    ['token: 8,192 characters of segments', withHeader(fx.PREMIUM_URI, 'Authorization', 'Bearer ' + ('A'.repeat(4094) + '.' + 'B'.repeat(4094) + '.' + 'C'.repeat(2)))],
    ['token: signed, 2,500-deep JSON', bearer(deepClaims)],
    ['token: signed, 450 extra members', bearer(wideClaims)],
    ['accept: 19,000 characters', withHeader(fx.PREMIUM_URI, 'Accept', 'a/b;q=0.1,'.repeat(1900))],
    ['navigation: 8 KB URI to sign in', withHeader('/premium/' + 'a'.repeat(4000), null, null, navigation)],
    ['callback: 8 KB query', callback(`state=${state}&code=c&` + 'x=y&'.repeat(2000), `auth_attempt_${state}=1.x.y`)],
    ['callback: 500 attempt cookies', callback(`state=${state}&code=c`, attempts)],
  ];
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main() {
  const rounds = 7;
  const perRound = 200;
  const now = Math.floor(Date.now() / 1000);
  const keys = fx.generateKeys();
  const handlerPath = build(keys);
  const { handler } = require(handlerPath);
  const ordinary = Array.from({ length: rounds * perRound + 200 }, (_, i) => fx.idToken(keys.signing, `o${i}`, now, [fx.PAYING_GROUP]));
  let next = 0;
  const ordinaryEvent = () => fx.viewerRequest(fx.PREMIUM_URI, ordinary[next++]);
  for (let i = 0; i < 200; i++) await handler(ordinaryEvent()); // warm-up, and a check of the ordinary path
  if (fx.outcome(await handler(fx.viewerRequest(fx.PREMIUM_URI, fx.idToken(keys.signing, 'check', now, [fx.PAYING_GROUP])))) !== 'forward') {
    fail('the ordinary request was not forwarded');
  }
  const list = families(keys.signing, now);
  const times = { ordinary: [] };
  for (const [name] of list) times[name] = [];
  const outcomes = {};
  for (const [name, make] of list) {
    for (let i = 0; i < 20; i++) outcomes[name] = fx.outcome(await handler(make())); // warm-up
  }
  for (let round = 0; round < rounds; round++) {
    const order = [['ordinary', ordinaryEvent], ...list];
    for (const [name, make] of order) {
      const events = Array.from({ length: perRound }, () => make());
      const started = process.hrtime.bigint();
      for (const event of events) await handler(event);
      times[name].push(Number(process.hrtime.bigint() - started) / 1000 / perRound);
    }
  }
  const base = median(times.ordinary);
  const rows = [['input family', 'answer', 'µs (median)', 'vs ordinary', `≤ ${TARGET_RATIO}×`]];
  rows.push(['ordinary: valid unseen token, paid page', 'forward', base.toFixed(1), '1.00×', '']);
  let worst = 0;
  for (const [name] of list) {
    const m = median(times[name]);
    const ratio = m / base;
    worst = Math.max(worst, ratio);
    rows.push([name, outcomes[name], m.toFixed(1), `${ratio.toFixed(2)}×`, ratio <= TARGET_RATIO ? 'PASS' : 'MISS']);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  console.log(`edge-auth adversarial benchmark: node ${process.version}, ${rounds} rounds × ${perRound} requests per family, decision log off, sign-in on`);
  for (const [i, r] of rows.entries()) {
    console.log(r.map((cell, c) => (c === 0 || c === 1 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  console.log(`worst family: ${worst.toFixed(2)}× an ordinary request (target ≤ ${TARGET_RATIO}×)`);
}

main().catch((e) => fail(e && e.stack ? e.stack : String(e)));
