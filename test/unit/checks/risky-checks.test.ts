import * as assert from 'assert';
import { rbac101 } from '../../../server/src/core/checks/rules/rbac101-wildcards';
import { rbac102 } from '../../../server/src/core/checks/rules/rbac102-cluster-admin-binding';
import { rbac103 } from '../../../server/src/core/checks/rules/rbac103-secrets-read';
import { rbac104 } from '../../../server/src/core/checks/rules/rbac104-runs-workloads';
import { rbac105 } from '../../../server/src/core/checks/rules/rbac105-exec-attach';
import { rbac106 } from '../../../server/src/core/checks/rules/rbac106-escalate-bind-impersonate';
import { rbac107 } from '../../../server/src/core/checks/rules/rbac107-writes-rbac';
import { rbac108 } from '../../../server/src/core/checks/rules/rbac108-sensitive-apis';
import { rbac109 } from '../../../server/src/core/checks/rules/rbac109-broad-subjects';
import { rbac110 } from '../../../server/src/core/checks/rules/rbac110-default-service-account';
import { compact, run } from '../../helpers/check-harness';
import { lineOf } from '../../helpers/text-position';

const clusterRole = (rules: string, name = 'ops') => `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: ${name}
rules:
${rules}`;
const crb = (role: string, subject: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ${role}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${role}}
subjects:
- ${subject}
`;
const PEOPLE = '{kind: Group, name: sre, apiGroup: rbac.authorization.k8s.io}';
const CONTROLLER = '{kind: ServiceAccount, name: operator, namespace: ops}';
const severities = (findings: ReturnType<typeof run>) => compact(findings).map((f) => f.severity);

describe('risky grants (RBAC101–RBAC110)', () => {
  it('RBAC101: a wildcard is a warning when people hold it cluster-wide, information for controllers', () => {
    const role = clusterRole('- apiGroups: ["*"]\n  resources: ["*"]\n  verbs: ["get", "list"]\n');
    assert.deepStrictEqual(severities(run(rbac101, { '/w/r.yaml': role, '/w/b.yaml': crb('ops', PEOPLE) })), ['warning']);
    assert.deepStrictEqual(severities(run(rbac101, { '/w/r.yaml': role, '/w/b.yaml': crb('ops', CONTROLLER) })), ['information']);
    assert.match(run(rbac101, { '/w/r.yaml': clusterRole('- apiGroups: [""]\n  resources: ["pods"]\n  verbs: ["*"]\n') })[0].message, /every verb, including escalate, bind and impersonate/);
  });
  it('RBAC101: narrow rules and wildcard-free resourceNames are silent', () => {
    assert.deepStrictEqual(run(rbac101, { '/w/r.yaml': clusterRole('- apiGroups: [""]\n  resources: ["pods"]\n  resourceNames: ["a"]\n  verbs: ["get"]\n') }), []);
  });
  it('RBAC102: binding to cluster-admin or to an all-wildcard role', () => {
    const text = crb('cluster-admin', PEOPLE);
    assert.deepStrictEqual(compact(run(rbac102, { '/w/b.yaml': text })), [{ code: 'RBAC102', line: lineOf(text, 'roleRef'), severity: 'warning' }]);
    const allStar = clusterRole('- apiGroups: ["*"]\n  resources: ["*"]\n  verbs: ["*"]\n', 'root');
    assert.strictEqual(run(rbac102, { '/w/r.yaml': allStar, '/w/b.yaml': crb('root', CONTROLLER) }).length, 1);
    assert.deepStrictEqual(run(rbac102, { '/w/b.yaml': crb('view', PEOPLE) }), []);
  });
  it('RBAC103: reading Secrets; a warning when people read them in every namespace', () => {
    const role = clusterRole('- apiGroups: [""]\n  resources: ["secrets"]\n  verbs: ["get", "list"]\n');
    assert.deepStrictEqual(severities(run(rbac103, { '/w/r.yaml': role, '/w/b.yaml': crb('ops', PEOPLE) })), ['warning']);
    assert.deepStrictEqual(severities(run(rbac103, { '/w/r.yaml': role })), ['information']);
    assert.deepStrictEqual(run(rbac103, { '/w/r.yaml': clusterRole('- apiGroups: [""]\n  resources: ["secrets"]\n  resourceNames: ["tls"]\n  verbs: ["get"]\n') }), []);
    assert.deepStrictEqual(run(rbac103, { '/w/r.yaml': clusterRole('- apiGroups: [""]\n  resources: ["secrets"]\n  verbs: ["create"]\n') }), []);
  });
  it('RBAC104/105/107: running code, exec, writing RBAC', () => {
    assert.deepStrictEqual(severities(run(rbac104, { '/w/r.yaml': clusterRole('- apiGroups: ["apps"]\n  resources: ["deployments"]\n  verbs: ["create"]\n') })), ['information']);
    assert.deepStrictEqual(run(rbac104, { '/w/r.yaml': clusterRole('- apiGroups: ["apps"]\n  resources: ["deployments"]\n  verbs: ["get", "list"]\n') }), []);
    // A Job's pod template cannot change after creation: patching Jobs runs nothing new; creating them does.
    assert.deepStrictEqual(run(rbac104, { '/w/r.yaml': clusterRole('- apiGroups: ["batch"]\n  resources: ["jobs"]\n  verbs: ["get", "patch", "update"]\n') }), []);
    assert.deepStrictEqual(severities(run(rbac104, { '/w/r.yaml': clusterRole('- apiGroups: ["batch"]\n  resources: ["jobs"]\n  verbs: ["create"]\n') })), ['information']);
    assert.deepStrictEqual(severities(run(rbac104, { '/w/r.yaml': clusterRole('- apiGroups: ["batch"]\n  resources: ["cronjobs"]\n  verbs: ["patch"]\n') })), ['information']);
    assert.strictEqual(run(rbac105, { '/w/r.yaml': clusterRole('- apiGroups: [""]\n  resources: ["pods/exec"]\n  verbs: ["create", "get"]\n') }).length, 1);
    assert.deepStrictEqual(run(rbac105, { '/w/r.yaml': clusterRole('- apiGroups: [""]\n  resources: ["pods/log"]\n  verbs: ["get"]\n') }), []);
    assert.strictEqual(run(rbac107, { '/w/r.yaml': clusterRole('- apiGroups: ["rbac.authorization.k8s.io"]\n  resources: ["rolebindings"]\n  verbs: ["create"]\n') }).length, 1);
    assert.deepStrictEqual(run(rbac107, { '/w/r.yaml': clusterRole('- apiGroups: ["rbac.authorization.k8s.io"]\n  resources: ["roles"]\n  verbs: ["get"]\n') }), []);
  });
  it('RBAC101: a non-resource rule with a wildcard verb names its paths, not resources or groups', () => {
    const [found] = run(rbac101, { '/w/r.yaml': clusterRole('- nonResourceURLs: ["*"]\n  verbs: ["*"]\n') });
    assert.match(found.message, /grants every verb on every non-resource path \(\/metrics, \/debug, \/logs…\)\./);
    const [named] = run(rbac101, { '/w/r.yaml': clusterRole('- nonResourceURLs: ["/metrics"]\n  verbs: ["*"]\n') });
    assert.match(named.message, /grants every verb on \/metrics\./);
  });
  it('RBAC101 alone reports an all-wildcard rule (no double reports)', () => {
    const files = { '/w/r.yaml': clusterRole('- apiGroups: ["*"]\n  resources: ["*"]\n  verbs: ["*"]\n') };
    for (const check of [rbac103, rbac104, rbac105, rbac107, rbac108]) assert.deepStrictEqual(run(check, files), [], check.code);
  });
  it('RBAC106: escalate, bind, impersonate; information when limited by resourceNames', () => {
    const role = clusterRole('- apiGroups: [""]\n  resources: ["users"]\n  verbs: ["impersonate"]\n');
    assert.deepStrictEqual(severities(run(rbac106, { '/w/r.yaml': role, '/w/b.yaml': crb('ops', PEOPLE) })), ['warning']);
    const limited = clusterRole('- apiGroups: ["rbac.authorization.k8s.io"]\n  resources: ["clusterroles"]\n  resourceNames: ["view"]\n  verbs: ["bind"]\n');
    assert.deepStrictEqual(severities(run(rbac106, { '/w/r.yaml': limited, '/w/b.yaml': crb('ops', PEOPLE) })), ['information']);
    assert.deepStrictEqual(run(rbac106, { '/w/r.yaml': clusterRole('- apiGroups: [""]\n  resources: ["pods"]\n  verbs: ["get"]\n') }), []);
  });
  it('RBAC108: nodes/proxy, tokens, CSR approval, webhooks, services/status', () => {
    const text = clusterRole('- apiGroups: [""]\n  resources: ["nodes/proxy"]\n  verbs: ["get"]\n- apiGroups: ["admissionregistration.k8s.io"]\n  resources: ["mutatingwebhookconfigurations"]\n  verbs: ["get", "list"]\n');
    assert.deepStrictEqual(compact(run(rbac108, { '/w/r.yaml': text, '/w/b.yaml': crb('ops', PEOPLE) })), [{ code: 'RBAC108', line: lineOf(text, 'nodes/proxy'), severity: 'warning' }]);
  });
  it('RBAC109: anonymous, all authenticated users, all service accounts, system:masters', () => {
    const text = crb('view', '{kind: Group, name: system:authenticated, apiGroup: rbac.authorization.k8s.io}');
    assert.deepStrictEqual(compact(run(rbac109, { '/w/b.yaml': text })), [{ code: 'RBAC109', line: lineOf(text, 'system:authenticated'), severity: 'warning' }]);
    assert.deepStrictEqual(run(rbac109, { '/w/b.yaml': crb('view', PEOPLE) }), []);
  });
  it('RBAC110: grants to a namespace\'s default ServiceAccount', () => {
    const text = crb('view', '{kind: ServiceAccount, name: default, namespace: shop}');
    assert.deepStrictEqual(severities(run(rbac110, { '/w/b.yaml': text })), ['information']);
    assert.deepStrictEqual(run(rbac110, { '/w/b.yaml': crb('view', CONTROLLER) }), []);
  });
});
