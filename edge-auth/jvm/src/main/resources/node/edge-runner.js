'use strict';
// Drives a Lambda@Edge bundle directory outside Lambda, for edge-replay, the conformance tests and the fuzzer.
// Usage: node edge-runner.js BUNDLE_DIR
// Reads one JSON line per event on stdin: {"now": <epoch ms> | null, "event": {...}}
// Writes one JSON line per event on stdout: {"result": <what the handler returned>, "log": [<log lines>]}
// The clock is pinned by replacing Date.now here; the bundle itself is the one that deploys, unchanged.
const path = require('node:path');
const readline = require('node:readline');

const realNow = Date.now;
let pinned = null;
Date.now = () => (pinned === null ? realNow() : pinned);

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
    captured = [];
    let reply;
    try {
      reply = { result: await bundle.handler(message.event), log: captured };
    } catch (e) {
      reply = { error: String(e && e.name), log: captured };
    }
    captured = null;
    writeReply(JSON.stringify(reply) + '\n');
  }
})();
