'use strict';
// scripts/local-load: N requests at a fixed concurrency through the running local site's gateway, once against a
// premium object with the paying demo user's ID token as the id_token cookie and once against a public object
// with the same cookie. Prints requests/s, p50/p99 latency, errors (must be 0), and how much of the gateway's
// time per request went into the bundle's handler() (from the gateway's access log: edge_us / total_us).
// A third run without the cookie (the edge answers 401 itself) shows the gateway and bundle without the origin.
// Not a test: a measurement. Usage: node load.js --state FILE [--requests N] [--concurrency C] [--warmup W]
const http = require('node:http');
const fs = require('node:fs');
const cognito = require('./cognito-api');

function parseArgs(argv) {
  const args = { requests: '5000', concurrency: '16', warmup: '200' };
  for (let i = 0; i < argv.length; i += 2) args[argv[i].replace(/^--/, '')] = argv[i + 1];
  for (const k of ['requests', 'concurrency', 'warmup']) {
    if (!/^[0-9]+$/.test(args[k])) throw new Error(`--${k} must be a whole number`);
    args[k] = Number(args[k]);
  }
  if (args.requests < 1 || args.concurrency < 1) throw new Error('--requests and --concurrency must be at least 1');
  return args;
}

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function run(site, path, cookie, total, concurrency, expected = 200) {
  const url = new URL(path, site);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies = [];
  const statuses = {};
  let errors = 0;
  let issued = 0;
  const one = () => new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const req = http.get({ agent, host: url.hostname, port: url.port, path: url.pathname,
      headers: cookie ? { cookie, accept: 'text/html' } : { accept: 'text/html' } }, (res) => {
      res.resume();
      res.on('end', () => {
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
        statuses[res.statusCode] = (statuses[res.statusCode] || 0) + 1;
        if (res.statusCode !== expected) errors++;
        resolve();
      });
    });
    req.on('error', () => { errors++; statuses.network = (statuses.network || 0) + 1; resolve(); });
  });
  const worker = async () => {
    while (issued < total) {
      issued++;
      await one();
    }
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { total, seconds, rps: total / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors, statuses };
}

// Access lines the gateway wrote for PATH after byte offset FROM: edge_us and total_us of each.
function gatewayTimes(accessLog, from, path) {
  const text = fs.readFileSync(accessLog).subarray(from).toString('utf8');
  const edge = [];
  let edgeSum = 0;
  let totalSum = 0;
  for (const line of text.split('\n')) {
    const parts = line.split(' ');
    if (parts[3] !== path) continue;
    const e = /edge_us=(\d+)/.exec(line);
    const t = /total_us=(\d+)/.exec(line);
    if (!e || !t) continue;
    edge.push(Number(e[1]));
    edgeSum += Number(e[1]);
    totalSum += Number(t[1]);
  }
  edge.sort((a, b) => a - b);
  return { lines: edge.length, edgeMeanUs: edgeSum / edge.length, edgeP50Us: percentile(edge, 50), share: edgeSum / totalSum,
    gatewayMeanUs: totalSum / edge.length };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const state = JSON.parse(fs.readFileSync(args.state, 'utf8'));
  const auth = await cognito.call(state.cognitoEndpoint, 'InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: state.clientId,
    AuthParameters: { USERNAME: state.users.paying.email, PASSWORD: state.users.paying.password },
  });
  const cookie = `id_token=${auth.AuthenticationResult.IdToken}`;
  const targets = [
    { name: 'premium', path: '/premium/index.html', cookie, expected: 200 },
    { name: 'public', path: '/index.html', cookie, expected: 200 },
    // For scale: the edge answers itself (401, no cookie), so no origin time is in the figures.
    { name: 'edge-401', path: '/premium/index.html', cookie: '', expected: 401 },
  ];
  console.log(`local-load: ${args.requests} requests per target, concurrency ${args.concurrency}, `
    + `${args.warmup} warm-up requests first; ${state.siteUrl} (cookie: the paying demo user's ID token)`);
  console.log('target    path                   req/s     p50 ms   p99 ms  errors  bundle µs/req (mean, p50)  bundle share of gateway time');
  let failed = false;
  for (const t of targets) {
    if (args.warmup) await run(state.siteUrl, t.path, t.cookie, args.warmup, args.concurrency, t.expected);
    const from = fs.statSync(state.accessLog).size;
    const r = await run(state.siteUrl, t.path, t.cookie, args.requests, args.concurrency, t.expected);
    await new Promise((resolve) => setTimeout(resolve, 200)); // let the gateway flush its access lines
    const g = gatewayTimes(state.accessLog, from, t.path);
    failed = failed || r.errors > 0;
    console.log(`${t.name.padEnd(9)} ${t.path.padEnd(20)} ${r.rps.toFixed(0).padStart(7)} ${r.p50.toFixed(2).padStart(9)}`
      + ` ${r.p99.toFixed(2).padStart(8)} ${String(r.errors).padStart(7)}  ${g.edgeMeanUs.toFixed(0).padStart(9)}, ${String(g.edgeP50Us).padStart(5)}`
      + `             ${(100 * g.share).toFixed(1)} % of ${g.gatewayMeanUs.toFixed(0)} µs`
      + (r.errors ? `   statuses ${JSON.stringify(r.statuses)}` : ''));
    if (g.lines < r.total) console.log(`  note: ${g.lines} of ${r.total} access lines found (other clients or a rotated log)`);
  }
  if (failed) {
    console.error('local-load: some requests failed (see the statuses above)');
    process.exit(1);
  }
}

main().catch((e) => {
  console.error(`local-load: ${e.message}`);
  process.exit(1);
});
