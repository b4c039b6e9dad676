'use strict';
// The distribution as cloudformation/templates/site.yaml declares it: cache behaviors (path pattern, allowed
// methods, whether the viewer-request function runs, IncludeBody), the default root object, and the headers of
// each behavior's response headers policy. Read from the template at start, so what the browser sees locally
// (the CSP above all) is what deploys; nothing here is copied by hand.
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

const READ_TEMPLATE = join(__dirname, 'read-template.py');

function loadTemplate(templatePath) {
  let text;
  try {
    text = execFileSync('python3', [READ_TEMPLATE, templatePath], { encoding: 'utf8', maxBuffer: 16 << 20 });
  } catch (e) {
    throw new Error(`cannot read ${templatePath} with python3 + PyYAML: ${(e.stderr || e.message || '').toString().trim()}`);
  }
  return JSON.parse(text);
}

function refName(value, what) {
  if (value && typeof value === 'object' && typeof value.Ref === 'string') return value.Ref;
  throw new Error(`${what}: expected !Ref to a resource of the template, found ${JSON.stringify(value)}`);
}

// Values for !Sub references in the template (the pseudo parameters; more with the gateway's --sub NAME=VALUE).
const substitutions = {
  'AWS::Region': 'us-east-1', 'AWS::Partition': 'aws', 'AWS::AccountId': '000000000000', 'AWS::StackName': 'local-site',
  'AWS::URLSuffix': 'amazonaws.com',
};

function plainString(value, what) {
  if (typeof value === 'string') return value;
  const sub = value && value['Fn::Sub'];
  if (typeof sub === 'string') {
    return sub.replace(/\$\{([^}!][^}]*)\}/g, (whole, name) => {
      if (substitutions[name] === undefined) {
        throw new Error(`${what}: \${${name}} has no local value; give it to the gateway with --sub ${name}=VALUE`
          + ' (scripts/local-site, start_service gateway)');
      }
      return substitutions[name];
    });
  }
  throw new Error(`${what}: expected a string or a !Sub string, found ${JSON.stringify(value)} (not modelled locally)`);
}

// Headers of one AWS::CloudFront::ResponseHeadersPolicy, as [{name, value, override}], plus headers it removes.
function responseHeaders(resources, policyId, what) {
  const resource = resources[policyId];
  if (!resource || resource.Type !== 'AWS::CloudFront::ResponseHeadersPolicy') {
    throw new Error(`${what}: ${policyId} is not an AWS::CloudFront::ResponseHeadersPolicy of the template`);
  }
  const config = resource.Properties.ResponseHeadersPolicyConfig || {};
  const add = [];
  const security = config.SecurityHeadersConfig || {};
  const hsts = security.StrictTransportSecurity;
  if (hsts) {
    let value = `max-age=${hsts.AccessControlMaxAgeSec}`;
    if (hsts.IncludeSubdomains) value += '; includeSubDomains';
    if (hsts.Preload) value += '; preload';
    add.push({ name: 'Strict-Transport-Security', value, override: !!hsts.Override });
  }
  if (security.ContentTypeOptions) {
    add.push({ name: 'X-Content-Type-Options', value: 'nosniff', override: !!security.ContentTypeOptions.Override });
  }
  if (security.FrameOptions) {
    add.push({ name: 'X-Frame-Options', value: plainString(security.FrameOptions.FrameOption, `${what} FrameOption`),
      override: !!security.FrameOptions.Override });
  }
  if (security.ReferrerPolicy) {
    add.push({ name: 'Referrer-Policy', value: plainString(security.ReferrerPolicy.ReferrerPolicy, `${what} ReferrerPolicy`),
      override: !!security.ReferrerPolicy.Override });
  }
  if (security.ContentSecurityPolicy) {
    add.push({ name: 'Content-Security-Policy',
      value: plainString(security.ContentSecurityPolicy.ContentSecurityPolicy, `${what} ContentSecurityPolicy`),
      override: !!security.ContentSecurityPolicy.Override });
  }
  if (security.XSSProtection) {
    const x = security.XSSProtection;
    let value = x.Protection ? '1' : '0';
    if (x.Protection && x.ModeBlock) value += '; mode=block';
    if (x.Protection && x.ReportUri) value += `; report=${x.ReportUri}`;
    add.push({ name: 'X-XSS-Protection', value, override: !!x.Override });
  }
  for (const item of (config.CustomHeadersConfig && config.CustomHeadersConfig.Items) || []) {
    add.push({ name: plainString(item.Header, `${what} custom header`), value: plainString(item.Value, `${what} ${item.Header}`),
      override: !!item.Override });
  }
  const remove = ((config.RemoveHeadersConfig && config.RemoveHeadersConfig.Items) || []).map((i) => i.Header.toLowerCase());
  const notModelled = ['CorsConfig', 'ServerTimingHeadersConfig'].filter((k) => config[k]);
  return { add, remove, notModelled };
}

// A CloudFront path pattern: '*' any run of characters (including '/'), '?' exactly one, case-sensitive.
function patternMatcher(pattern) {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  const re = new RegExp(`^${pattern.startsWith('/') || pattern.startsWith('*') ? '' : '/'}${source}$`);
  return (path) => re.test(path);
}

function behavior(resources, raw, pathPattern, what) {
  const viewerRequest = (raw.LambdaFunctionAssociations || []).find((a) => a.EventType === 'viewer-request');
  const policy = raw.ResponseHeadersPolicyId
    ? responseHeaders(resources, refName(raw.ResponseHeadersPolicyId, `${what}.ResponseHeadersPolicyId`), what)
    : { add: [], remove: [], notModelled: [] };
  return {
    pathPattern,
    matches: pathPattern === '*' ? () => true : patternMatcher(pathPattern),
    allowedMethods: (raw.AllowedMethods || ['GET', 'HEAD']).map(String),
    viewerRequest: !!viewerRequest,
    includeBody: !!(viewerRequest && viewerRequest.IncludeBody),
    responseHeaders: policy,
  };
}

// Returns {defaultRootObject, behaviors: [...ordered, default last], behaviorFor(path), notModelled: [...]}.
function readDistribution(templatePath) {
  const template = loadTemplate(templatePath);
  const resources = template.Resources || {};
  const distributions = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::CloudFront::Distribution');
  if (distributions.length !== 1) {
    throw new Error(`${templatePath}: expected exactly one AWS::CloudFront::Distribution, found ${distributions.length}`);
  }
  const [name, resource] = distributions[0];
  const config = resource.Properties.DistributionConfig;
  const behaviors = (config.CacheBehaviors || []).map((b, i) =>
    behavior(resources, b, plainString(b.PathPattern, `${name}.CacheBehaviors[${i}].PathPattern`), `${name}.CacheBehaviors[${i}]`));
  behaviors.push(behavior(resources, config.DefaultCacheBehavior, '*', `${name}.DefaultCacheBehavior`));
  const notModelled = [];
  if (config.CustomErrorResponses) notModelled.push('CustomErrorResponses');
  for (const b of behaviors) for (const k of b.responseHeaders.notModelled) notModelled.push(`${b.pathPattern}: ${k}`);
  return {
    name,
    defaultRootObject: typeof config.DefaultRootObject === 'string' ? config.DefaultRootObject : '',
    behaviors,
    behaviorFor: (path) => behaviors.find((b) => b.matches(path)),
    notModelled,
  };
}

module.exports = { readDistribution, patternMatcher, substitutions };
