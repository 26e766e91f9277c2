import { removePair } from '../../edits/yaml-edits';
import { mapAt, pairOf } from '../../model/yaml-nodes';
import { checkInfo } from '../check-catalog';
import type { Check } from '../check';
import { finding, valueRange } from '../helpers';
import { positioned } from '../../model/syntax-trees';

const info = checkInfo('RBAC019')!;

export const rbac019: Check = {
  ...info,
  run(context) {
    const findings = [];
    for (const object of context.index.objects) {
      if ((object.kind !== 'ClusterRole' && object.kind !== 'ClusterRoleBinding') || !object.writtenNamespace || !positioned(object.doc)) continue;
      const file = context.fileOf(object);
      const metadata = mapAt(object.node, 'metadata')!;
      const pair = pairOf(metadata, 'namespace')!;
      const found = finding(
        info,
        file,
        valueRange(file, object, metadata, 'namespace'),
        `${object.kind} is cluster-scoped: metadata.namespace "${object.writtenNamespace}" is ignored${object.kind === 'ClusterRoleBinding' ? `, and the binding grants in every namespace, not only in ${object.writtenNamespace}` : ''}.`,
        [{ title: 'Remove metadata.namespace', isPreferred: true, edits: [removePair(file, object.doc, metadata, pair)] }],
      );
      // On a ClusterRole the namespace changes nothing (bindings decide where it applies): information.
      // On a ClusterRoleBinding it suggests a grant believed to stop at that namespace: a warning.
      findings.push(object.kind === 'ClusterRole' ? { ...found, severity: 'information' as const } : found);
    }
    return findings;
  },
};
