'use strict';
// One cold start for scripts/bench, staged the way the Lambda runtime stages one: a main module (not `node -e`, under
// which our bundle loads and decides 1.5-2 ms slower, the baseline not at all) that has its stdout stream before the
// handler loads (the runtime logs through it from its own start, so no handler pays for creating it), then loads
// the handler and calls it with the event JSON.parse'd from the invocation body. Prints
// "DECISION <status | forward>" when the handler's answer is in; the parent times spawn → that line.
// Usage: node cold-start.js <handler module> <event.json>      node cold-start.js   (bare: prints "DECISION bare")
const stdout = process.stdout;
const [handlerModule, eventFile] = process.argv.slice(2);
if (handlerModule === undefined) {
  stdout.write('DECISION bare\n');
} else {
  const body = require('node:fs').readFileSync(eventFile, 'utf8');
  const { handler } = require(handlerModule);
  handler(JSON.parse(body)).then((result) => stdout.write(`DECISION ${result.status || 'forward'}\n`));
}
