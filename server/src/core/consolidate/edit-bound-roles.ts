import type { CheckContext } from '../checks/check';
import type { TextEdit } from '../edits/types';
import { editRoleToGrantAll } from '../fix-forbidden/edit-existing-role';
import { repairNearMiss } from '../fix-forbidden/repair-near-miss';
import type { RoleObject } from '../model/types';
import { indexOf, type PolicyIndex } from '../rbac/policy-index';
import { defaultRoleReason } from '../rbac/default-roles';
import { editReach, reachesOnlySubject } from '../fix-forbidden/edit-reach';
import { identityOf, subjectMatches } from '../rbac/subjects';
import type { PolicyRule, RbacBinding, RbacRole } from '../rbac/types';
import { compactRules } from './compact-rules';
import type { SubjectChange } from './types';

/** The rules a subject lacks in one namespace, or cluster-wide (namespace undefined). */
export interface Bucket {
  namespace: string | undefined;
  rules: PolicyRule[];
}

/**
 * Where the subject already holds a workspace role through a binding of that scope (a RoleBinding in
 * the namespace, a ClusterRoleBinding for cluster-wide needs) and that role reaches the subject alone
 * (every binding to it and to the roles it is aggregated into names only the subject, in that scope;
 * a connected cluster's bindings included), it is edited once with every rule it lacks. Default roles
 * never are. Returns the buckets no such role could take.
 */
export function editBoundRoles(context: CheckContext, index: PolicyIndex, change: SubjectChange, buckets: Bucket[]): Bucket[] {
  if (context.model.allFiles().length === 0) return buckets;
  const user = identityOf(change.asUser, change.groups);
  const indexes = context.cluster ? [index, indexOf(context.cluster.policy)] : [index];
  const targets = new Map<RbacRole, { binding: RbacBinding; rules: PolicyRule[]; buckets: Bucket[] }>();
  for (const bucket of buckets) {
    const bindings = bucket.namespace === undefined
      ? index.clusterRoleBindings.filter((b) => b.subjects.some((s) => subjectMatches(s, undefined, user)))
      : index.roleBindingsIn(bucket.namespace).filter((b) => b.subjects.some((s) => subjectMatches(s, bucket.namespace, user)));
    const found = bindings.map((binding) => ({ binding, role: index.resolve(binding.roleRef, binding.namespace) }))
      .find(({ role }) => role && role.origin.source === 'workspace' && !role.aggregationRule && !defaultRoleReason(role)
        && reachesOnlySubject(editReach(indexes, role, change.asUser, bucket.namespace)));
    if (!found) continue;
    const target = targets.get(found.role!) ?? { binding: found.binding, rules: [], buckets: [] };
    target.rules.push(...bucket.rules);
    target.buckets.push(bucket);
    targets.set(found.role!, target);
  }
  const taken = new Set<Bucket>();
  for (const [role, target] of targets) {
    const object = context.index.roles.find((r) => r.kind === role.kind && r.name === role.name && (r.kind === 'ClusterRole' || r.namespace?.value === role.namespace));
    if (!object) continue;
    const rules = compactRules(target.rules);
    const edits = editsFor(context, object, rules);
    if (!edits) continue;
    for (const bucket of target.buckets) taken.add(bucket);
    const { binding } = target;
    change.edits.push({
      kind: role.kind, name: role.name, namespace: role.namespace, rules,
      binding: { kind: binding.kind, name: binding.name, namespace: binding.namespace },
      edits: mergeInsertions(edits),
    });
  }
  return buckets.filter((b) => !taken.has(b));
}

/**
 * The edits that make a role grant every rule: a near-miss entry (`pods/logs`, a wrong group, a misspelt
 * verb) is repaired rather than duplicated, at most once per existing rule; the rest is added.
 */
function editsFor(context: CheckContext, object: RoleObject, rules: PolicyRule[]): TextEdit[] | undefined {
  const file = context.fileOf(object);
  const edits: TextEdit[] = [];
  const repaired = new Set<number>();
  const rest: PolicyRule[] = [];
  for (const rule of rules) {
    for (const single of singleResourceRules(rule)) {
      const repair = repairNearMiss(file, object, single, context.catalog);
      if (repair && !repaired.has(repair.ruleIndex)) {
        repaired.add(repair.ruleIndex);
        edits.push(...repair.edits);
      } else {
        rest.push(single);
      }
    }
  }
  const added = editRoleToGrantAll(file, object, compactRules(rest));
  return added ? [...edits, ...added] : undefined;
}

function singleResourceRules(rule: PolicyRule): PolicyRule[] {
  if (rule.nonResourceURLs) return [rule];
  return (rule.resources ?? []).map((resource) => ({ ...rule, resources: [resource] }));
}

/** Insertions at the same place (several new rules after the last one) become one edit, in order. */
function mergeInsertions(edits: TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const edit of edits) {
    const same = out.find((e) => e.file === edit.file && samePoint(e, edit));
    if (same && isInsertion(edit)) same.newText += edit.newText;
    else out.push({ ...edit });
  }
  return out;
}

const isInsertion = (e: TextEdit) => e.range.start.line === e.range.end.line && e.range.start.character === e.range.end.character;
const samePoint = (a: TextEdit, b: TextEdit) => isInsertion(a) && a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character;
