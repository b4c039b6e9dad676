'use strict';
// The gateway's side of --engine jvm, against small node programs that speak edge-serve's line protocol: answers
// are matched by id whatever their order, and every way the process can fail rejects (the gateway's 503), never
// resolves to something forwardable. The real scripts/edge-serve runs under LocalSiteBrowserJvmIT.
const test = require('node:test');
const assert = require('node:assert/strict');
const { startJvmEngine } = require('../jvm-engine');

const quiet = { write() {} };

function program(source) {
  return [process.execPath, ['-e', source]];
}

// Answers each request after a delay that shrinks with its id, so later requests are answered first.
const REVERSING_SERVER = `
  const rl = require('node:readline').createInterface({ input: process.stdin });
  console.log(JSON.stringify({ ready: true }));
  rl.on('line', (line) => {
    const { id, event } = JSON.parse(line);
    setTimeout(() => {
      if (event.fail) console.log(JSON.stringify({ id, error: 'the reference failed: IllegalStateException' }));
      else console.log(JSON.stringify({ id, result: { uri: event.uri } }));
    }, 200 - id * 40);
  });`;

test('answers reach the request with their id, in whatever order they come back', async () => {
  const engine = await startJvmEngine(...program(REVERSING_SERVER), { log: quiet });
  try {
    const answers = await Promise.all(['/a', '/b', '/c'].map((uri) => engine.handler({ uri })));
    assert.deepEqual(answers, [{ uri: '/a' }, { uri: '/b' }, { uri: '/c' }]);
    await assert.rejects(engine.handler({ fail: true }), /the JVM reference failed: the reference failed/);
  } finally {
    await engine.close();
  }
});

test('a process that exits before it is ready rejects the start with the end of its stderr', async () => {
  await assert.rejects(
    startJvmEngine(...program("console.error('edge-serve: error: config: region is required'); process.exit(5)"),
      { log: quiet }),
    /exited \(5\) before it was ready: edge-serve: error: config: region is required/);
});

test('a command that cannot be started rejects the start', async () => {
  await assert.rejects(startJvmEngine('/nonexistent/edge-serve', [], { log: quiet }), /cannot start .*ENOENT/);
});

test('a process that dies later rejects what is pending and every later request, and says so once', async () => {
  let exits = 0;
  const engine = await startJvmEngine(...program(`
    console.log(JSON.stringify({ ready: true }));
    process.stdin.once('data', () => process.exit(3));`), { log: quiet, onExit: () => { exits += 1; } });
  await assert.rejects(engine.handler({ uri: '/a' }), /exited/);
  await assert.rejects(engine.handler({ uri: '/b' }), /not running/);
  assert.equal(exits, 1);
});

test('close() ends the process through its stdin without reporting an exit', async () => {
  let exits = 0;
  const engine = await startJvmEngine(...program(REVERSING_SERVER), { log: quiet, onExit: () => { exits += 1; } });
  await engine.close();
  assert.equal(exits, 0);
  await assert.rejects(engine.handler({ uri: '/a' }), /not running/);
});
