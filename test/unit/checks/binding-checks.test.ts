import * as assert from 'assert';
import { rbac009 } from '../../../server/src/core/checks/rules/rbac009-missing-role';
import { rbac011 } from '../../../server/src/core/checks/rules/rbac011-role-in-other-namespace';
import { assertFixClears, compact, run } from '../../helpers/check-harness';
import { lineOf } from '../../helpers/text-position';

const binding = (ref: string, ns = 'shop') => `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: app
  namespace: ${ns}
roleRef:
  apiGroup: rbac.authorization.k8s.io
${ref}
subjects: [{kind: ServiceAccount, name: web}]
`;
const role = (name: string, ns: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: ${name}, namespace: ${ns}}\nrules: []\n`;

describe('RBAC009 roleRef to a role that exists nowhere', () => {
  it('warns, suggesting the nearest name', () => {
    const text = binding('  kind: Role\n  name: web-config-reder');
    const findings = run(rbac009, { '/w/b.yaml': text, '/w/r.yaml': role('web-config-reader', 'shop') });
    assert.deepStrictEqual(compact(findings), [{ code: 'RBAC009', line: lineOf(text, 'web-config-reder'), severity: 'warning' }]);
    assert.strictEqual(findings[0].fixes[0].title, 'Change to web-config-reader');
  });
  it('resolves default roles (view, system:auth-delegator) and is silent when they are turned off only for system: names', () => {
    assert.deepStrictEqual(run(rbac009, { '/w/b.yaml': binding('  kind: ClusterRole\n  name: view') }), []);
    assert.deepStrictEqual(run(rbac009, { '/w/b.yaml': binding('  kind: ClusterRole\n  name: system:auth-delegator') }, false), []);
    assert.strictEqual(run(rbac009, { '/w/b.yaml': binding('  kind: ClusterRole\n  name: view') }, false).length, 1);
  });
  it('fixes the name, or creates the role', () => {
    assertFixClears(rbac009, { '/w/b.yaml': binding('  kind: Role\n  name: web-config-reder'), '/w/r.yaml': role('web-config-reader', 'shop') });
    const after = assertFixClears(rbac009, { '/w/b.yaml': binding('  kind: ClusterRole\n  name: shop-reader') }, /Create/);
    assert.ok(after['/w/b.yaml'].includes('kind: ClusterRole\nmetadata:\n  name: shop-reader\nrules: []'));
  });
});

describe('RBAC011 RoleBinding to a Role of another namespace', () => {
  it('errors and points at the Role', () => {
    const text = binding('  kind: Role\n  name: reader');
    const [finding] = run(rbac011, { '/w/b.yaml': text, '/w/r.yaml': role('reader', 'payments') });
    assert.strictEqual(finding.severity, 'error');
    assert.match(finding.message, /exists only in payments/);
    assert.strictEqual(finding.related![0].location.file, '/w/r.yaml');
  });
  it('is silent when the Role is in the binding namespace, or when a namespace is only assumed', () => {
    assert.deepStrictEqual(run(rbac011, { '/w/b.yaml': binding('  kind: Role\n  name: reader'), '/w/r.yaml': role('reader', 'shop') }), []);
    const implicit = binding('  kind: Role\n  name: reader').replace('  namespace: shop\n', '');
    assert.deepStrictEqual(run(rbac011, { '/w/b.yaml': implicit, '/w/r.yaml': role('reader', 'payments') }), []);
  });
  it('moves the binding to the Role namespace', () => {
    assertFixClears(rbac011, { '/w/b.yaml': binding('  kind: Role\n  name: reader'), '/w/r.yaml': role('reader', 'payments') });
  });

  describe('default Roles of Kubernetes (bootstrap policy), never defined in the files', () => {
    const reader = '  kind: Role\n  name: extension-apiserver-authentication-reader';
    it('errors for a binding outside kube-system to extension-apiserver-authentication-reader', () => {
      const findings = run(rbac011, { '/w/b.yaml': binding(reader, 'monitoring') });
      assert.deepStrictEqual(compact(findings), [{ code: 'RBAC011', line: lineOf(binding(reader, 'monitoring'), 'name: extension-apiserver'), severity: 'error' }]);
      assert.match(findings[0].message, /\(a default Role of Kubernetes\) exists only in kube-system/);
    });
    it('is silent in kube-system, without the default roles, with a Role of that name in the namespace, and when a kustomize patch moves it back', () => {
      assert.deepStrictEqual(run(rbac011, { '/w/b.yaml': binding(reader, 'kube-system') }), []);
      assert.deepStrictEqual(run(rbac011, { '/w/b.yaml': binding(reader, 'monitoring') }, false), []);
      assert.deepStrictEqual(run(rbac011, { '/w/b.yaml': binding(reader, 'monitoring'), '/w/r.yaml': role('extension-apiserver-authentication-reader', 'monitoring') }), []);
      // kubectl kustomize: namespace: monitoring moves it out of kube-system; a later patch puts it back.
      const kustomized = { '/w/app/b.yaml': binding(reader, 'kube-system'), '/w/app/kustomization.yaml': 'namespace: monitoring\nresources: [b.yaml]\n' };
      assert.strictEqual(run(rbac011, kustomized).length, 1);
      const movedBack = { ...kustomized, '/w/top/kustomization.yaml': 'resources: [../app]\npatches:\n- target: {kind: RoleBinding}\n  patch: |-\n    - op: replace\n      path: /metadata/namespace\n      value: kube-system\n' };
      assert.deepStrictEqual(run(rbac011, movedBack), []);
    });
    it('moves the binding to kube-system', () => {
      const after = assertFixClears(rbac011, { '/w/b.yaml': binding(reader, 'monitoring') });
      assert.match(after['/w/b.yaml'], /\n {2}namespace: kube-system\n/);
    });
  });
});
