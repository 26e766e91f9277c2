import { scalar } from '../../emit/yaml-scalar';
import { nodeOffsets } from '../../edits/yaml-edits';
import { offsetsToRange } from '../../model/positions';
import { stringAt } from '../../model/yaml-nodes';
import { checkInfo } from '../check-catalog';
import type { Check } from '../check';
import { finding, rangeOfNode, subjectNodes } from '../helpers';
import type { Finding } from '../types';
import { positioned } from '../../model/syntax-trees';

const info = checkInfo('RBAC014')!;
const SA_USER = /^system:serviceaccount:([^:]+):([^:]+)$/;

export const rbac014: Check = {
  ...info,
  run(context) {
    const findings: Finding[] = [];
    for (const binding of context.index.bindings) {
      if (!positioned(binding.doc)) continue;
      const file = context.fileOf(binding);
      for (const node of subjectNodes(binding)) {
        const name = stringAt(node, 'name') ?? '';
        const match = SA_USER.exec(name);
        if (stringAt(node, 'kind') !== 'User' || !match) continue;
        const [, namespace, account] = match;
        const [start, end] = nodeOffsets(binding.doc, node, file.text);
        const column = start - (file.text.lastIndexOf('\n', start - 1) + 1);
        const newText = node.flow
          ? `{kind: ServiceAccount, name: ${scalar(account)}, namespace: ${scalar(namespace)}}`
          : `kind: ServiceAccount\n${' '.repeat(column)}name: ${scalar(account)}\n${' '.repeat(column)}namespace: ${scalar(namespace)}`;
        findings.push(finding(info, file, rangeOfNode(file, binding, node),
          `User "${name}" is the ServiceAccount ${namespace}/${account}. The grant works, but a ServiceAccount subject says so plainly, and tools that list a ServiceAccount's permissions find it.`,
          [{ title: `Convert to ServiceAccount ${namespace}/${account}`, isPreferred: true, edits: [{ file: file.path, range: offsetsToRange(file.lineStarts, start, end), newText }] }]));
      }
    }
    return findings;
  },
};
