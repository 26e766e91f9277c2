import * as assert from 'node:assert';
import { parseAllDocuments } from 'yaml';
import { checkContext } from '../../../server/src/core/analysis';
import { parseForbiddenMessage } from '../../../server/src/core/forbidden/parse-forbidden-message';
import { manifestOfSuggestion } from '../../../server/src/core/fix-forbidden/manifest-of-suggestion';
import { suggestFixes } from '../../../server/src/core/fix-forbidden/suggest-fixes';
import { modelOf } from '../../helpers/check-harness';

const RBAC = `# the shop's service account and what it may do
apiVersion: v1
kind: ServiceAccount
metadata:
  name: checkout
  namespace: shop
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: checkout
  namespace: shop
rules:
- apiGroups: [""]
  resources: ["configmaps"]   # settings only
  verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: checkout
  namespace: shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: checkout
subjects:
- kind: ServiceAccount
  name: checkout
  namespace: shop
`;

describe('fix-forbidden: the manifest a suggestion leaves behind (what Apply to Cluster sends)', () => {
  const model = modelOf({ '/w/rbac.yaml': RBAC });
  const denial = parseForbiddenMessage('User "system:serviceaccount:shop:checkout" cannot list resource "secrets" in API group "" in the namespace "shop"')[0];
  const suggestions = suggestFixes(checkContext(model, { builtinRoles: true }), denial);
  const read = (file: string) => model.getFile(file);

  it('an edit of a workspace Role: exactly that Role, as it reads after the edit', () => {
    const edit = suggestions.find((s) => s.kind === 'edit')!;
    const manifest = manifestOfSuggestion(edit, read)!;
    const docs = parseAllDocuments(manifest).map((d) => d.toJS());
    assert.strictEqual(docs.length, 1);
    assert.deepStrictEqual([docs[0].kind, docs[0].metadata], ['Role', { name: 'checkout', namespace: 'shop' }]);
    assert.deepStrictEqual(docs[0].rules.flatMap((r: { resources: string[]; verbs: string[] }) => r.resources.map((res) => `${res}:${r.verbs.join('+')}`)).sort(), ['configmaps:get', 'secrets:list']);
  });

  it('a new grant: its YAML as generated', () => {
    const created = suggestions.find((s) => s.kind === 'new' && s.title.startsWith('New '))!;
    assert.strictEqual(manifestOfSuggestion(created, read), created.yaml);
  });

  it('no manifest when the edited file is unknown or the suggestion changes nothing', () => {
    const edit = suggestions.find((s) => s.kind === 'edit')!;
    assert.strictEqual(manifestOfSuggestion(edit, () => undefined), undefined);
    assert.strictEqual(manifestOfSuggestion({ title: 'Already granted', kind: 'edit', edits: [] }, read), undefined);
  });
});
