'use strict';
// Drives a Lambda@Edge bundle directory outside Lambda, for edge-replay, the conformance tests and the fuzzer.
// Usage: node edge-runner.js BUNDLE_DIR
// Reads one JSON line per event on stdin:
//   {"now": <epoch ms> | null, "random": <seed> | null, "answers": [<recorded Cognito answer per attempt>], "event": {...}}
// Writes one JSON line per event on stdout:
//   {"result": <what the handler returned>, "log": [<log lines>], "calls": [<each attempt at Cognito>],
//    "micros": <the handler's time inside this process>}
// The clock, the random bytes and Cognito are pinned here by replacing Date.now, crypto.randomBytes and fetch; the
// bundle itself is the one that deploys, unchanged, so index.js's own retries and timeouts are what run.
const crypto = require('node:crypto');
const path = require('node:path');
const readline = require('node:readline');

const realNow = Date.now;
let pinned = null;
Date.now = () => (pinned === null ? realNow() : pinned);

// PinnedRandom on the JVM draws exactly the same: draw k is the first n bytes of SHA-256(seed + ":" + k).
const realRandomBytes = crypto.randomBytes;
let seed = null;
let draws = 0;
crypto.randomBytes = (n, callback) => {
  if (seed === null || callback !== undefined) return realRandomBytes(n, callback);
  if (n > 32) throw new RangeError('at most 32 pinned random bytes per draw');
  const digest = crypto.createHash('sha256').update(seed + ':' + draws++, 'utf8').digest();
  return Buffer.from(digest.subarray(0, n));
};

// Recorded answers, one per attempt: {status, body} | {timeout: true} | {networkError: true}; none left = network
// error. Each attempt is recorded as {url, method, headers, body}, as RecordedTransport does on the JVM.
let answers = [];
let calls = [];
globalThis.fetch = async (url, init) => {
  calls.push({ url: String(url), method: init.method, headers: init.headers, body: init.body });
  const next = answers.shift();
  if (next !== undefined && next.timeout === true) {
    throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
  }
  if (next === undefined || next.networkError === true || typeof next.status !== 'number') {
    throw new TypeError('fetch failed');
  }
  const body = typeof next.body === 'string' ? next.body : next.body === undefined || next.body === null ? ''
    : JSON.stringify(next.body);
  return new Response(body, { status: next.status });
};

// index.js pauses 100 ms between attempts at Cognito; recorded answers need no pause, so timers run at once here
// (timing only: which attempts are made, and in what order, stays the bundle's own).
const realSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = (callback, delay, ...args) => realSetTimeout(callback, 0, ...args);

// The bundle logs to stdout (and console.log in its last-resort guard); stdout here carries the replies, so log
// lines are captured during a call and sent to stderr outside one.
let captured = null;
const writeReply = process.stdout.write.bind(process.stdout);
const capture = (text) => {
  for (const line of String(text).split('\n')) {
    if (line.length === 0) continue;
    if (captured) captured.push(line); else process.stderr.write(line + '\n');
  }
  return true;
};
process.stdout.write = capture;
console.log = (...args) => capture(args.map(String).join(' '));

const bundle = require(path.resolve(process.argv[2], 'index.js'));

(async () => {
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.length === 0) continue;
    const message = JSON.parse(line);
    pinned = typeof message.now === 'number' ? message.now : null;
    seed = typeof message.random === 'string' ? message.random : null;
    draws = 0;
    answers = Array.isArray(message.answers) ? message.answers.slice() : [];
    calls = [];
    captured = [];
    let reply;
    const started = process.hrtime.bigint();
    try {
      const result = await bundle.handler(message.event);
      reply = { result, log: captured, calls, micros: Number((process.hrtime.bigint() - started) / 1000n) };
    } catch (e) {
      reply = { error: String(e && e.name), log: captured, calls };
    }
    captured = null;
    writeReply(JSON.stringify(reply) + '\n');
  }
})();
