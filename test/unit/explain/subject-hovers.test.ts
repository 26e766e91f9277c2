import * as assert from 'assert';
import { checkContext } from '../../../server/src/core/analysis';
import { hoverAt } from '../../../server/src/core/explain/hover';
import { modelOf } from '../../helpers/check-harness';
import { positionOf } from '../../helpers/text-position';

const binding = (name: string, namespace: string, roleKind: string, role: string, subject: string) => `---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ${name}, namespace: ${namespace}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ${roleKind}, name: ${role}}
subjects:
- ${subject}
`;
const ROLES = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reports-reader, namespace: reports}
rules:
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: empty, namespace: reports}
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: mixed, namespace: reports}
rules:
- apiGroups: [""]
  resources: ["deployments", "pods"]
  verbs: ["get"]
- apiGroups: [""]
  resources: ["deployment"]
  verbs: ["list"]
`;

/** The hover of a subject with no permissions says why, in the words of the binding that comes closest. */
describe('subject hovers say why a subject has no permissions', () => {
  const hoverOf = (files: Record<string, string>, file: string, at: string, offset = 0) => {
    const model = modelOf(files);
    const context = checkContext(model, { builtinRoles: true });
    const position = positionOf(files[file], at);
    return hoverAt(context, model.getFile(file)!, { line: position.line, character: position.character + offset })!.markdown;
  };

  it('its binding points at a Role that does not exist, whose name nearly matches one that does', () => {
    const text = binding('reports', 'reports', 'Role', 'reports-raeder', '{kind: ServiceAccount, name: reports, namespace: reports}');
    assert.strictEqual(hoverOf({ '/w/roles.yaml': ROLES, '/w/b.yaml': text }, '/w/b.yaml', 'kind: ServiceAccount', 2),
      '**ServiceAccount reports/reports** in `reports`: no permissions from these manifests, because RoleBinding reports/reports binds it to Role `reports-raeder`, which does not exist — `reports-reader` does.');
  });

  it('the Role of that name lives in another namespace', () => {
    const text = binding('reports', 'batch', 'Role', 'reports-reader', '{kind: ServiceAccount, name: reports, namespace: batch}');
    assert.match(hoverOf({ '/w/roles.yaml': ROLES, '/w/b.yaml': text }, '/w/b.yaml', 'kind: ServiceAccount', 2),
      /because RoleBinding batch\/reports binds it to Role `reports-reader`, which exists only in namespace reports \(a RoleBinding uses the Role of its own namespace\)\.$/);
  });

  it('the binding names a ServiceAccount of that name in another namespace', () => {
    const sa = 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: reports, namespace: reports}\n';
    const text = binding('reports', 'reports', 'Role', 'reports-reader', '{kind: ServiceAccount, name: reports, namespace: report}');
    assert.match(hoverOf({ '/w/roles.yaml': ROLES, '/w/sa.yaml': sa, '/w/b.yaml': text }, '/w/sa.yaml', 'name: reports', 7),
      /because RoleBinding reports\/reports names ServiceAccount report\/reports, not reports\/reports\.$/);
  });

  it('the bound Role has no rules; and with no binding at all, that is said', () => {
    const sa = 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: lonely, namespace: reports}\n';
    const text = binding('e', 'reports', 'Role', 'empty', '{kind: ServiceAccount, name: reports, namespace: reports}');
    assert.match(hoverOf({ '/w/roles.yaml': ROLES, '/w/b.yaml': text }, '/w/b.yaml', 'kind: ServiceAccount', 2),
      /because RoleBinding reports\/e binds Role empty, which has no rules\.$/);
    assert.match(hoverOf({ '/w/roles.yaml': ROLES, '/w/sa.yaml': sa }, '/w/sa.yaml', 'name: lonely', 7),
      /\*\*ServiceAccount reports\/lonely\*\* in `reports`: no permissions from these manifests, because no RoleBinding or ClusterRoleBinding in these manifests names it\.$/);
  });

  it('a roleRef to a missing Role shows the Role it nearly names, not its diagnostic again', () => {
    const text = binding('reports', 'reports', 'Role', 'reports-raeder', '{kind: ServiceAccount, name: reports, namespace: reports}');
    const hover = hoverOf({ '/w/roles.yaml': ROLES, '/w/b.yaml': text }, '/w/b.yaml', 'name: reports-raeder', 7);
    assert.match(hover, /^Did you mean this Role\?\n\n\*\*Role reports\/reports-reader\*\*/);
    assert.doesNotMatch(hover, /is not defined/);
  });

  it('resources no listed group serves are marked ⚠ in tables, never listed as granted; a rule left with none grants nothing', () => {
    const text = binding('m', 'reports', 'Role', 'mixed', '{kind: ServiceAccount, name: reports, namespace: reports}');
    const files = { '/w/roles.yaml': ROLES, '/w/b.yaml': text };
    for (const table of [hoverOf(files, '/w/roles.yaml', 'name: mixed', 7), hoverOf(files, '/w/b.yaml', 'kind: ServiceAccount', 2)]) {
      assert.match(table, /\| pods \(""\); ⚠ `deployments` not served by "" \| get \|/, table);
      assert.match(table, /\| ⚠ `deployment` not served by "" \| none: no resource of this rule exists \|/, table);
      assert.doesNotMatch(table, /deployments, pods/);
    }
  });
});
