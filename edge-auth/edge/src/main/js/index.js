'use strict';
// Lambda@Edge entry point (handler "index.handler"): the TeaVM-compiled authorizer and its bundled config.json.
// No network and no environment at cold start: everything it needs is in this zip.
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

exports.handler = async (event) => {
  try {
    return authorizer.handle(event);
  } catch (e) {
    console.log(JSON.stringify({ decision: 'deny', status: 500, reason: 'internal error: ' + (e && e.name) }));
    return FAILED();
  }
};
