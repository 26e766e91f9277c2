import { scalar } from '../../emit/yaml-scalar';
import { columnIndent, insertAfterLineOf, replaceScalar } from '../../edits/yaml-edits';
import { lookupOf } from '../../model/object-lookup';
import { stringAt, valueNode } from '../../model/yaml-nodes';
import type { BindingObject } from '../../model/types';
import { checkInfo } from '../check-catalog';
import type { Check, CheckContext } from '../check';
import { finding, rangeOfNode, subjectNodes, valueRange } from '../helpers';
import type { Finding } from '../types';
import { positioned } from '../../model/syntax-trees';

const info = checkInfo('RBAC012')!;
const RBAC_GROUP = 'rbac.authorization.k8s.io';
const KINDS = ['ServiceAccount', 'User', 'Group'];
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export const rbac012: Check = {
  ...info,
  run(context) {
    const findings: Finding[] = [];
    for (const binding of context.index.bindings) {
      if (positioned(binding.doc)) findings.push(...checkSubjects(context, binding));
    }
    return findings;
  },
};

function checkSubjects(context: CheckContext, binding: BindingObject): Finding[] {
  const file = context.fileOf(binding);
  const out: Finding[] = [];
  for (const node of subjectNodes(binding)) {
    const kind = stringAt(node, 'kind');
    const name = stringAt(node, 'name');
    const apiGroup = stringAt(node, 'apiGroup');
    const namespace = stringAt(node, 'namespace');
    const at = (key: string) => (valueNode(node, key) ? valueRange(file, binding, node, key) : rangeOfNode(file, binding, node));
    if (kind === undefined || !KINDS.includes(kind)) {
      const near = KINDS.find((k) => k.toLowerCase() === (kind ?? '').toLowerCase());
      out.push(finding(info, file, at('kind'),
        `Subject kind must be ServiceAccount, User or Group${kind ? `, not "${kind}"` : ''}: the API server rejects this ${binding.kind}.`,
        near && valueNode(node, 'kind') ? [{ title: `Change to ${near}`, isPreferred: true, edits: [replaceScalar(file, binding.doc, valueNode(node, 'kind')!, near)] }] : []));
      continue;
    }
    if (name === undefined || name === '') {
      out.push(finding(info, file, at('name'), `Subject name is required: the API server rejects a ${kind} subject without one.`));
    }
    if (kind === 'ServiceAccount') {
      if (apiGroup !== undefined && apiGroup !== '') {
        out.push(finding(info, file, at('apiGroup'),
          `A ServiceAccount subject's apiGroup must be "" (the core group), not "${apiGroup}": the API server rejects this ${binding.kind}.`,
          [{ title: 'Change apiGroup to ""', isPreferred: true, edits: [replaceScalar(file, binding.doc, valueNode(node, 'apiGroup')!, '')] }]));
      }
      if (name && !DNS_SUBDOMAIN.test(name)) {
        out.push(finding(info, file, at('name'), `"${name}" is not a valid ServiceAccount name (lower-case letters, digits, '-' and '.'): the API server rejects this ${binding.kind}.`));
      }
      if (binding.kind === 'ClusterRoleBinding' && !namespace) {
        const guess = (name ? lookupOf(context.index).serviceAccountsNamed(name) : []).filter((sa) => sa.namespace?.source !== 'implicit').map((sa) => sa.namespace!.value);
        const unique = [...new Set(guess)];
        const nameNode = valueNode(node, 'name');
        out.push(finding(info, file, at('name'),
          'A ServiceAccount subject of a ClusterRoleBinding needs a namespace: the API server rejects it without one.',
          unique.length === 1 && nameNode && !node.flow
            ? [{ title: `Add namespace: ${unique[0]}`, isPreferred: true, edits: [insertAfterLineOf(file, binding.doc.start + nameNode.range![0], `${columnIndent(file, binding.doc.start + (node.range?.[0] ?? 0))}namespace: ${scalar(unique[0])}`)] }]
            : []));
      }
    } else if (apiGroup !== undefined && apiGroup !== '' && apiGroup !== RBAC_GROUP) {
      out.push(finding(info, file, at('apiGroup'),
        `A ${kind} subject's apiGroup must be ${RBAC_GROUP}, not "${apiGroup}": the API server rejects this ${binding.kind}.`,
        [{ title: `Change apiGroup to ${RBAC_GROUP}`, isPreferred: true, edits: [replaceScalar(file, binding.doc, valueNode(node, 'apiGroup')!, RBAC_GROUP)] }]));
    }
  }
  return out;
}

