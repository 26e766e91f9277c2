import * as assert from 'assert';
import { rbac001 } from '../../../server/src/core/checks/rules/rbac001-unknown-verb';
import { rbac002 } from '../../../server/src/core/checks/rules/rbac002-resource-not-in-group';
import { rbac003 } from '../../../server/src/core/checks/rules/rbac003-unknown-resource';
import { rbac005 } from '../../../server/src/core/checks/rules/rbac005-cluster-resource-in-role';
import { assertFixClears, compact, run } from '../../helpers/check-harness';
import { lineOf } from '../../helpers/text-position';

const role = (rules: string, kind = 'Role') => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata:
  name: app
${kind === 'Role' ? '  namespace: shop\n' : ''}rules:
${rules}`;

describe('RBAC001 unknown verb', () => {
  it('flags typos, case and HTTP methods, with the nearest verb', () => {
    const text = role('- apiGroups: [""]\n  resources: ["pods"]\n  verbs: ["lsit", "GET", "post"]\n');
    const findings = run(rbac001, { '/w/r.yaml': text });
    assert.deepStrictEqual(findings.map((f) => f.fixes[0].title), ['Change to list', 'Change to get', 'Change to create']);
    assert.ok(findings.every((f) => f.severity === 'warning'));
  });
  it('is silent on real and custom verbs and on non-resource rules', () => {
    assert.deepStrictEqual(run(rbac001, { '/w/r.yaml': role('- apiGroups: ["eventing.knative.dev"]\n  resources: ["brokers"]\n  verbs: ["knsubscribe", "get", "use", "*"]\n') }), []);
    assert.deepStrictEqual(run(rbac001, { '/w/c.yaml': role('- nonResourceURLs: ["/metrics"]\n  verbs: ["get", "post"]\n', 'ClusterRole') }), []);
  });
  it('only informs when the intended verb is listed too', () => {
    const findings = run(rbac001, { '/w/r.yaml': role('- apiGroups: [""]\n  resources: ["pods/portforward"]\n  verbs: ["create", "post"]\n') });
    assert.deepStrictEqual(compact(findings).map((f) => f.severity), ['information']);
  });
  it('fixes the verb', () => {
    assertFixClears(rbac001, { '/w/r.yaml': role('# why\n- apiGroups: [""]\n  resources: ["pods"]\n  verbs:\n  - lsit\n') });
  });
});

describe('RBAC002 resource not served by the listed groups', () => {
  const text = role('- apiGroups: [""]\n  resources: ["deployments"]\n  verbs: ["get"]\n');
  it('flags deployments in the core group as an error', () => {
    assert.deepStrictEqual(compact(run(rbac002, { '/w/r.yaml': text })), [{ code: 'RBAC002', line: lineOf(text, 'deployments'), severity: 'error' }]);
  });
  it('flags removed extensions/ingresses, but only informs when another rule grants it in the right group', () => {
    const removed = role('- apiGroups: ["extensions"]\n  resources: ["ingresses"]\n  verbs: ["get"]\n');
    const [finding] = run(rbac002, { '/w/r.yaml': removed });
    assert.match(finding.message, /removed in Kubernetes 1\.22/);
    assert.strictEqual(finding.severity, 'error');
    const legacy = removed + '- apiGroups: ["networking.k8s.io"]\n  resources: ["ingresses"]\n  verbs: ["get"]\n';
    assert.deepStrictEqual(compact(run(rbac002, { '/w/r.yaml': legacy })).map((f) => f.severity), ['information']);
  });
  it('is silent for cross-product rules where some listed group serves each resource, and for unknown groups', () => {
    assert.deepStrictEqual(run(rbac002, { '/w/r.yaml': role('- apiGroups: ["", "apps", "extensions"]\n  resources: ["pods", "deployments", "daemonsets"]\n  verbs: ["get"]\n') }), []);
    assert.deepStrictEqual(run(rbac002, { '/w/r.yaml': role('- apiGroups: ["", "projectcalico.org"]\n  resources: ["networkpolicies", "tiers"]\n  verbs: ["get"]\n') }), []);
  });
  it('does not judge a group known only from workspace CRDs by another group\'s resource of the same name', () => {
    // Cluster API: the in-cluster IPAM provider defines its pools; `ipaddresses` comes from Cluster API core.
    const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: inclusterippools.ipam.cluster.x-k8s.io}
spec:
  group: ipam.cluster.x-k8s.io
  names: {kind: InClusterIPPool, plural: inclusterippools}
  scope: Namespaced
  versions: [{name: v1alpha2}]
`;
    const rules = (group: string) => role(`- apiGroups: ["${group}"]\n  resources: ["ipaddresses", "ipaddressclaims", "inclusterippools"]\n  verbs: ["get"]\n`, 'ClusterRole');
    assert.deepStrictEqual(run(rbac002, { '/w/r.yaml': rules('ipam.cluster.x-k8s.io'), '/w/crd.yaml': crd }), []);
    // A group Kubernetes itself serves is listed in full: `ipaddresses` in the core group is still an error.
    const core = role('- apiGroups: [""]\n  resources: ["ipaddresses"]\n  verbs: ["get"]\n', 'ClusterRole');
    assert.deepStrictEqual(compact(run(rbac002, { '/w/r.yaml': core, '/w/crd.yaml': crd })), [{ code: 'RBAC002', line: lineOf(core, 'ipaddresses'), severity: 'error' }]);
  });
  it('fixes the group, or moves the resource to its own rule when the group serves others', () => {
    const after = assertFixClears(rbac002, { '/w/r.yaml': text })['/w/r.yaml'];
    assert.ok(after.includes('apiGroups: ["apps"]'));
    const mixed = role('- apiGroups: [""]\n  resources: ["pods", "deployments"]\n  verbs: ["get"]\n');
    const split = assertFixClears(rbac002, { '/w/r.yaml': mixed })['/w/r.yaml'];
    assert.ok(split.endsWith('- apiGroups: [""]\n  resources: ["pods"]\n  verbs: ["get"]\n- apiGroups: ["apps"]\n  resources: ["deployments"]\n  verbs: ["get"]\n'), split);
  });
});

describe('RBAC003 unknown resource or subresource', () => {
  it('suggests the real name for kinds, singulars, short names, case and typos', () => {
    const text = role('- apiGroups: ["", "apps", "batch"]\n  resources: ["Deployment", "job", "deploy", "Pods", "persistentvolumerclaims", "pods/logs"]\n  verbs: ["get"]\n');
    const titles = run(rbac003, { '/w/r.yaml': text }).map((f) => f.fixes[0].title);
    assert.deepStrictEqual(titles, ['Change to deployments', 'Change to jobs', 'Change to deployments', 'Change to pods', 'Change to persistentvolumeclaims', 'Change to pods/log']);
  });
  it('accepts CRDs of the workspace, permission-only names and */finalizers; ignores unknown groups', () => {
    const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions: [{name: v1}]
`;
    const text = role('- apiGroups: ["example.com"]\n  resources: ["widgets", "widgets/finalizers"]\n  verbs: ["get"]\n- apiGroups: [""]\n  resources: ["nodes/stats", "services/finalizers"]\n  verbs: ["get"]\n- apiGroups: ["other.io"]\n  resources: ["Gadget"]\n  verbs: ["get"]\n');
    assert.deepStrictEqual(run(rbac003, { '/w/r.yaml': text, '/w/crd.yaml': crd }), []);
  });
  it('fixes the name', () => {
    assertFixClears(rbac003, { '/w/r.yaml': role('- apiGroups: [""]\n  resources: ["pods/logs"] # for kubectl logs\n  verbs: ["get"]\n') });
  });
});

describe('RBAC005 cluster-scoped resource in a Role', () => {
  const files = {
    '/w/r.yaml': role('- apiGroups: [""]\n  resources: ["nodes", "pods"]\n  verbs: ["get"]\n'),
    '/w/b.yaml': `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: app, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: app}
subjects: [{kind: ServiceAccount, name: web}]
`,
  };
  it('flags nodes in a Role as an error', () => {
    assert.deepStrictEqual(compact(run(rbac005, files)).map((f) => [f.line, f.severity]), [[lineOf(files['/w/r.yaml'], 'nodes'), 'error']]);
  });
  it('is silent for ClusterRoles and for get on namespaces (evaluated in the namespace itself)', () => {
    assert.deepStrictEqual(run(rbac005, { '/w/c.yaml': role('- apiGroups: [""]\n  resources: ["nodes"]\n  verbs: ["get"]\n', 'ClusterRole') }), []);
    assert.deepStrictEqual(run(rbac005, { '/w/r.yaml': role('- apiGroups: [""]\n  resources: ["namespaces"]\n  verbs: ["get"]\n') }), []);
  });
  it('moves the resource to a ClusterRole bound to the same subjects', () => {
    const after = assertFixClears(rbac005, files)['/w/r.yaml'];
    assert.ok(after.includes('resources: ["pods"]'));
    assert.ok(after.includes('kind: ClusterRoleBinding\nmetadata:\n  name: app-cluster\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: app-cluster\nsubjects:\n- kind: ServiceAccount\n  name: web\n  namespace: shop'), after);
  });
});
