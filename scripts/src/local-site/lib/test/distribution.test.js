'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { join } = require('node:path');
const { readDistribution, patternMatcher } = require('../distribution');
const { applyPolicy } = require('../gateway');

const SITE_TEMPLATE = join(__dirname, '../../../../../cloudformation/templates/site.yaml');

test('the distribution is read from site.yaml: behaviors in order, default last, root object, the policy', () => {
  const d = readDistribution(SITE_TEMPLATE);
  assert.equal(d.defaultRootObject, 'index.html');
  assert.deepEqual(d.behaviors.map((b) => b.pathPattern), ['/_auth/*', '/assets/*', '*']);
  for (const b of d.behaviors) {
    assert.equal(b.viewerRequest, true, `${b.pathPattern} runs the authorizer`);
  }
  // The sign-in paths take the sign-out and refresh forms' POST; the site's own content stays read-only.
  assert.deepEqual([...d.behaviors[0].allowedMethods].sort(),
    ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT']);
  assert.deepEqual(d.behaviors[1].allowedMethods, ['GET', 'HEAD']);
  assert.deepEqual(d.behaviors[2].allowedMethods, ['GET', 'HEAD']);
  assert.equal(d.behaviorFor('/_auth/signout').pathPattern, '/_auth/*');
  assert.equal(d.behaviorFor('/assets/site.css').pathPattern, '/assets/*');
  assert.equal(d.behaviorFor('/premium/index.html').pathPattern, '*');
  const names = d.behaviors[2].responseHeaders.add.map((h) => h.name);
  assert.deepEqual(names, ['Strict-Transport-Security', 'X-Content-Type-Options', 'X-Frame-Options', 'Referrer-Policy',
    'Content-Security-Policy', 'Permissions-Policy', 'Cross-Origin-Opener-Policy']);
  const csp = d.behaviors[2].responseHeaders.add.find((h) => h.name === 'Content-Security-Policy').value;
  assert.match(csp, /^default-src 'none'; .*form-action 'self'/);
  assert.doesNotMatch(csp, /\n/, 'the folded YAML block is one line');
});

test('CloudFront path patterns: * spans /, ? is one character, case-sensitive', () => {
  const m = patternMatcher('/assets/*');
  assert.equal(m('/assets/a/b.css'), true);
  assert.equal(m('/Assets/a.css'), false);
  assert.equal(patternMatcher('/a?c')('/abc'), true);
  assert.equal(patternMatcher('/a?c')('/abbc'), false);
  assert.equal(patternMatcher('images/*.jpg')('/images/x.jpg'), true);
});

test('response headers policy: Override replaces, otherwise only fills in', () => {
  const policy = { remove: ['server'], add: [
    { name: 'X-Frame-Options', value: 'DENY', override: true },
    { name: 'Referrer-Policy', value: 'no-referrer', override: false },
  ] };
  assert.deepEqual(applyPolicy([['x-frame-options', 'SAMEORIGIN'], ['Referrer-Policy', 'origin'], ['Server', 'moto']], policy),
    [['Referrer-Policy', 'origin'], ['X-Frame-Options', 'DENY']]);
  assert.deepEqual(applyPolicy([], policy), [['X-Frame-Options', 'DENY'], ['Referrer-Policy', 'no-referrer']]);
});

test('a !Sub in a header value takes the local value of each reference, and an unknown one is named', () => {
  const fs = require('node:fs');
  const os = require('node:os');
  const dir = fs.mkdtempSync(join(os.tmpdir(), 'local-site-sub-'));
  const template = join(dir, 'site.yaml');
  fs.writeFileSync(template, `Resources:
  Policy:
    Type: AWS::CloudFront::ResponseHeadersPolicy
    Properties:
      ResponseHeadersPolicyConfig:
        SecurityHeadersConfig:
          ContentSecurityPolicy:
            ContentSecurityPolicy: !Sub "form-action 'self' https://\${HostedUiDomain}; x \${AWS::Region}"
            Override: true
  Distribution:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        DefaultCacheBehavior:
          ResponseHeadersPolicyId: !Ref Policy
`);
  assert.throws(() => readDistribution(template), /\$\{HostedUiDomain\} has no local value; give it to the gateway with --sub/);
  const { substitutions } = require('../distribution');
  substitutions.HostedUiDomain = '127.0.0.1:9228';
  try {
    const csp = readDistribution(template).behaviors[0].responseHeaders.add[0];
    assert.equal(csp.value, "form-action 'self' https://127.0.0.1:9228; x us-east-1");
  } finally {
    delete substitutions.HostedUiDomain;
    fs.rmSync(dir, { recursive: true });
  }
});
