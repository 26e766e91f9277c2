import { isScalar, type Scalar } from 'yaml';
import { scalar } from '../../emit/yaml-scalar';
import { columnIndent, insertAfterLineOf, replaceScalar } from '../../edits/yaml-edits';
import type { Fix } from '../../edits/types';
import type { Range, SourceFile, WorkloadObject } from '../../model/types';
import { valueNode } from '../../model/yaml-nodes';
import { objectLocation } from '../../model/locate';
import { lookupOf } from '../../model/object-lookup';
import { bindingsOfServiceAccount, workloadsOfServiceAccount } from '../../navigation/relations';
import { checkInfo } from '../check-catalog';
import type { Check } from '../check';
import { finding, keyRange, valueRange } from '../helpers';
import type { Finding } from '../types';
import { positioned } from '../../model/syntax-trees';

const info = checkInfo('RBAC016')!;

export const rbac016: Check = {
  ...info,
  run(context) {
    const findings: Finding[] = [];
    for (const workload of context.index.workloads) {
      if ((workload.serviceAccountName ?? 'default') !== 'default' || !positioned(workload.doc) || !workload.podSpecNode) continue;
      const app = workload.labels['app.kubernetes.io/name'] ?? workload.labels.app;
      const candidates = lookupOf(context.index).serviceAccountsIn(workload.namespace?.value).filter((sa) =>
        sa.name !== 'default' &&
        (sa.name === workload.name || (app !== undefined && (sa.labels['app.kubernetes.io/name'] ?? sa.labels.app) === app)) &&
        bindingsOfServiceAccount(context.index, sa).length > 0 &&
        workloadsOfServiceAccount(context.index, sa).length === 0);
      if (candidates.length !== 1) continue;
      const sa = candidates[0];
      const file = context.fileOf(workload);
      const { range, fixes } = writtenField(workload)
        ? replaceWritten(file, workload, sa.name)
        : { range: keyRange(file, workload, workload.podSpecNode, 'containers'), fixes: insertName(file, workload, sa.name) };
      findings.push(finding(info, file, range,
        `${workload.kind} ${workload.name} runs as the namespace's default ServiceAccount, while ServiceAccount ${sa.name} — bound to roles and used by no workload — looks meant for it. Its pods get none of those permissions.`,
        fixes, [{ location: objectLocation(context.fileOf(sa), sa), message: `ServiceAccount ${sa.name}` }]));
    }
    return findings;
  },
};

const FIELDS = ['serviceAccountName', 'serviceAccount'] as const;

/** The ServiceAccount field the pod spec writes (`serviceAccountName: default`, or empty), if any. */
function writtenField(workload: WorkloadObject): (typeof FIELDS)[number] | undefined {
  return workload.serviceAccountField ?? FIELDS.find((field) => workload.podSpecNode?.has(field));
}

/** A ServiceAccount field written out: the finding sits on its value, and the fix replaces it (and a deprecated `serviceAccount: default` beside it). */
function replaceWritten(file: SourceFile, workload: WorkloadObject, name: string): { range: Range; fixes: Fix[] } {
  const spec = workload.podSpecNode!;
  const edits = FIELDS
    .map((field) => valueNode(spec, field))
    .filter((node): node is Scalar => isScalar(node) && (node.value ?? 'default') === 'default')
    .map((node) => replaceScalar(file, workload.doc, node, name));
  return {
    range: valueRange(file, workload, spec, writtenField(workload)!),
    fixes: edits.length ? [{ title: `Run as ServiceAccount ${name}`, isPreferred: true, edits }] : [],
  };
}

/** No ServiceAccount written: `serviceAccountName` goes on its own line above the pod spec's first key. */
function insertName(file: SourceFile, workload: WorkloadObject, name: string): Fix[] {
  const spec = workload.podSpecNode!;
  const firstKey = spec.items[0]?.key as { range?: number[] } | undefined;
  if (!firstKey?.range || spec.flow) return [];
  const keyStart = workload.doc.start + firstKey.range[0];
  const lineStart = file.text.lastIndexOf('\n', keyStart - 1);
  return [{ title: `Run as ServiceAccount ${name}`, isPreferred: true, edits: [insertAfterLineOf(file, Math.max(lineStart, 0), `${columnIndent(file, keyStart)}serviceAccountName: ${scalar(name)}`)] }];
}
