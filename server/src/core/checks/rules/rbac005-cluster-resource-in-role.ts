import { splitResource } from '../../catalog/catalog';
import { echo, plain, type YamlDocument } from '../../emit/yaml-document';
import { insertDocumentsAfter } from '../../edits/insert-documents';
import type { Fix } from '../../edits/types';
import { seqAt } from '../../model/yaml-nodes';
import { subjectItem } from '../../edits/render-rule';
import { freeName } from '../../fix-forbidden/free-names';
import { ruleMap } from '../../fix-forbidden/render-grant';
import { nearMissBindingsOf, subjectsOf } from '../near-miss-bindings';
import { checkInfo } from '../check-catalog';
import type { Check, CheckContext } from '../check';
import { finding, rangeOfNode, roleRuleNodes, scalarItems, type RuleNodes } from '../helpers';
import { perDocument } from '../document-memo';
import type { ResourceCatalog } from '../../catalog/catalog';
import type { RoleObject, SourceFile } from '../../model/types';
import { removeResourceFromRule, ruleData } from '../rule-edits';
import type { Finding } from '../types';
import { bindingsOfRole, subjectNamespace } from '../../navigation/relations';
import { canI } from '../../rbac/authorize';
import { indexOf } from '../../rbac/policy-index';
import { identityOf, subjectUserName } from '../../rbac/subjects';
import { positioned } from '../../model/syntax-trees';

const info = checkInfo('RBAC005')!;
/** get/update/patch/delete of `namespaces/NAME` is evaluated in namespace NAME: a Role can grant its own namespace. */
const OWN_NAMESPACE_VERBS = ['get', 'update', 'patch', 'delete', '*'];

export const rbac005: Check = {
  ...info,
  run(context) {
    const findings: Finding[] = [];
    for (const role of context.index.roles) {
      // Rules a kustomize patch replaced are not what the build emits: judging them would contradict it.
      if (role.kind !== 'Role' || !positioned(role.doc) || role.kustomize?.rulesReplaced) continue;
      const file = context.fileOf(role);
      // Reading the rules depends on the document and the catalog only: kept per document, so a keystroke reads one.
      const candidates = perDocument(`RBAC005/${role.doc.objects.indexOf(role)}`, file, role.doc, [context.catalog, role], () => clusterScopedItems(context.catalog, role, file));
      for (const { rule: kept, item, groups, verbs, base, deadVerbs } of candidates) {
        const rule = { ...kept, file };
        const message = deadVerbs
          ? `Role cannot grant ${deadVerbs.map((v) => `\`${v}\``).join(', ')} on \`${item.value}\`: ${base} are cluster-scoped, and a Role reaches only get, update, patch and delete of its own Namespace. Grant ${deadVerbs.length === 1 ? 'it' : 'them'} with a ClusterRole and a ClusterRoleBinding.`
          : `Role cannot grant \`${item.value}\`: ${base} are cluster-scoped, so this rule never matches. Grant it with a ClusterRole and a ClusterRoleBinding.`;
        const grantedBy = clusterGrant(context, role, groups, item.value, deadVerbs ?? verbs);
        // Moving the resource would also move the verbs that work in the Role's own namespace (widening them cluster-wide): no fix then.
        findings.push(grantedBy
          ? { ...finding(info, file, rangeOfNode(file, role, item.node), `${message} Harmless here: its subjects already get it from ${grantedBy}.`, []), severity: 'information' }
          : finding(info, file, rangeOfNode(file, role, item.node), message, deadVerbs ? [] : moveToClusterRole(context, rule, item.index)));
      }
    }
    return findings;
  },
};

interface ClusterScopedItem {
  rule: RuleNodes;
  item: ReturnType<typeof scalarItems>[number];
  groups: string[];
  verbs: string[];
  base: string;
  /** For `namespaces` beside verbs that reach the Role's own Namespace: the verbs that never match. */
  deadVerbs?: string[];
}

/** The resources of a Role's rules that are cluster-scoped in every listed group. */
function clusterScopedItems(catalog: ResourceCatalog, role: RoleObject, file: SourceFile): ClusterScopedItem[] {
  const out: ClusterScopedItem[] = [];
  for (const rule of roleRuleNodes(role, file)) {
    const groups = scalarItems(rule.fields.apiGroups).map((g) => g.value);
    const verbs = scalarItems(rule.fields.verbs).map((v) => v.value);
    for (const item of scalarItems(rule.fields.resources)) {
      const [base] = splitResource(item.value);
      if (base === '*') continue;
      const infos = groups.map((g) => catalog.lookup(g, base)).filter((i) => i !== undefined);
      if (infos.length === 0 || infos.some((i) => i!.namespaced)) continue;
      // The exception is per verb: `list` and `watch` beside `get` are still dead.
      const dead = base === 'namespaces' && verbs.some((v) => OWN_NAMESPACE_VERBS.includes(v)) ? verbs.filter((v) => !OWN_NAMESPACE_VERBS.includes(v)) : undefined;
      if (dead?.length === 0) continue;
      out.push({ rule, item, groups, verbs, base, deadVerbs: dead });
    }
  }
  return out;
}

/**
 * Moves the resource to a new ClusterRole bound (cluster-wide) to the subjects the Role was meant for:
 * those of its bindings, and those of a binding whose roleRef nearly names it (a typo RBAC009 reports).
 * With neither, the title says that the new ClusterRole binds nobody.
 */
function moveToClusterRole(context: CheckContext, rule: RuleNodes, resourceIndex: number): Fix[] {
  const role = rule.role;
  if (role.listIndex !== undefined) return [];
  const data = ruleData(rule);
  const resource = data.resources![resourceIndex];
  const policy = indexOf(context.policy);
  const name = freeName(policy, 'ClusterRole', undefined, `${role.name}-cluster`);
  const direct = subjectsOf(bindingsOfRole(context.index, role));
  const nearMisses = nearMissBindingsOf(context, role);
  const subjects = subjectsOf([...bindingsOfRole(context.index, role), ...nearMisses]);
  const moved = { apiGroups: data.apiGroups, resources: [resource], ...(data.resourceNames ? { resourceNames: data.resourceNames } : {}), verbs: data.verbs };
  const documents: YamlDocument[] = [{
    body: { apiVersion: plain('rbac.authorization.k8s.io/v1'), kind: plain('ClusterRole'), metadata: { name: echo(name) }, rules: [ruleMap(moved)] },
  }];
  if (subjects.length) {
    documents.push({
      body: {
        apiVersion: plain('rbac.authorization.k8s.io/v1'), kind: plain('ClusterRoleBinding'), metadata: { name: echo(name) },
        roleRef: { apiGroup: plain('rbac.authorization.k8s.io'), kind: plain('ClusterRole'), name: echo(name) },
        subjects: subjects.map(subjectItem),
      },
    });
  }
  const meant = nearMisses.map((b) => `${b.kind} ${b.name} (its roleRef ${b.roleRef.name} nearly names ${role.name})`).join(', ');
  const bound = subjects.length === 0 ? ` (binds nobody: no binding names Role ${role.name})`
    : nearMisses.length === 0 ? ' bound to the same subjects'
      : direct.length === 0 ? ` bound to the subjects of ${meant}` : ` bound to the same subjects and those of ${meant}`;
  return [{
    title: `Move ${resource} to a new ClusterRole ${name}${bound}`,
    isPreferred: true,
    edits: [removeResourceFromRule(rule, resourceIndex, seqAt(role.node, 'rules')!), insertDocumentsAfter(rule.file, role.doc, documents)],
  }];
}

/** The cluster-wide grant that already gives every subject of this Role the resource, if any. */
function clusterGrant(context: CheckContext, role: RuleNodes['role'], groups: string[], resource: string, verbs: string[]): string | undefined {
  const bindings = bindingsOfRole(context.index, role);
  const subjects = bindings.flatMap((b) => b.subjects.map((s) => (s.kind === 'ServiceAccount' ? { ...s, namespace: subjectNamespace(b, s) } : s)));
  if (subjects.length === 0) return undefined;
  const index = indexOf(context.policy);
  const [base, sub] = splitResource(resource);
  let grantedBy: string | undefined;
  for (const subject of subjects) {
    const user = identityOf(subjectUserName(subject, subject.namespace));
    for (const verb of verbs.filter((v) => v !== '*')) {
      const decision = canI(index, user, { kind: 'resource', verb, apiGroup: groups.find((g) => context.catalog.lookup(g, base)) ?? groups[0], resource: base, subresource: sub });
      if (!decision.allowed) return undefined;
      grantedBy = `${decision.decidedBy!.role.kind} ${decision.decidedBy!.role.name}`;
    }
  }
  return grantedBy;
}
