import * as assert from 'assert';
import { rbac001 } from '../../../server/src/core/checks/rules/rbac001-unknown-verb';
import { rbac002 } from '../../../server/src/core/checks/rules/rbac002-resource-not-in-group';
import { rbac003 } from '../../../server/src/core/checks/rules/rbac003-unknown-resource';
import { rbac004 } from '../../../server/src/core/checks/rules/rbac004-version-in-api-groups';
import { rbac022 } from '../../../server/src/core/checks/rules/rbac022-unsupported-verb';
import { assertFixClears, compact, run, runAll } from '../../helpers/check-harness';
import { lineOf, positionOf } from '../../helpers/text-position';

/** The mistakes of the RBAC guide that newcomers make, each in the spelling people really write. */
const role = (rules: string, kind = 'Role') => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata:
  name: app
${kind === 'Role' ? '  namespace: shop\n' : ''}rules:
${rules}`;

const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions: [{name: v1}]
`;

describe('classic mistake: apiGroups ["core"] (RBAC004)', () => {
  const text = role('# the core group\n- apiGroups: ["core"]\n  resources: ["pods"]\n  verbs: ["get"]\n');
  it('is an error at the group, with "" as the fix', () => {
    const findings = run(rbac004, { '/w/r.yaml': text });
    assert.deepStrictEqual(compact(findings), [{ code: 'RBAC004', line: lineOf(text, '"core"'), severity: 'error' }]);
    assert.deepStrictEqual(findings[0].range.start, positionOf(text, '"core"'));
    assert.deepStrictEqual(findings[0].fixes.map((f) => f.title), ['Change to ""']);
  });
  it('fixes to "" (block style too); core/v1 becomes "" as well', () => {
    assert.ok(assertFixClears(rbac004, { '/w/r.yaml': text })['/w/r.yaml'].includes('- apiGroups: [""]\n'));
    const block = role('- apiGroups:\n  - core\n  resources:\n  - pods\n  verbs:\n  - get\n');
    assert.ok(assertFixClears(rbac004, { '/w/r.yaml': block })['/w/r.yaml'].includes('  - ""\n'));
    const versioned = role('- apiGroups: ["core/v1"]\n  resources: ["pods"]\n  verbs: ["get"]\n');
    assert.deepStrictEqual(run(rbac004, { '/w/r.yaml': versioned }).map((f) => f.fixes[0].title), ['Change to ""']);
  });
  it('is information, removing the entry, when "" is listed too', () => {
    const both = role('- apiGroups: ["", "core"]\n  resources: ["pods"]\n  verbs: ["get"]\n');
    assert.deepStrictEqual(compact(run(rbac004, { '/w/r.yaml': both })).map((f) => f.severity), ['information']);
    assert.ok(assertFixClears(rbac004, { '/w/r.yaml': both })['/w/r.yaml'].includes('- apiGroups: [""]\n'));
  });
  it('is silent when a CRD serves a group called core, and on groups merely containing the word', () => {
    const coreCrd = crd.replace('group: example.com', 'group: core').replace('widgets.example.com', 'widgets.core');
    assert.deepStrictEqual(run(rbac004, { '/w/r.yaml': text.replace('"pods"', '"widgets"'), '/w/crd.yaml': coreCrd }), []);
    assert.deepStrictEqual(run(rbac004, { '/w/r.yaml': role('- apiGroups: ["core.example.com", "coredns.io"]\n  resources: ["*"]\n  verbs: ["get"]\n') }), []);
  });
});

describe('classic mistake: verbs read, view, readonly, write (RBAC001)', () => {
  const text = role('- apiGroups: [""]\n  resources: ["pods"]\n  verbs: ["read", "view", "readonly", "write"]\n');
  it('reports each word on a built-in resource, with the verbs it stands for', () => {
    const findings = run(rbac001, { '/w/r.yaml': text });
    assert.deepStrictEqual(findings.map((f) => [f.severity, f.fixes[0].title]), [
      ['warning', 'Change to get, list, watch'],
      ['warning', 'Change to get, list, watch'],
      ['warning', 'Change to get, list, watch'],
      ['warning', 'Change to create, update, patch, delete'],
    ]);
    assert.deepStrictEqual(findings.map((f) => f.range.start), ['"read"', '"view"', '"readonly"', '"write"'].map((w) => positionOf(text, w)));
  });
  it('writes only the verbs the resources support, and only informs when they are all listed', () => {
    const logs = role('- apiGroups: [""]\n  resources: ["pods/log"]\n  verbs: ["read"]\n');
    assert.deepStrictEqual(run(rbac001, { '/w/r.yaml': logs }).map((f) => f.fixes[0].title), ['Change to get']);
    const listed = role('- apiGroups: [""]\n  resources: ["pods"]\n  verbs: ["get", "list", "watch", "read"]\n');
    assert.deepStrictEqual(compact(run(rbac001, { '/w/r.yaml': listed })).map((f) => f.severity), ['information']);
    assertFixClears(rbac001, { '/w/r.yaml': listed });
  });
  it('judges a workspace CRD (its verbs are known), but not resources of unknown groups', () => {
    const widgets = role('- apiGroups: ["example.com"]\n  resources: ["widgets"]\n  verbs: ["view"]\n');
    assert.strictEqual(run(rbac001, { '/w/r.yaml': widgets, '/w/crd.yaml': crd }).length, 1);
    assert.deepStrictEqual(run(rbac001, { '/w/r.yaml': widgets }), []);
    assert.deepStrictEqual(run(rbac001, { '/w/r.yaml': role('- apiGroups: ["eventing.knative.dev"]\n  resources: ["brokers"]\n  verbs: ["knsubscribe", "read"]\n') }), []);
  });
  it('fixes in flow and block style, keeping comments, and the rule then grants the verbs', () => {
    const after = assertFixClears(rbac001, { '/w/r.yaml': role('- apiGroups: [""]\n  resources: ["pods"]\n  verbs: ["read"] # for the dashboard\n') })['/w/r.yaml'];
    assert.ok(after.includes('verbs: ["get", "list", "watch"] # for the dashboard'), after);
    const block = assertFixClears(rbac001, { '/w/r.yaml': role('- apiGroups: [""]\n  resources: ["pods"]\n  verbs:\n  - write\n') })['/w/r.yaml'];
    assert.ok(block.endsWith('  verbs:\n  - create\n  - update\n  - patch\n  - delete\n'), block);
  });
});

describe('all problems of a rule at once: `core` and `read` (RBAC004 and RBAC001)', () => {
  const text = role('- apiGroups: ["core"]\n  resources: ["pods"]\n  verbs: ["read"]\n');
  const problems = (files: Record<string, string>) => runAll(files).filter((f) => f.code === 'RBAC001' || f.code === 'RBAC004');
  it('reports both, once each, at their own entries', () => {
    const findings = problems({ '/w/r.yaml': text });
    assert.deepStrictEqual(findings.map((f) => [f.code, f.range.start]).sort(), [['RBAC001', positionOf(text, '"read"')], ['RBAC004', positionOf(text, '"core"')]]);
    assert.deepStrictEqual(run(rbac001, { '/w/r.yaml': text }).map((f) => f.fixes[0].title), ['Change to get, list, watch']);
    const versioned = role('- apiGroups: ["apps/v1"]\n  resources: ["deployments"]\n  verbs: ["view"]\n');
    assert.deepStrictEqual(problems({ '/w/r.yaml': versioned }).map((f) => f.code).sort(), ['RBAC001', 'RBAC004']);
  });
  it('stays silent on `read` where the meant groups are still unknown; a CRD group `core` is taken as written', () => {
    const mixed = role('- apiGroups: ["core", "eventing.knative.dev"]\n  resources: ["brokers"]\n  verbs: ["read"]\n');
    assert.deepStrictEqual(run(rbac001, { '/w/r.yaml': mixed }), []);
    const coreCrd = crd.replace(/example\.com/g, 'core');
    const unserved = role('- apiGroups: ["core"]\n  resources: ["gizmos"]\n  verbs: ["read"]\n');
    assert.deepStrictEqual(problems({ '/w/r.yaml': unserved, '/w/crd.yaml': coreCrd }), []);
    const served = role('- apiGroups: ["core"]\n  resources: ["widgets"]\n  verbs: ["read"]\n');
    assert.deepStrictEqual(problems({ '/w/r.yaml': served, '/w/crd.yaml': coreCrd }).map((f) => f.code), ['RBAC001']);
  });
  it('each fix clears its own finding and leaves the other one standing', () => {
    const afterVerb = assertFixClears(rbac001, { '/w/r.yaml': text });
    assert.deepStrictEqual(problems(afterVerb).map((f) => f.code), ['RBAC004']);
    const afterGroup = assertFixClears(rbac004, { '/w/r.yaml': text });
    assert.deepStrictEqual(problems(afterGroup).map((f) => f.code), ['RBAC001']);
    const both = assertFixClears(rbac004, afterVerb);
    assert.deepStrictEqual(problems(both), []);
  });
});

describe('classic mistake: singular, Kind and short names in the core group (RBAC003)', () => {
  const text = role('- apiGroups: [""]\n  resources: ["deployment", "Deployment", "deploy", "job"]\n  verbs: ["get"]\n');
  it('reports each as RBAC003 with the plural and its group', () => {
    const findings = run(rbac003, { '/w/r.yaml': text });
    assert.deepStrictEqual(findings.map((f) => f.range.start), ['"deployment"', '"Deployment"', '"deploy"', '"job"'].map((w) => positionOf(text, w)));
    assert.ok(findings.every((f) => f.severity === 'warning'));
    assert.match(findings[3].message, /Did you mean `jobs`, served by `batch`\?/);
    assert.deepStrictEqual(run(rbac002, { '/w/r.yaml': text }), [], 'not RBAC002 as well');
  });
  it('changes name and group in place when the rule holds only that resource', () => {
    const single = role('- apiGroups: [""]  # core\n  resources: ["deploy"]\n  verbs: ["get"]\n');
    const after = assertFixClears(rbac003, { '/w/r.yaml': single })['/w/r.yaml'];
    assert.ok(after.includes('- apiGroups: ["apps"]  # core\n  resources: ["deployments"]\n'), after);
    assert.deepStrictEqual(runAll({ '/w/r.yaml': after }).filter((f) => f.severity !== 'information'), []);
  });
  it('moves the resource to its own rule when the group serves others of the rule', () => {
    const mixed = role('- apiGroups: [""]\n  resources: ["pods", "job"]\n  verbs: ["get"]\n');
    const after = assertFixClears(rbac003, { '/w/r.yaml': mixed })['/w/r.yaml'];
    assert.ok(after.endsWith('- apiGroups: [""]\n  resources: ["pods"]\n  verbs: ["get"]\n- apiGroups: ["batch"]\n  resources: ["jobs"]\n  verbs: ["get"]\n'), after);
  });
  it('does not guess across groups from a mere typo, and leaves unknown groups alone', () => {
    assert.deepStrictEqual(run(rbac003, { '/w/r.yaml': role('- apiGroups: [""]\n  resources: ["deploymnts"]\n  verbs: ["get"]\n') }), []);
    assert.deepStrictEqual(run(rbac003, { '/w/r.yaml': role('- apiGroups: ["example.io"]\n  resources: ["deploy"]\n  verbs: ["get"]\n') }), []);
  });
});

describe('classic mistake: subresources that built-in resources lack (RBAC003)', () => {
  const text = role('- apiGroups: [""]\n  resources: ["configmaps", "configmaps/status"]\n  verbs: ["get", "update"]\n');
  it('reports configmaps/status', () => {
    const findings = run(rbac003, { '/w/r.yaml': text });
    assert.deepStrictEqual(compact(findings), [{ code: 'RBAC003', line: lineOf(text, 'configmaps/status'), severity: 'warning' }]);
    assert.deepStrictEqual(findings[0].range.start, positionOf(text, '"configmaps/status"'));
  });
  it('removes the entry, or the rule when it is the only resource', () => {
    assert.ok(assertFixClears(rbac003, { '/w/r.yaml': text })['/w/r.yaml'].includes('resources: ["configmaps"]\n'));
    const alone = role('- apiGroups: [""]\n  resources: ["pods"]\n  verbs: ["get"]\n- apiGroups: [""]\n  resources: ["configmaps/status"]\n  verbs: ["update"]\n');
    assert.ok(assertFixClears(rbac003, { '/w/r.yaml': alone })['/w/r.yaml'].endsWith('rules:\n- apiGroups: [""]\n  resources: ["pods"]\n  verbs: ["get"]\n'));
  });
  it('only informs about a subresource Kubernetes removed (deployments/rollback)', () => {
    const rollback = role('- apiGroups: ["apps"]\n  resources: ["deployments", "deployments/rollback"]\n  verbs: ["create"]\n');
    const findings = run(rbac003, { '/w/r.yaml': rollback });
    assert.deepStrictEqual(compact(findings).map((f) => f.severity), ['information']);
    assert.match(findings[0].message, /removed in Kubernetes 1\.16/);
  });
  it('is silent on real and permission-only subresources and on CRD subresources', () => {
    const fine = role('- apiGroups: [""]\n  resources: ["pods/status", "nodes/stats", "services/finalizers", "endpoints/restricted"]\n  verbs: ["get"]\n- apiGroups: ["discovery.k8s.io"]\n  resources: ["endpointslices/restricted"]\n  verbs: ["create"]\n- apiGroups: ["example.com"]\n  resources: ["widgets/status"]\n  verbs: ["get"]\n');
    assert.deepStrictEqual(run(rbac003, { '/w/r.yaml': fine, '/w/crd.yaml': crd }), []);
  });
});

describe('classic mistake: the proxy verb (RBAC022)', () => {
  const text = role('- apiGroups: [""]\n  resources: ["services"]\n  verbs: ["proxy"]\n');
  it('reports proxy on services, pods and nodes with the subresource form', () => {
    const findings = run(rbac022, { '/w/r.yaml': text });
    assert.deepStrictEqual(compact(findings), [{ code: 'RBAC022', line: lineOf(text, '"proxy"'), severity: 'warning' }]);
    assert.match(findings[0].message, /Kubernetes 1\.10 removed/);
    assert.deepStrictEqual(findings[0].fixes.map((f) => f.title), ['Change to services/proxy with get']);
    const nodes = role('- apiGroups: [""]\n  resources: ["nodes", "pods"]\n  verbs: ["proxy"]\n', 'ClusterRole');
    assert.deepStrictEqual(run(rbac022, { '/w/c.yaml': nodes }).map((f) => f.fixes[0].title), ['Change to nodes/proxy, pods/proxy with get']);
  });
  it('rewrites the rule in place, or moves proxy to a subresource rule next to other verbs', () => {
    assert.ok(assertFixClears(rbac022, { '/w/r.yaml': text })['/w/r.yaml'].endsWith('  resources: ["services/proxy"]\n  verbs: ["get"]\n'));
    const mixed = role('- apiGroups: [""]\n  resources: ["services"]\n  resourceNames: ["heapster"]\n  verbs:\n  - get\n  - proxy\n');
    const after = assertFixClears(rbac022, { '/w/r.yaml': mixed })['/w/r.yaml'];
    assert.ok(after.endsWith('  verbs:\n  - get\n- apiGroups: [""]\n  resources: ["services/proxy"]\n  resourceNames: ["heapster"]\n  verbs: ["get"]\n'), after);
  });
  it('only informs when the role already grants the subresource', () => {
    const both = role('- apiGroups: [""]\n  resources: ["services"]\n  resourceNames: ["heapster"]\n  verbs: ["proxy"]\n- apiGroups: [""]\n  resources: ["services/proxy"]\n  resourceNames: ["heapster", "http:heapster:"]\n  verbs: ["get"]\n');
    assert.deepStrictEqual(compact(run(rbac022, { '/w/r.yaml': both })).map((f) => f.severity), ['information']);
    const after = assertFixClears(rbac022, { '/w/r.yaml': both })['/w/r.yaml'];
    assert.ok(after.endsWith('rules:\n- apiGroups: [""]\n  resources: ["services/proxy"]\n  resourceNames: ["heapster", "http:heapster:"]\n  verbs: ["get"]\n'), after);
  });
  it('is silent on the subresource form', () => {
    assert.deepStrictEqual(run(rbac022, { '/w/r.yaml': role('- apiGroups: [""]\n  resources: ["services/proxy", "pods/proxy"]\n  verbs: ["get", "create"]\n') }), []);
  });
});
