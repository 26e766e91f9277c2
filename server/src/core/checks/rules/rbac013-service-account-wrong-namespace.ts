import { replaceScalar } from '../../edits/yaml-edits';
import { objectLocation } from '../../model/locate';
import { lookupOf } from '../../model/object-lookup';
import { stringAt, valueNode } from '../../model/yaml-nodes';
import { subjectNamespace } from '../../navigation/relations';
import { checkInfo } from '../check-catalog';
import type { Check } from '../check';
import { finding, positionedSubjects, rangeOfNode } from '../helpers';
import type { Finding } from '../types';

const info = checkInfo('RBAC013')!;

export const rbac013: Check = {
  ...info,
  run(context) {
    const findings: Finding[] = [];
    const lookup = lookupOf(context.index);
    for (const binding of context.index.bindings) {
      // `at` is the binding seen where the subject is written (a kustomize patch's document, for a subject a patch wrote).
      for (const { binding: at, file, node, subject } of positionedSubjects(context, binding)) {
        if (subject.kind !== 'ServiceAccount' || !subject.name) continue;
        const namespace = subjectNamespace(binding, subject);
        // Only a namespace someone wrote down is evidence; an assumed one proves nothing.
        if (!namespace || (!subject.namespace && binding.namespace?.source === 'implicit')) continue;
        if (lookup.serviceAccount(namespace, subject.name)) continue;
        if (context.cluster?.serviceAccounts.has(`${namespace}/${subject.name}`)) continue; // it exists in the connected cluster
        // A build may have renamed the ServiceAccount: the subject may still use the name written in its file.
        const elsewhere = lookup.serviceAccountsNamedOrWritten(subject.name).filter((sa) => sa.namespace && sa.namespace.source !== 'implicit');
        if (elsewhere.length === 0) continue;
        const others = [...new Set(elsewhere.map((sa) => sa.namespace!.value))];
        const nsNode = valueNode(node, 'namespace');
        // The fix points at a ServiceAccount the binding can reach by that name: one defined so, or one its
        // own kustomize build renames along with the subject (an account of another build is not reached).
        const builds = new Set(binding.kustomize?.builds ?? []);
        const reachable = elsewhere.filter((sa) => lookup.serviceAccount(sa.namespace!.value, subject.name) === sa || sa.kustomize?.builds.some((b) => builds.has(b)));
        const targets = [...new Set(reachable.map((sa) => sa.namespace!.value))];
        findings.push(finding(info, file, rangeOfNode(file, at, nsNode ?? valueNode(node, 'name') ?? node),
          `ServiceAccount ${namespace}/${subject.name} is not defined here; ${subject.name} is defined in ${others.join(', ')}. This grant goes to a ServiceAccount no workload of these manifests uses.`,
          targets.length === 1 && others.length === 1 && nsNode && stringAt(node, 'namespace') !== undefined
            ? [{ title: `Point at ${targets[0]}/${subject.name}`, isPreferred: true, edits: [replaceScalar(file, at.doc, nsNode, targets[0])] }]
            : [],
          elsewhere.map((sa) => ({ location: objectLocation(context.fileOf(sa), sa), message: `ServiceAccount ${sa.namespace!.value}/${sa.name}` }))));
      }
    }
    return findings;
  },
};
