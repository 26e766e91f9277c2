import { replaceScalar } from '../../edits/yaml-edits';
import { valueNode } from '../../model/yaml-nodes';
import { checkInfo } from '../check-catalog';
import type { Check } from '../check';
import { finding, rangeOfNode } from '../helpers';
import { positioned } from '../../model/syntax-trees';

const info = checkInfo('RBAC020')!;
const REMOVED = new Set(['rbac.authorization.k8s.io/v1beta1', 'rbac.authorization.k8s.io/v1alpha1']);
const RBAC_KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

export const rbac020: Check = {
  ...info,
  run(context) {
    return context.index.objects
      .filter((o) => RBAC_KINDS.has(o.kind) && REMOVED.has(o.apiVersion) && positioned(o.doc))
      .map((object) => {
        const file = context.fileOf(object);
        const node = valueNode(object.node, 'apiVersion')!;
        return finding(
          info,
          file,
          rangeOfNode(file, object, node),
          `${object.apiVersion} was removed in Kubernetes 1.22: the API server rejects this ${object.kind}. Use rbac.authorization.k8s.io/v1 (same fields).`,
          [{ title: 'Change to rbac.authorization.k8s.io/v1', isPreferred: true, edits: [replaceScalar(file, object.doc, node, 'rbac.authorization.k8s.io/v1')] }],
        );
      });
  },
};
