'use strict';
// Lambda@Edge entry point (handler "index.handler"): the TeaVM-compiled authorizer and its bundled config.json.
// No network and no environment at cold start: everything it needs is in this zip. The only network use is the
// sign-in flow's one call to Cognito's hosted-UI domain per step, which the core describes and this file performs.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const authorizer = require('./authorizer.js');

authorizer.configure(readFileSync(join(__dirname, 'config.json'), 'utf8'));

// Last line of fail-closed: should anything escape the Java core, answer 500, never forward.
const FAILED = () => ({
  status: '500',
  statusDescription: 'Internal Server Error',
  headers: {
    'cache-control': [{ key: 'Cache-Control', value: 'no-store' }],
    'content-type': [{ key: 'Content-Type', value: 'application/json' }],
  },
  bodyEncoding: 'text',
  body: '{"error":"internal_error","message":"The request could not be processed."}',
});

/** Cognito answers are small; anything larger is not a token endpoint answer. */
const MAX_ANSWER_BYTES = 64 * 1024;
const PAUSE_BETWEEN_ATTEMPTS_MS = 100;

/**
 * Performs a call as the core describes it ({purpose, method, url, headers, body, attempts, timeoutMillis}): each
 * attempt within its timeout; a further attempt (when allowed) only after a timeout, a network error or a 5xx.
 * Answers {status, body, attempts, elapsedMillis} or {failure: 'timeout' | 'network', attempts, elapsedMillis}.
 * Never throws, and never logs the call's body (it holds the code, the verifier or a refresh token).
 */
async function perform(call) {
  const started = Date.now();
  let answer;
  for (let attempt = 1; attempt <= call.attempts; attempt++) {
    if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, PAUSE_BETWEEN_ATTEMPTS_MS));
    try {
      const response = await fetch(call.url, {
        method: call.method,
        headers: call.headers,
        body: call.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(call.timeoutMillis),
      });
      const body = await response.text();
      answer = body.length > MAX_ANSWER_BYTES
        ? { failure: 'network', attempts: attempt }
        : { status: response.status, body, attempts: attempt };
      if (response.status < 500) break;
    } catch (e) {
      answer = { failure: e && e.name === 'TimeoutError' ? 'timeout' : 'network', attempts: attempt };
    }
  }
  answer.elapsedMillis = Date.now() - started;
  return answer;
}

exports.handler = async (event) => {
  try {
    const step = authorizer.handle(event);
    if (step.call === undefined) return step.result;
    const answer = await perform(step.call);
    return authorizer.resume(event, answer).result;
  } catch (e) {
    console.log(JSON.stringify({ decision: 'deny', status: 500, reason: 'internal error: ' + (e && e.name) }));
    return FAILED();
  }
};
