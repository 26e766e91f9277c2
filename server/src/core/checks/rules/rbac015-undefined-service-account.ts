import { echo, plain } from '../../emit/yaml-document';
import { insertDocumentsAfter } from '../../edits/insert-documents';
import { nearest } from '../../catalog/suggest';
import { replaceScalar } from '../../edits/yaml-edits';
import type { Fix } from '../../edits/types';
import { lookupOf } from '../../model/object-lookup';
import { valueNode } from '../../model/yaml-nodes';
import { patchedField } from '../../kustomize/patched-fields';
import type { ServiceAccountObject, WorkloadObject } from '../../model/types';
import { checkInfo } from '../check-catalog';
import type { Check, CheckContext } from '../check';
import { finding, rangeOfNode } from '../helpers';
import type { Finding } from '../types';
import { positioned } from '../../model/syntax-trees';

const info = checkInfo('RBAC015')!;

export const rbac015: Check = {
  ...info,
  run(context) {
    const findings: Finding[] = [];
    const lookup = lookupOf(context.index);
    // Grouped once per run: many workloads share a namespace, and scanning its accounts for each would be quadratic.
    const groups = new Map<string, { accounts: ServiceAccountObject[]; names: Set<string> }>();
    const accountsIn = (namespace: string, source: string) => {
      const key = `${source}\u0000${namespace}`;
      let group = groups.get(key);
      if (!group) {
        const accounts = lookup.serviceAccountsIn(namespace).filter((sa) => sa.namespace!.source === source);
        group = { accounts, names: new Set(accounts.map((sa) => sa.name)) };
        groups.set(key, group);
      }
      return group;
    };
    for (const workload of context.index.workloads) {
      const name = workload.serviceAccountName;
      if (!name || name === 'default' || !positioned(workload.doc) || !workload.namespace || !workload.podSpecNode) continue;
      const namespace = workload.namespace.value;
      const here = accountsIn(namespace, workload.namespace.source);
      // Only when these manifests manage ServiceAccounts in that namespace is a missing one a finding.
      if (here.accounts.length === 0 || here.names.has(name)) continue;
      if (lookup.serviceAccountsNamed(name).length > 0) continue; // RBAC013/RBAC018 territory
      if (context.cluster?.serviceAccounts.has(`${namespace}/${name}`)) continue; // exists in the connected cluster
      // A kustomize patch that set the name is where it is written: pointed at and fixed there.
      const patched = patchedField(workload, 'serviceAccountName');
      const at: WorkloadObject = patched ? { ...workload, doc: patched.doc, podSpecNode: patched.map, serviceAccountField: 'serviceAccountName' } : workload;
      const file = context.fileOf(at);
      const field = valueNode(at.podSpecNode, at.serviceAccountField ?? 'serviceAccountName');
      findings.push(finding(info, file, rangeOfNode(file, at, field),
        `ServiceAccount "${name}" is not defined in namespace ${namespace}, where these manifests define ${here.accounts.length} other ServiceAccount(s): the pods will not start (serviceaccount "${name}" not found).`,
        fixes(context, at, here.accounts.map((sa) => sa.name), patched !== undefined)));
    }
    return findings;
  },
};

function fixes(context: CheckContext, workload: WorkloadObject, names: string[], inPatch: boolean): Fix[] {
  const file = context.fileOf(workload);
  const field = valueNode(workload.podSpecNode, workload.serviceAccountField ?? 'serviceAccountName')!;
  const out: Fix[] = [];
  const near = nearest(workload.serviceAccountName!, names);
  if (near) out.push({ title: `Change to ${near}`, isPreferred: true, edits: [replaceScalar(file, workload.doc, field, near)] });
  // Not into a patch file: every document there is read as a patch.
  if (workload.listIndex === undefined && !inPatch) {
    const namespace = workload.namespace!.source === 'implicit' ? undefined : echo(workload.namespace!.value);
    out.push({
      title: `Create ServiceAccount ${workload.serviceAccountName}`,
      edits: [insertDocumentsAfter(file, workload.doc, [{ body: { apiVersion: plain('v1'), kind: plain('ServiceAccount'), metadata: { name: echo(workload.serviceAccountName!), namespace } } }])],
    });
  }
  return out;
}
