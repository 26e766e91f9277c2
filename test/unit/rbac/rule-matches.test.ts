import * as assert from 'node:assert';
import { nonResourceURLMatches, ruleAllows, ruleMismatch, ruleMismatches, type Mismatch } from '../../../server/src/core/rbac/rule-matches';
import type { AccessRequest, PolicyRule } from '../../../server/src/core/rbac/types';
import { path, res, rule, urlRule } from './policy-builders';

interface Row {
  fact: string;
  rule: PolicyRule;
  request: AccessRequest;
  allowed: boolean;
  /** Every failing part when not allowed. */
  failed?: Mismatch[];
}

const podsGet = rule(['get'], [''], ['pods']);

// One row per bullet/consequence of RBAC-SEMANTICS 2.1.
const rows: Row[] = [
  // Verb
  { fact: 'verb: exact verb matches', rule: podsGet, request: res('get', '', 'pods'), allowed: true },
  { fact: 'verb: other verb does not match', rule: podsGet, request: res('list', '', 'pods'), allowed: false, failed: ['verb'] },
  { fact: 'verb: * matches every verb', rule: rule(['*'], [''], ['pods']), request: res('deletecollection', '', 'pods'), allowed: true },
  { fact: 'verb: * matches custom verbs (escalate)', rule: rule(['*'], [''], ['pods']), request: res('escalate', '', 'pods'), allowed: true },
  { fact: 'verb: case-sensitive, GET is not get', rule: rule(['GET'], [''], ['pods']), request: res('get', '', 'pods'), allowed: false, failed: ['verb'] },
  { fact: 'verb: case-sensitive, get is not GET', rule: podsGet, request: res('GET', '', 'pods'), allowed: false, failed: ['verb'] },
  { fact: 'verb: no prefix wildcard (ge*)', rule: rule(['ge*'], [''], ['pods']), request: res('get', '', 'pods'), allowed: false, failed: ['verb'] },
  { fact: 'verb: a rule without verbs matches nothing', rule: rule([], ['*'], ['*']), request: res('get', '', 'pods'), allowed: false, failed: ['verb'] },
  { fact: 'verb: opaque strings (bind)', rule: rule(['bind'], ['rbac.authorization.k8s.io'], ['clusterroles']), request: res('bind', 'rbac.authorization.k8s.io', 'clusterroles'), allowed: true },
  // API group
  { fact: 'group: "" is the core group', rule: podsGet, request: res('get', '', 'pods'), allowed: true },
  { fact: 'group: core rule does not grant apps', rule: rule(['get'], [''], ['deployments']), request: res('get', 'apps', 'deployments'), allowed: false, failed: ['apiGroup'] },
  { fact: 'group: exact group matches', rule: rule(['get'], ['apps'], ['deployments']), request: res('get', 'apps', 'deployments'), allowed: true },
  { fact: 'group: * matches every group', rule: rule(['get'], ['*'], ['deployments']), request: res('get', 'apps', 'deployments'), allowed: true },
  { fact: 'group: * matches the core group', rule: rule(['get'], ['*'], ['pods']), request: res('get', '', 'pods'), allowed: true },
  { fact: 'group: versions are not groups (apps/v1)', rule: rule(['get'], ['apps/v1'], ['deployments']), request: res('get', 'apps', 'deployments'), allowed: false, failed: ['apiGroup'] },
  { fact: 'group: empty apiGroups matches nothing', rule: rule(['get'], [], ['pods']), request: res('get', '', 'pods'), allowed: false, failed: ['apiGroup'] },
  // Resource
  { fact: 'resource: exact resource matches', rule: podsGet, request: res('get', '', 'pods'), allowed: true },
  { fact: 'resource: pods does not grant pods/status', rule: podsGet, request: res('get', '', 'pods/status'), allowed: false, failed: ['resource'] },
  { fact: 'resource: pods does not grant pods/exec', rule: rule(['create'], [''], ['pods']), request: res('create', '', 'pods/exec'), allowed: false, failed: ['resource'] },
  { fact: 'resource: pods does not grant pods/log', rule: podsGet, request: res('get', '', 'pods/log'), allowed: false, failed: ['resource'] },
  { fact: 'resource: pods/status does not grant pods', rule: rule(['get'], [''], ['pods/status']), request: res('get', '', 'pods'), allowed: false, failed: ['resource'] },
  { fact: 'resource: exact combined pods/log matches', rule: rule(['get'], [''], ['pods/log']), request: res('get', '', 'pods/log'), allowed: true },
  { fact: 'resource: * grants resources', rule: rule(['get'], [''], ['*']), request: res('get', '', 'secrets'), allowed: true },
  { fact: 'resource: * grants subresources', rule: rule(['create'], [''], ['*']), request: res('create', '', 'pods/exec'), allowed: true },
  { fact: 'resource: */scale grants deployments/scale', rule: rule(['update'], ['apps'], ['*/scale']), request: res('update', 'apps', 'deployments/scale'), allowed: true },
  { fact: 'resource: */scale grants statefulsets/scale', rule: rule(['update'], ['apps'], ['*/scale']), request: res('update', 'apps', 'statefulsets/scale'), allowed: true },
  { fact: 'resource: */scale does not grant the resource itself', rule: rule(['get'], ['apps'], ['*/scale']), request: res('get', 'apps', 'deployments'), allowed: false, failed: ['resource'] },
  { fact: 'resource: */scale does not grant another subresource', rule: rule(['get'], ['apps'], ['*/scale']), request: res('get', 'apps', 'deployments/status'), allowed: false, failed: ['resource'] },
  { fact: 'resource: */scale does not grant a subresource ending in scale', rule: rule(['get'], [''], ['*/scale']), request: res('get', '', 'widgets/rescale'), allowed: false, failed: ['resource'] },
  { fact: 'resource: pod* is not a wildcard', rule: rule(['get'], [''], ['pod*']), request: res('get', '', 'pods'), allowed: false, failed: ['resource'] },
  { fact: 'resource: */* is not a wildcard', rule: rule(['get'], [''], ['*/*']), request: res('get', '', 'pods/log'), allowed: false, failed: ['resource'] },
  { fact: 'resource: deployments/* matches nothing special (subresource)', rule: rule(['get'], ['apps'], ['deployments/*']), request: res('get', 'apps', 'deployments/scale'), allowed: false, failed: ['resource'] },
  { fact: 'resource: deployments/* matches nothing special (resource)', rule: rule(['get'], ['apps'], ['deployments/*']), request: res('get', 'apps', 'deployments'), allowed: false, failed: ['resource'] },
  { fact: 'resource: empty subresource is no subresource (*/ matches nothing)', rule: rule(['get'], [''], ['*/']), request: { kind: 'resource', verb: 'get', apiGroup: '', resource: 'pods', subresource: '' }, allowed: false, failed: ['resource'] },
  { fact: 'resource: empty subresource is no subresource (pods matches)', rule: podsGet, request: { kind: 'resource', verb: 'get', apiGroup: '', resource: 'pods', subresource: '' }, allowed: true },
  { fact: 'resource: resources are case-sensitive (Pods)', rule: rule(['get'], [''], ['Pods']), request: res('get', '', 'pods'), allowed: false, failed: ['resource'] },
  // Resource names
  { fact: 'names: empty list grants any name', rule: podsGet, request: res('get', '', 'pods', { name: 'web-0' }), allowed: true },
  { fact: 'names: listed name matches', rule: rule(['get'], [''], ['configmaps'], ['app']), request: res('get', '', 'configmaps', { name: 'app' }), allowed: true },
  { fact: 'names: other name does not match', rule: rule(['get'], [''], ['configmaps'], ['app']), request: res('get', '', 'configmaps', { name: 'other' }), allowed: false, failed: ['resourceName'] },
  { fact: 'names: list without a name never matches a named rule', rule: rule(['list'], [''], ['configmaps'], ['app']), request: res('list', '', 'configmaps'), allowed: false, failed: ['resourceName'] },
  { fact: 'names: watch without a name never matches a named rule', rule: rule(['watch'], [''], ['configmaps'], ['app']), request: res('watch', '', 'configmaps'), allowed: false, failed: ['resourceName'] },
  { fact: 'names: create never matches a named rule', rule: rule(['create'], [''], ['configmaps'], ['app']), request: res('create', '', 'configmaps'), allowed: false, failed: ['resourceName'] },
  { fact: 'names: deletecollection never matches a named rule', rule: rule(['deletecollection'], [''], ['configmaps'], ['app']), request: res('deletecollection', '', 'configmaps'), allowed: false, failed: ['resourceName'] },
  { fact: 'names: list with fieldSelector metadata.name carries the name', rule: rule(['list', 'watch'], [''], ['configmaps'], ['app']), request: res('list', '', 'configmaps', { name: 'app' }), allowed: true },
  { fact: 'names: names are exact (no prefix wildcard)', rule: rule(['get'], [''], ['configmaps'], ['app-*']), request: res('get', '', 'configmaps', { name: 'app-1' }), allowed: false, failed: ['resourceName'] },
  { fact: 'names: apply to subresources too', rule: rule(['create'], [''], ['pods/exec'], ['web-0']), request: res('create', '', 'pods/exec', { name: 'web-1' }), allowed: false, failed: ['resourceName'] },
  { fact: 'names: an unnamed request compares as "" (as the authorizer does)', rule: rule(['list'], [''], ['configmaps'], ['']), request: res('list', '', 'configmaps'), allowed: true },
  { fact: 'resource rules ignore nonResourceURLs', rule: { verbs: ['get'], apiGroups: [''], resources: ['pods'], nonResourceURLs: ['/nothing'] }, request: res('get', '', 'pods'), allowed: true },
  // Several parts failing at once
  { fact: 'all failing parts are reported', rule: rule(['get'], ['apps'], ['deployments'], ['web']), request: res('delete', '', 'pods'), allowed: false, failed: ['verb', 'apiGroup', 'resource', 'resourceName'] },
  // Non-resource URLs
  { fact: 'url: exact path matches', rule: urlRule(['get'], ['/healthz']), request: path('get', '/healthz'), allowed: true },
  { fact: 'url: other path does not match', rule: urlRule(['get'], ['/healthz']), request: path('get', '/livez'), allowed: false, failed: ['nonResourceURL'] },
  { fact: 'url: no implicit prefix (/healthz vs /healthz/etcd)', rule: urlRule(['get'], ['/healthz']), request: path('get', '/healthz/etcd'), allowed: false, failed: ['nonResourceURL'] },
  { fact: 'url: /apis/* matches /apis/v1', rule: urlRule(['get'], ['/apis/*']), request: path('get', '/apis/v1'), allowed: true },
  { fact: 'url: /apis/* matches /apis/', rule: urlRule(['get'], ['/apis/*']), request: path('get', '/apis/'), allowed: true },
  { fact: 'url: /apis/* does not match /apis', rule: urlRule(['get'], ['/apis/*']), request: path('get', '/apis'), allowed: false, failed: ['nonResourceURL'] },
  { fact: 'url: prefix match goes deep (/apis/* matches /apis/apps/v1)', rule: urlRule(['get'], ['/apis/*']), request: path('get', '/apis/apps/v1'), allowed: true },
  { fact: 'url: /api/*/* does not match /api/v1', rule: urlRule(['get'], ['/api/*/*']), request: path('get', '/api/v1'), allowed: false, failed: ['nonResourceURL'] },
  { fact: 'url: all trailing stars are stripped (/apis** matches /apis)', rule: urlRule(['get'], ['/apis**']), request: path('get', '/apis'), allowed: true },
  { fact: 'url: /healthz* matches /healthz and /healthzfoo', rule: urlRule(['get'], ['/healthz*']), request: path('get', '/healthzfoo'), allowed: true },
  { fact: 'url: * matches every path', rule: urlRule(['get'], ['*']), request: path('get', '/metrics'), allowed: true },
  { fact: 'url: * matches the empty path', rule: urlRule(['get'], ['*']), request: path('get', ''), allowed: true },
  { fact: 'url: verb is the lower-case HTTP method', rule: urlRule(['get'], ['/metrics']), request: path('GET', '/metrics'), allowed: false, failed: ['verb'] },
  { fact: 'url: verb * matches post', rule: urlRule(['*'], ['/metrics']), request: path('post', '/metrics'), allowed: true },
  { fact: 'url: path rules ignore groups/resources', rule: { verbs: ['get'], apiGroups: ['apps'], resources: ['x'], nonResourceURLs: ['/metrics'] }, request: path('get', '/metrics'), allowed: true },
  { fact: 'url: resource rule never grants a path', rule: rule(['*'], ['*'], ['*']), request: path('get', '/metrics'), allowed: false, failed: ['kind'] },
  { fact: 'url: path rule never grants a resource', rule: urlRule(['*'], ['*']), request: res('get', '', 'pods'), allowed: false, failed: ['kind'] },
];

describe('rule matching (RuleAllows)', () => {
  for (const row of rows) {
    it(row.fact, () => {
      assert.strictEqual(ruleAllows(row.rule, row.request), row.allowed);
      assert.deepStrictEqual(ruleMismatches(row.rule, row.request), row.failed ?? []);
      assert.strictEqual(ruleMismatch(row.rule, row.request), (row.failed ?? [])[0]);
    });
  }
});

describe('non-resource URL matching', () => {
  const table: [string, string, boolean][] = [
    ['*', '/anything', true],
    ['/a*', '/a', true],
    ['/a/*', '/a', false],
    ['/a/***', '/a/b/c', true],
    ['/a/b', '/a/b/', false],
    ['', '', true],
    ['', '/x', false],
  ];
  for (const [ruleURL, requestPath, expected] of table) {
    it(`${JSON.stringify(ruleURL)} vs ${JSON.stringify(requestPath)} → ${expected}`, () => assert.strictEqual(nonResourceURLMatches(ruleURL, requestPath), expected));
  }
});
