'use strict';
// Signs a batch of distinct ID tokens in a worker thread (RSA signing is ~0.3 ms a token; the bench needs tens of
// thousands, so it uses both cores). Not timed.
const { parentPort, workerData } = require('node:worker_threads');
const { idToken } = require('./fixtures.js');

const { signing, jobs, nowSeconds } = workerData;
const out = jobs.map((job) => {
  const list = new Array(job.count);
  for (let i = 0; i < job.count; i++) list[i] = idToken(signing, `${job.label}-${i}`, nowSeconds, job.groups);
  return list;
});
parentPort.postMessage(out);
