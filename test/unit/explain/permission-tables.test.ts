import * as assert from 'assert';
import { checkContext } from '../../../server/src/core/analysis';
import { hoverAt } from '../../../server/src/core/explain/hover';
import { modelOf } from '../../helpers/check-harness';
import { positionOf } from '../../helpers/text-position';

const RBAC = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: reader
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "lsit", "watch"]
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["read"]
- apiGroups: ["eventing.knative.dev"]
  resources: ["brokers"]
  verbs: ["knsubscribe", "GET"]
- nonResourceURLs: ["/metrics"]
  verbs: ["get", "post"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: reader
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}
subjects:
- kind: ServiceAccount
  name: api
  namespace: shop
`;

/** Permission tables in hovers list what is granted; a verb no request can match is marked, never listed as granted. */
describe('hover permission tables mark verbs Kubernetes never checks', () => {
  const model = modelOf({ '/w/rbac.yaml': RBAC });
  const context = checkContext(model, { builtinRoles: true });
  const file = model.getFile('/w/rbac.yaml')!;
  const hover = (text: string) => hoverAt(context, file, positionOf(RBAC, text))!.markdown;

  for (const [where, at] of [['the role', 'reader\nrules'], ['the subject', 'api\n']] as const) {
    it(`in ${where}'s table: lsit, read and GET are marked, the real and custom verbs listed`, () => {
      const table = hover(at);
      const row = (resource: string) => table.split('\n').find((l) => l.startsWith(`| ${resource}`)) ?? '';
      assert.match(row('pods'), /\| get, watch; ⚠ `lsit` not a verb Kubernetes checks \|/, table);
      assert.doesNotMatch(table, /get, lsit|lsit, watch/);
      assert.match(row('configmaps'), /\| ⚠ `read` not a verb Kubernetes checks \|/, table);
      assert.match(row('brokers'), /\| knsubscribe; ⚠ `GET` not a verb Kubernetes checks \|/, table);
      assert.match(row('/metrics'), /\| get, post \|/, table);
    });
  }
});
