'use strict';
// A minimal client for the Cognito user-pool JSON API (X-Amz-Target) as cognito-local serves it. cognito-local
// checks no signature, so requests are unsigned; used by the hosted-UI stand-in and scripts/local-load only.

class CognitoApiError extends Error {
  constructor(type, message, status) {
    super(`${type}: ${message}`);
    this.type = type;
    this.status = status;
  }
}

async function call(endpoint, operation, body) {
  const res = await fetch(endpoint.replace(/\/$/, '') + '/', {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
    },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(5000),
  });
  const text = await res.text();
  let json = {};
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    throw new CognitoApiError('InvalidResponse', `${operation} answered HTTP ${res.status} with no JSON`, res.status);
  }
  if (!res.ok) {
    const type = String(json.__type || json.code || 'UnknownError').split('#').pop();
    throw new CognitoApiError(type, json.message || `HTTP ${res.status}`, res.status);
  }
  return json;
}

module.exports = { call, CognitoApiError };
