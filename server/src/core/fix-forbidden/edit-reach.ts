import { labelSelectorError, selectorMatches } from '../rbac/aggregation';
import { defaultRoleReason } from '../rbac/default-roles';
import { partialBindingsReaching } from '../rbac/partial-grants';
import type { PolicyIndex } from '../rbac/policy-index';
import { AUTHENTICATED_GROUP, MASTERS_GROUP, SERVICE_ACCOUNTS_GROUP, UNAUTHENTICATED_GROUP, serviceAccountUser } from '../rbac/subjects';
import type { RbacRole } from '../rbac/types';

/** Who gains when a role is edited, besides the subject the edit is for. */
export interface EditReach {
  /** Why the role is never edited: it is a default role. */
  defaultRole?: string;
  /** Everyone else who gains, in words: `ServiceAccount shop/batch`, `User alice`, `every authenticated user`. */
  others: string[];
  /** Where the subject itself gains beyond the denied scope: `namespace dev`, `every namespace (ClusterRoleBinding x)`. */
  wider: string[];
  /** The aggregating ClusterRoles the edited rules flow into. */
  aggregatedInto: string[];
}

/** An edit reaches exactly the subject, in exactly the denied scope: the only edit offered first. */
export const reachesOnlySubject = (reach: EditReach) => !reach.defaultRole && reach.others.length === 0 && reach.wider.length === 0;

/**
 * Who an edit of `role` grants something to: every subject of every binding to it (RoleBindings to a
 * ClusterRole in any namespace included), and of every binding to the ClusterRoles an aggregationRule
 * pulls it into, transitively, in each policy given (the workspace merged with the cluster, and the
 * cluster's own bindings, which the workspace may lack). `asUser` is the subject's user name
 * (`system:serviceaccount:NS:NAME` for a ServiceAccount); `namespace` the denied request's namespace
 * (undefined: a cluster-scoped request). A Group subject is always someone else.
 */
export function editReach(indexes: PolicyIndex[], role: RbacRole, asUser: string, namespace: string | undefined): EditReach {
  const others = new Set<string>();
  const wider = new Set<string>();
  const aggregatedInto = new Set<string>();
  const defaultRole = defaultRoleReason(role);
  for (const index of indexes) {
    // Labels that could not be read might be any labels: every aggregating ClusterRole might take its rules.
    if (role.kind === 'ClusterRole' && role.undecided?.labels && index.allRoles().some((r) => r.kind === 'ClusterRole' && r.aggregationRule)) others.add('everyone bound to a ClusterRole whose aggregationRule might select it (its labels could not be read)');
    for (const reached of [role, ...aggregatorsOf(index, role)]) {
      if (reached !== role) {
        aggregatedInto.add(reached.name);
        // Clusters bind the defaults widely, whatever the workspace says.
        if (defaultRoleReason(reached)) others.add(`everyone bound to the default ClusterRole ${reached.name}`);
      }
      // Chart bindings that could not be read whole might bind it too; subjects that could not be read might be anyone.
      const partial = partialBindingsReaching(index, reached);
      for (const binding of partial) others.add(`the subjects of ${binding.kind} ${binding.name}${binding.namespace ? ` in ${binding.namespace}` : ''}, which could not be read (${binding.unknownParts!.why}) and might bind it`);
      for (const binding of index.bindingsOfRole(reached)) {
        if (binding.undecided?.unread?.length) others.add(`subjects of ${binding.kind} ${binding.name} that could not be read`);
        for (const subject of binding.subjects) {
          if (subject.kind === 'Group') {
            others.add(groupInWords(subject.name));
            continue;
          }
          const user = subject.kind === 'User' ? subject.name
            : subject.kind === 'ServiceAccount' && (subject.namespace || binding.namespace) ? serviceAccountUser(subject.namespace || binding.namespace!, subject.name)
            : undefined;
          // Other kinds (and a ServiceAccount without a namespace) match nobody.
          if (user === undefined) continue;
          if (user !== asUser) {
            others.add(subject.kind === 'User' ? `User ${subject.name}` : `ServiceAccount ${subject.namespace || binding.namespace}/${subject.name}`);
            continue;
          }
          if (namespace === undefined) continue;
          if (binding.kind === 'ClusterRoleBinding') wider.add(`every namespace (ClusterRoleBinding ${binding.name})`);
          else if (binding.namespace !== namespace) wider.add(`namespace ${binding.namespace}`);
        }
      }
    }
  }
  return { defaultRole, others: [...others].sort(), wider: [...wider].sort(), aggregatedInto: [...aggregatedInto].sort() };
}

/** A Group subject as a person reads it. */
export function groupInWords(group: string): string {
  if (group === AUTHENTICATED_GROUP) return 'every authenticated user';
  if (group === UNAUTHENTICATED_GROUP) return 'every unauthenticated (anonymous) request';
  if (group === SERVICE_ACCOUNTS_GROUP) return 'every ServiceAccount';
  if (group.startsWith(`${SERVICE_ACCOUNTS_GROUP}:`)) return `every ServiceAccount in ${group.slice(SERVICE_ACCOUNTS_GROUP.length + 1)}`;
  if (group === MASTERS_GROUP) return `group ${MASTERS_GROUP}`;
  return `every member of group ${group}`;
}

const aggregatorCache = new WeakMap<PolicyIndex, RbacRole[]>();

/** The ClusterRoles whose aggregationRule selects `role`, and those that select them, and so on. */
function aggregatorsOf(index: PolicyIndex, role: RbacRole): RbacRole[] {
  if (role.kind !== 'ClusterRole') return [];
  let aggregating = aggregatorCache.get(index);
  if (!aggregating) {
    aggregating = index.allRoles().filter((r) => r.kind === 'ClusterRole' && r.aggregationRule && !r.aggregationRule.clusterRoleSelectors.some(labelSelectorError));
    aggregatorCache.set(index, aggregating);
  }
  const found: RbacRole[] = [];
  const seen = new Set<string>([role.name]);
  const queue = [role];
  while (queue.length) {
    const source = queue.shift()!;
    for (const candidate of aggregating) {
      if (seen.has(candidate.name)) continue;
      if (!candidate.aggregationRule!.clusterRoleSelectors.some((s) => selectorMatches(s, source.labels ?? {}))) continue;
      seen.add(candidate.name);
      found.push(candidate);
      queue.push(candidate);
    }
  }
  return found;
}

/** "also gained by ServiceAccount shop/batch, every authenticated user; api also gains it in namespace dev". */
export function describeReach(reach: EditReach, subjectName: string): string {
  const parts: string[] = [];
  if (reach.others.length) parts.push(`also gained by ${reach.others.join(', ')}`);
  if (reach.wider.length) parts.push(`${subjectName} also gains it in ${reach.wider.join(', ')}`);
  return parts.join('; ');
}
