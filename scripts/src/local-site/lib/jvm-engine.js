'use strict';
// The JVM reference as the gateway's handler (--engine jvm): one `scripts/edge-serve --config FILE` process,
// spoken to in JSON lines ({"id", "event"} out, {"id", "result"|"error"} back). handler(event) resolves to what
// the reference returns, or rejects — which the gateway answers with CloudFront's 503, as it does a bundle throw.
const { spawn } = require('node:child_process');
const readline = require('node:readline');

/**
 * Starts the process; resolves to {handler, close} once it printed {"ready": true}, rejects if it exits first
 * (a bad config, a missing java: its stderr says which). onExit(code) is called if it dies later.
 */
function startJvmEngine(command, args, { onExit = () => {}, log = process.stderr } = {}) {
  return new Promise((resolveStart, rejectStart) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const pending = new Map();
    let nextId = 1;
    let ready = false;
    let exited = false;
    let closing = false;
    const stderrTail = [];
    // A write racing the process's exit fails with EPIPE; the exit handler already rejects what is pending.
    child.stdin.on('error', () => {});
    child.stderr.on('data', (chunk) => {
      log.write(chunk);
      stderrTail.push(String(chunk));
      if (stderrTail.length > 20) stderrTail.shift();
    });
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      let answer;
      try {
        answer = JSON.parse(line);
      } catch (e) {
        log.write(`jvm-engine: ignoring a line that is not JSON (${line.length} chars)\n`);
        return;
      }
      if (!ready && answer.ready === true) {
        ready = true;
        resolveStart({ handler, close });
        return;
      }
      const waiting = pending.get(answer.id);
      if (!waiting) return;
      pending.delete(answer.id);
      if (answer.error !== undefined || answer.result === undefined) {
        waiting.reject(new Error(`the JVM reference failed: ${answer.error}`));
      } else {
        waiting.resolve(answer.result);
      }
    });
    child.on('error', (e) => {
      exited = true;
      rejectStart(new Error(`cannot start ${command}: ${e.code || e.message}`));
    });
    child.on('exit', (code, signal) => {
      exited = true;
      for (const waiting of pending.values()) waiting.reject(new Error('the JVM reference exited'));
      pending.clear();
      if (!ready) {
        const why = stderrTail.join('').trim().split('\n').slice(-3).join(' ');
        rejectStart(new Error(`${command} exited (${signal || code}) before it was ready: ${why}`));
      } else if (!closing) {
        onExit(code, signal);
      }
    });

    function handler(event) {
      if (exited) return Promise.reject(new Error('the JVM reference is not running'));
      const id = nextId++;
      return new Promise((resolveAnswer, rejectAnswer) => {
        pending.set(id, { resolve: resolveAnswer, reject: rejectAnswer });
        child.stdin.write(`${JSON.stringify({ id, event })}\n`);
      });
    }

    function close() {
      if (exited) return Promise.resolve();
      closing = true;
      return new Promise((resolveClose) => {
        child.once('exit', () => resolveClose());
        child.stdin.end();
        setTimeout(() => child.kill('SIGTERM'), 2000).unref();
      });
    }
  });
}

module.exports = { startJvmEngine };
