'use strict';
// One handler per process, as in a Lambda container: scripts/bench forks one of these per handler and drives them
// over IPC, one at a time, so interleaved rounds never compete for the CPU. Events are built and the young
// generation collected before each timed loop; inside it every result is checked (and dropped, as Lambda drops it),
// so a wrong decision fails the bench instead of flattering it. Started with --expose-gc; stdout goes to /dev/null
// (a decision log line costs its real write).
const { readFileSync } = require('node:fs');
const { viewerRequest, outcome, PREMIUM_URI } = require('./fixtures.js');

let handler;
let tokens;

/** Scenario name → how to build request i of round r, and the decision every request must get. */
const SCENARIOS = {
  'allow-unseen': { expect: 'forward', event: (r, i) => viewerRequest(PREMIUM_URI, tokens.allowUnseen[r][i]),
    count: (r) => tokens.allowUnseen[r].length },
  'allow-repeated': { expect: 'forward', event: () => viewerRequest(PREMIUM_URI, tokens.allowRepeated),
    count: () => tokens.repeats },
  'no-token-401': { expect: '401', event: () => viewerRequest(PREMIUM_URI, undefined), count: () => tokens.repeats },
  'no-group-403-repeated': { expect: '403', event: () => viewerRequest(PREMIUM_URI, tokens.denyRepeated),
    count: () => tokens.repeats },
  'no-group-403-unseen': { expect: '403', event: (r, i) => viewerRequest(PREMIUM_URI, tokens.denyUnseen[r][i]),
    count: (r) => tokens.denyUnseen[r].length },
};

/** Warm-up: the same paths with their own tokens, never the timed rounds' unseen ones. */
const WARMUP = {
  'allow-unseen': (i) => viewerRequest(PREMIUM_URI, tokens.warmAllow[i % tokens.warmAllow.length]),
  'allow-repeated': () => viewerRequest(PREMIUM_URI, tokens.allowRepeated),
  'no-token-401': () => viewerRequest(PREMIUM_URI, undefined),
  'no-group-403-repeated': () => viewerRequest(PREMIUM_URI, tokens.denyRepeated),
  'no-group-403-unseen': (i) => viewerRequest(PREMIUM_URI, tokens.warmDeny[i % tokens.warmDeny.length]),
};

function checkAll(results, expect, what) {
  for (let i = 0; i < results.length; i++) {
    const got = outcome(results[i]);
    if (got !== expect) throw new Error(`${what}: request ${i} got ${got}, expected ${expect}`);
  }
}

/** The decision a result stands for is checked inside the loop (a few property reads), so no result is kept alive. */
function wrong(result, expect) {
  return expect === 'forward'
    ? !(result && result.status === undefined && typeof result.uri === 'string'
      && result.headers.authorization === undefined)
    : !(result && result.status === expect);
}

async function run(scenario, round) {
  const s = SCENARIOS[scenario];
  const n = s.count(round);
  const expect = s.expect;
  const events = new Array(n);
  for (let i = 0; i < n; i++) events[i] = s.event(round, i);
  let firstWrong = -1;
  let wrongResult;
  // Two scavenges: the garbage of building the events is gone and the events themselves are promoted, so neither
  // is charged to the handler. Not a full gc(): that shrinks the young generation and flushes compiled code, which
  // slowed BOTH handlers by 30-100% in the rounds that followed (measured), a state no Lambda container is in.
  global.gc({ type: 'minor' });
  global.gc({ type: 'minor' });
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const result = await handler(events[i]);
    if (wrong(result, expect) && firstWrong < 0) {
      firstWrong = i;
      wrongResult = result;
    }
  }
  const ns = process.hrtime.bigint() - start;
  if (firstWrong >= 0) {
    throw new Error(`${scenario} round ${round}: request ${firstWrong} got ${outcome(wrongResult)},`
      + ` expected ${expect}`);
  }
  return { ns: ns.toString(), n };
}

async function warmup(perScenario) {
  // Only the unseen warm-up sets are short; cycling them is fine (the JIT warms, whatever a cache keeps).
  for (const [scenario, make] of Object.entries(WARMUP)) {
    const expect = SCENARIOS[scenario].expect;
    const n = scenario.endsWith('unseen') ? Math.min(perScenario, tokens.warmAllow.length) : perScenario;
    const results = new Array(n);
    for (let i = 0; i < n; i++) results[i] = await handler(make(i));
    checkAll(results, expect, `warm-up ${scenario}`);
  }
}

async function check(cases) {
  const got = [];
  for (const c of cases) got.push(outcome(await handler(viewerRequest(c.uri, c.token))));
  return got;
}

process.on('message', async (msg) => {
  try {
    let reply;
    if (msg.cmd === 'load') {
      handler = require(msg.module).handler;
      tokens = JSON.parse(readFileSync(msg.tokensFile, 'utf8'));
      reply = { loaded: true };
    } else if (msg.cmd === 'check') {
      reply = { outcomes: await check(msg.cases) };
    } else if (msg.cmd === 'warmup') {
      await warmup(msg.perScenario);
      reply = { warmed: true };
    } else if (msg.cmd === 'run') {
      reply = await run(msg.scenario, msg.round);
    } else {
      throw new Error(`unknown command ${msg.cmd}`);
    }
    process.send({ id: msg.id, ok: true, ...reply });
  } catch (e) {
    process.send({ id: msg.id, ok: false, error: String(e && e.stack || e) });
  }
});
