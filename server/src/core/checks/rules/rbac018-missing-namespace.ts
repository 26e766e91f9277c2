import { scalar } from '../../emit/yaml-scalar';
import { columnIndent, insertAfterLineOf } from '../../edits/yaml-edits';
import type { Fix } from '../../edits/types';
import { objectLocation } from '../../model/locate';
import { lookupOf } from '../../model/object-lookup';
import { offsetToPosition } from '../../model/positions';
import { mapAt, valueNode } from '../../model/yaml-nodes';
import type { K8sObject } from '../../model/types';
import { checkInfo } from '../check-catalog';
import type { Check, CheckContext } from '../check';
import { finding, nameRange } from '../helpers';
import type { Finding, Severity } from '../types';
import { positioned } from '../../model/syntax-trees';

const info = checkInfo('RBAC018')!;

const explicit = (o: K8sObject) => o.namespace !== undefined && o.namespace.source !== 'implicit';

/**
 * An object without a namespace lands wherever `kubectl apply -n` puts it, while what it refers to names
 * one. Workloads with a namespace-less manifest are common (installed with -n): only a hint there.
 */
export const rbac018: Check = {
  ...info,
  run(context) {
    const findings: Finding[] = [];
    const report = (object: K8sObject, partner: K8sObject, what: string, severity: Severity) => {
      if (!positioned(object.doc)) return;
      const file = context.fileOf(object);
      const ns = partner.namespace!.value;
      findings.push({
        ...finding(info, file, nameRange(file, object),
          `${object.kind} ${object.name} has no namespace, but ${what} is in ${ns}: unless it is applied with -n ${ns}, they will not meet.`,
          addNamespaceFix(context, object, ns), [{ location: objectLocation(context.fileOf(partner), partner), message: `${partner.kind} ${ns}/${partner.name}` }]),
        severity,
      });
    };
    const { index } = context;
    const lookup = lookupOf(index);
    for (const binding of index.bindings) {
      if (binding.kind !== 'RoleBinding' || binding.namespace?.source !== 'implicit' || binding.roleRef.kind !== 'Role') continue;
      const roles = lookup.rolesNamed('Role', binding.roleRef.name);
      if (roles.length === 1 && explicit(roles[0])) report(binding, roles[0], `the Role ${roles[0].name} it binds`, 'warning');
    }
    for (const role of index.roles) {
      if (role.kind !== 'Role' || role.namespace?.source !== 'implicit') continue;
      const bindings = lookup.bindingsReferringTo('Role', role.name).filter((b) => b.kind === 'RoleBinding');
      const sameName = lookup.rolesNamed('Role', role.name).length + lookup.rolesNamed('ClusterRole', role.name).length;
      if (bindings.length === 1 && explicit(bindings[0]) && sameName === 1) {
        report(role, bindings[0], `the RoleBinding ${bindings[0].name} that binds it`, 'warning');
      }
    }
    for (const workload of index.workloads) {
      if (workload.namespace?.source !== 'implicit') continue;
      const name = workload.serviceAccountName;
      if (!name || name === 'default') continue;
      const accounts = lookup.serviceAccountsNamed(name);
      if (accounts.length === 1 && explicit(accounts[0])) report(workload, accounts[0], `its ServiceAccount ${name}`, 'information');
    }
    return findings;
  },
};

function addNamespaceFix(context: CheckContext, object: K8sObject, namespace: string): Fix[] {
  const metadata = mapAt(object.node, 'metadata');
  const name = valueNode(metadata, 'name');
  if (!metadata || !name?.range) return [];
  const file = context.fileOf(object);
  if (metadata.flow) {
    const end = object.doc.start + name.range[1];
    const position = offsetToPosition(file.lineStarts, end);
    const at = { start: position, end: position };
    return [{ title: `Set namespace ${namespace}`, isPreferred: true, edits: [{ file: file.path, range: at, newText: `, namespace: ${scalar(namespace)}` }] }];
  }
  const keyStart = object.doc.start + (metadata.items.find((p) => (p.key as { value?: unknown }).value === 'name')!.key as { range: number[] }).range[0];
  return [{ title: `Set namespace ${namespace}`, isPreferred: true, edits: [insertAfterLineOf(file, object.doc.start + name.range[1], `${columnIndent(file, keyStart)}namespace: ${scalar(namespace)}`)] }];
}
