import * as assert from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { checkContext } from '../../../server/src/core/analysis';
import { styleOf } from '../../../server/src/core/edits/file-style';
import { canI } from '../../../server/src/core/rbac/authorize';
import { indexOf } from '../../../server/src/core/rbac/policy-index';
import { identityOf } from '../../../server/src/core/rbac/subjects';
import { rbac005 } from '../../../server/src/core/checks/rules/rbac005-cluster-resource-in-role';
import { rbac024 } from '../../../server/src/core/checks/rules/rbac024-unbound-role';
import { rbac006 } from '../../../server/src/core/checks/rules/rbac006-invalid-rule';
import { applyFix, modelOf, run, type Files } from '../../helpers/check-harness';

const FIXTURES = join(__dirname, '../../../../test/fixtures/quick-fixes');
const fixture = (style: string, name: string): Files => ({ [`/w/${name}`]: readFileSync(join(FIXTURES, style, name), 'utf8') });
const reportsCanListNodes = (files: Files) => canI(indexOf(checkContext(modelOf(files), { builtinRoles: true }).policy),
  identityOf('system:serviceaccount:shop:reports'), { kind: 'resource', verb: 'list', apiGroup: '', resource: 'nodes' }).allowed;

describe('quick-fixes finish the job', () => {
  describe('RBAC005 moves a cluster-scoped resource to a ClusterRole bound to the subjects meant', () => {
    it('a binding whose roleRef nearly names the Role (reprots for reports): its subjects are bound, and can then list nodes', () => {
      const files = fixture('indented', 'near-miss.yaml');
      const finding = run(rbac005, files).find((f) => f.message.includes('`nodes`') && f.range.start.line === 14)!;
      const [fix] = finding.fixes;
      assert.strictEqual(fix.title, 'Move nodes to a new ClusterRole reports-cluster bound to the subjects of RoleBinding reports (its roleRef reprots nearly names reports)');
      assert.ok(!reportsCanListNodes(files));
      assert.ok(reportsCanListNodes(applyFix(files, fix)), 'ServiceAccount shop/reports can list nodes after the fix');
    });
    it('a Role no binding names or nearly names: the title says the new ClusterRole binds nobody, and no binding is written', () => {
      const files = fixture('indented', 'near-miss.yaml');
      const finding = run(rbac005, files).find((f) => f.range.start.line > 30)!;
      const [fix] = finding.fixes;
      assert.strictEqual(fix.title, 'Move nodes to a new ClusterRole lonely-cluster (binds nobody: no binding names Role lonely)');
      assert.doesNotMatch(fix.edits.map((e) => e.newText).join(''), /ClusterRoleBinding/);
    });
    it('the new documents follow the file: lists indented by 2 and flow lists, or at the key\'s column and block lists', () => {
      const inserted = (style: string) => run(rbac005, fixture(style, 'near-miss.yaml'))[0].fixes[0].edits[1].newText;
      assert.strictEqual(inserted('indented'), [
        '---', 'apiVersion: rbac.authorization.k8s.io/v1', 'kind: ClusterRole', 'metadata:', '  name: reports-cluster', 'rules:',
        '  - apiGroups: [""]', '    resources: ["nodes"]', '    verbs: ["get", "list"]',
        '---', 'apiVersion: rbac.authorization.k8s.io/v1', 'kind: ClusterRoleBinding', 'metadata:', '  name: reports-cluster',
        'roleRef:', '  apiGroup: rbac.authorization.k8s.io', '  kind: ClusterRole', '  name: reports-cluster',
        'subjects:', '  - kind: ServiceAccount', '    name: reports', '    namespace: shop', ''].join('\n'));
      assert.strictEqual(inserted('compact'), [
        '---', 'apiVersion: rbac.authorization.k8s.io/v1', 'kind: ClusterRole', 'metadata:', '  name: reports-cluster', 'rules:',
        '- apiGroups:', '  - ""', '  resources:', '  - nodes', '  verbs:', '  - get', '  - list',
        '---', 'apiVersion: rbac.authorization.k8s.io/v1', 'kind: ClusterRoleBinding', 'metadata:', '  name: reports-cluster',
        'roleRef:', '  apiGroup: rbac.authorization.k8s.io', '  kind: ClusterRole', '  name: reports-cluster',
        'subjects:', '- kind: ServiceAccount', '  name: reports', '  namespace: shop', ''].join('\n'));
    });
  });

  describe('RBAC024 on a Role whose only binding misspells it', () => {
    it('repairs that binding\'s roleRef first; a new binding never takes a name a binding already has', () => {
      const files = fixture('indented', 'near-miss.yaml');
      const finding = run(rbac024, files).find((f) => f.message.startsWith('Role shop/reports '))!;
      assert.match(finding.message, /RoleBinding reports names reprots, which looks like a typo for it\./);
      assert.deepStrictEqual(finding.fixes.map((f) => [f.title, f.isPreferred]), [
        ["Change RoleBinding reports's roleRef to reports", true],
        ['Bind it to ServiceAccount reports (RoleBinding reports-2)', false],
      ]);
      assert.ok(reportsCanListNodes(applyFix(files, finding.fixes[0])) === false, 'the Role grants configmaps and nodes in a Role: nodes stay out of reach');
      assert.deepStrictEqual(run(rbac024, applyFix(files, finding.fixes[0])).filter((f) => f.message.startsWith('Role shop/reports ')), []);
    });
  });

  describe('a field a fix adds follows the file too', () => {
    it('RBAC006 adds apiGroups as a flow list, or as a block list indented as the file indents', () => {
      const rule = (resources: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: app\n  namespace: shop\nrules:\n${resources}`;
      const added = (text: string) => run(rbac006, { '/w/r.yaml': text }).flatMap((f) => f.fixes).map((f) => f.edits[0].newText);
      assert.deepStrictEqual(added(rule('- resources: ["pods"]\n  verbs: ["create"]\n')), ['  apiGroups: [""]\n']);
      assert.deepStrictEqual(added(rule('- resources:\n  - pods\n  verbs:\n  - create\n')), ['  apiGroups:\n  - ""\n']);
      assert.deepStrictEqual(added(rule('  - resources:\n      - pods\n    verbs:\n      - create\n')), ['    apiGroups:\n      - ""\n']);
    });
  });

  describe('the layout of a file, as quick-fixes read it', () => {
    const style = (text: string) => styleOf({ text });
    it('sequences indented under their key, or at its column', () => {
      assert.strictEqual(style('rules:\n  - apiGroups: [""]\n    verbs: ["get"]\n').indentSequences, true);
      assert.strictEqual(style('rules:\n- apiGroups: [""]\n  verbs: ["get"]\n').indentSequences, false);
      assert.strictEqual(style('rules:\n    - apiGroups: [""]\n').indentSequences, true);
    });
    it('mapping indentation of 2 or 4 spaces; 2 when the file shows none', () => {
      assert.strictEqual(style('metadata:\n    name: a\n    labels:\n        app: a\n').indent, 4);
      assert.strictEqual(style('metadata:\n  name: a\n').indent, 2);
      assert.strictEqual(style('kind: Role\n').indent, 2);
    });
    it('lists of names written as flow or as block sequences; comments and template lines do not count', () => {
      assert.strictEqual(style('rules:\n- verbs:\n  - get\n  - list\n  resources:\n  - pods\n').flowScalarLists, false);
      assert.strictEqual(style('rules:\n- verbs: [get, list] # note\n  resources: [pods]\n').flowScalarLists, true);
      assert.strictEqual(style('# verbs:\n# - get\n{{- if .Values.x }}\nrules:\n- verbs: ["get"]\n').flowScalarLists, true);
    });
  });
});
