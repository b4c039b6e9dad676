'use strict';
// Build step (run by Maven right after TeaVM): marks the functions an ordinary first request runs for V8 to compile
// while it loads authorizer.js, instead of once each on first call, and gives the arrow functions it does not run a
// shape V8 pre-parses faster.
//
// Why: V8 compiles lazily. Loading a script only pre-parses each function; the first call parses it again in full and
// generates its bytecode. A cold start runs ~300 of TeaVM's functions once each, so it pays for each twice. V8
// compiles a function eagerly when its expression is wrapped in parentheses, `(function (…) {…})` — the "PIFE"
// heuristic Node's V8 has followed for years — so those functions are compiled in the one pass over the file.
// Everything else stays lazy: compiling all of it eagerly costs more than it saves.
//
// Which functions: the ones V8's own coverage sees run while a copy of the bundle is configured with a training config
// (sign-in on, like a deployed site) and answers what a container's first request usually is — a public page and a
// paying customer's page with a token (cookie and Authorization header), once unseen and once from the cache. Each
// is an arrow function `(a,b)=>…` rewritten to `(function(a,b){…})`; arrows that use `this`, `arguments`, `super` or
// `new.target` (where the two differ) are left alone, as are function declarations (constructors, a few µs).
//
// The functions that did not run stay lazy, but each arrow among them becomes a plain `function(a,b){…}`: V8
// pre-parses an arrow function markedly slower than a function expression of the same size (measured on this
// bundle: the ~300 arrows a cold start does not run, 37 KB, cost 0.6 ms more to load as arrows).
//
// Checked before writing: the rewritten bundle is loaded afresh and must give byte-identical answers to the same
// training requests. Any surprise (no executed function found, a decision not the expected one, a different answer)
// fails the build with a message; nothing is written then. Run twice on the same file it changes nothing (marker).
//
// Usage: node eager-compile.js <authorizer.js>      (rewrites the file in place)
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const inspector = require('node:inspector');

const MARKER = '// eager-compile: ';
const ISSUER = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Training1';
const CLIENT_ID = 'trainingclient0000000000000';
const HOST = 'd111111abcdef8.cloudfront.net';
const ARROW_HEAD = /^(\(\s*([\w$]+(\s*,\s*[\w$]+)*)?\s*\)|[\w$]+)\s*=>\s*/;
const DIFFERS_IN_ARROWS = /(?<![\w$.])(this|arguments|super)(?![\w$])|\bnew\.target\b/;

function fail(message) {
  console.error(`eager-compile: error: ${message}`);
  process.exit(1);
}

/** The training config, in the pre-validated form edge-bundle writes (BundledConfig, $bundleFormat 2). */
function trainingConfig(jwk) {
  return JSON.stringify({
    $bundleFormat: 2,
    region: 'us-east-1',
    userPoolId: 'us-east-1_Training1',
    issuer: ISSUER,
    clientIds: [CLIENT_ID],
    tokenUse: ['id', 'access'],
    clockSkewSeconds: 60,
    jwks: { keys: [jwk] },
    rules: [
      { path: '/premium/*', allow: ['paying-customers'] },
      { path: '/account/*', allow: 'signed-in' },
      { path: '/*', allow: 'public' },
    ],
    tokenCookies: ['id_token', 'access_token'],
    errorPageHtml: { 401: '<!DOCTYPE html><title>401</title>', 403: '<!DOCTYPE html><title>403</title>' },
    tokenCacheSize: 512,
    decisionLog: 'off',
    decisionLogDenialsPerSecond: 100,
    signIn: {
      domain: 'https://training.auth.us-east-1.amazoncognito.com',
      clientId: CLIENT_ID,
      scopes: ['openid', 'email', 'profile'],
      pathPrefix: '/_auth/',
      signedOutPath: '/',
      idTokenCookie: 'id_token',
      accessTokenCookie: 'access_token',
      refreshTokenCookie: 'refresh_token',
      refreshCookieMaxAgeSeconds: 2592000,
    },
    folderIndex: 'index.html',
  });
}

function idToken(privateKey, kid, serial) {
  const now = Math.floor(Date.now() / 1000);
  const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${part({ kid, alg: 'RS256' })}.${part({
    sub: `00000000-0000-4000-8000-00000000000${serial}`, 'cognito:groups': ['paying-customers'], iss: ISSUER,
    'cognito:username': `training-${serial}`, aud: CLIENT_ID, token_use: 'id', auth_time: now - 60, exp: now + 3600,
    iat: now - 60, jti: `training-${serial}`, email: `training-${serial}@example.com`,
  })}`;
  return `${input}.${crypto.sign('RSA-SHA256', Buffer.from(input), privateKey).toString('base64url')}`;
}

/** A fresh event, plain data as the Lambda runtime delivers it (the bundle edits what it forwards in place). */
function viewerRequest(uri, extraHeaders) {
  return JSON.parse(JSON.stringify({
    Records: [{
      cf: {
        config: { distributionDomainName: HOST, distributionId: 'ETRAINING', eventType: 'viewer-request',
          requestId: 'training' },
        request: {
          clientIp: '203.0.113.10', method: 'GET', querystring: '', uri,
          headers: {
            host: [{ key: 'Host', value: HOST }],
            accept: [{ key: 'Accept', value: 'text/html,application/xhtml+xml,*/*;q=0.8' }],
            'sec-fetch-mode': [{ key: 'Sec-Fetch-Mode', value: 'navigate' }],
            'sec-fetch-dest': [{ key: 'Sec-Fetch-Dest', value: 'document' }],
            ...extraHeaders,
          },
        },
      },
    }],
  }));
}

/** The requests and the outcome each must get. */
function trainingRequests() {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = 'training-key';
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
  const cookieToken = idToken(privateKey, kid, 1);
  const bearerToken = idToken(privateKey, kid, 2);
  const cookie = { cookie: [{ key: 'Cookie', value: `theme=dark; id_token=${cookieToken}` }] };
  const bearer = { authorization: [{ key: 'Authorization', value: `Bearer ${bearerToken}` }] };
  return {
    config: trainingConfig(jwk),
    requests: [
      { what: 'a public page', event: () => viewerRequest('/index.html', {}), expect: 'forward' },
      { what: 'a premium page, token in a cookie', event: () => viewerRequest('/premium/report.html', cookie),
        expect: 'forward' },
      { what: 'a premium page, token in a header', event: () => viewerRequest('/premium/', bearer),
        expect: 'forward' },
      { what: 'the same token again (cache)', event: () => viewerRequest('/premium/report.html', cookie),
        expect: 'forward' },
    ],
  };
}

/** Loads a copy of the bundle as its own module; answers its exports and the file it was loaded from. */
function load(source, name) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eager-compile-'));
  const file = path.join(dir, name);
  try {
    fs.writeFileSync(file, source);
    let bundle;
    try {
      bundle = require(file);
    } catch (e) {
      fail(`cannot load a copy of authorizer.js: ${e && e.message}`);
    }
    if (typeof bundle.configure !== 'function' || typeof bundle.handle !== 'function') {
      fail('the file exports no configure() and handle(): is it TeaVM\'s authorizer.js?');
    }
    return { bundle, file };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Configures the bundle and runs every training request; answers each result as JSON. */
function train(bundle, training) {
  bundle.configure(training.config);
  return training.requests.map((request) => {
    const step = bundle.handle(request.event());
    const result = step && step.result;
    const outcome = result && typeof result.uri === 'string' && result.status === undefined ? 'forward'
      : `status ${result && result.status}${step && step.call ? ' (a Cognito call)' : ''}`;
    if (outcome !== request.expect) {
      fail(`training request "${request.what}" got ${outcome}, expected ${request.expect}: does the training`
        + ' config in eager-compile.js still match BundledConfig?');
    }
    return JSON.stringify(result);
  });
}

/** [start, end, ran] of every function in `file`, from V8's precise coverage. */
async function coveredFunctions(source, training) {
  const session = new inspector.Session();
  session.connect();
  const post = (method, params) => new Promise((resolve, reject) => {
    session.post(method, params, (error, answer) => (error ? reject(error) : resolve(answer)));
  });
  await post('Profiler.enable');
  await post('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
  const { bundle, file } = load(source, 'authorizer.js');
  const answers = train(bundle, training);
  const { result } = await post('Profiler.takePreciseCoverage');
  await post('Profiler.stopPreciseCoverage');
  session.disconnect();
  const script = result.find((s) => s.url === file || s.url === `file://${file}`);
  if (!script) fail('V8 reported no coverage for the training copy of authorizer.js');
  const functions = script.functions
    .map((f) => f.ranges[0])
    .filter((r) => !(r.startOffset === 0 && r.endOffset >= source.length - 1)); // not the script itself
  return { ranges: functions.map((r) => [r.startOffset, r.endOffset, r.count > 0]), answers };
}

/**
 * The source with each executed arrow function rewritten as a parenthesised function expression (compiled eagerly),
 * and each arrow that did not run as a plain one (still lazy).
 */
function rewrite(source, ranges) {
  const edits = [];
  let rewritten = 0;
  let kept = 0;
  let plain = 0;
  for (const [start, end, ran] of ranges) {
    const text = source.slice(start, end);
    const head = ARROW_HEAD.exec(text);
    if (!head) { // a function declaration or expression already
      if (ran) kept++;
      continue;
    }
    if (DIFFERS_IN_ARROWS.test(text)) {
      if (ran) kept++;
      continue;
    }
    const params = head[1].startsWith('(') ? head[1] : `(${head[1]})`;
    const [open, close] = ran ? ['(', ')'] : ['', ''];
    if (source[start + head[0].length] === '{') {
      edits.push([start, head[0].length, `${open}function${params}`], [end, 0, close]);
    } else { // an expression body: the parenthesis keeps a body on the next line from ending the return
      edits.push([start, head[0].length, `${open}function${params}{return(`], [end, 0, `);}${close}`]);
    }
    if (ran) rewritten++;
    else plain++;
  }
  // One pass from the start. Two edits never overlap; where two insert at one offset (an arrow whose body is an
  // arrow ends where the inner one ends), the inner one, found later in source order, closes first.
  const order = edits.map((e, i) => [...e, i]).sort((a, b) => a[0] - b[0] || b[3] - a[3]);
  const pieces = [];
  let from = 0;
  for (const [at, remove, insert] of order) {
    pieces.push(source.slice(from, at), insert);
    from = at + remove;
  }
  pieces.push(source.slice(from));
  return { out: pieces.join(''), rewritten, kept, plain };
}

async function main() {
  const target = process.argv[2];
  if (!target || process.argv.length !== 3) fail('usage: node eager-compile.js <authorizer.js>');
  let source;
  try {
    source = fs.readFileSync(target, 'utf8');
  } catch (e) {
    fail(`cannot read ${target}: ${e.message}`);
  }
  if (source.startsWith(MARKER)) {
    console.log(`eager-compile: ${target} is already marked; unchanged`);
    return;
  }
  const training = trainingRequests();
  const { ranges, answers } = await coveredFunctions(source, training);
  const { out, rewritten, kept, plain } = rewrite(source, ranges);
  if (rewritten === 0) fail('no executed arrow function found to mark; has TeaVM changed its output?');
  const marked = `${MARKER}${rewritten} functions marked for eager compilation, ${plain} unrun arrows made plain`
    + ` functions\n${out}`;
  const again = train(load(marked, 'authorizer-marked.js').bundle, training);
  answers.forEach((answer, i) => {
    if (again[i] !== answer) fail(`the marked bundle answers "${training.requests[i].what}" differently`);
  });
  fs.writeFileSync(target, marked);
  const ran = ranges.filter(([, , r]) => r).length;
  console.log(`eager-compile: ${rewritten} of the ${ran} functions a first request runs marked for eager`
    + ` compilation (${kept} left lazy); ${plain} of the arrows it does not run made plain functions;`
    + ` ${source.length} → ${marked.length} bytes`);
}

main().catch((e) => fail(e && e.stack ? e.stack : String(e)));
