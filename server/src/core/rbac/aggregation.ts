import type { LabelSelector, PolicyRule, RbacRole } from './types';

/**
 * Why metav1.LabelSelectorAsSelector would reject a selector (unknown operator, In/NotIn without
 * values, Exists/DoesNotExist with values); undefined when it is usable.
 */
export function labelSelectorError(selector: LabelSelector): string | undefined {
  for (const expression of selector.matchExpressions ?? []) {
    const count = (expression.values ?? []).length;
    switch (expression.operator) {
      case 'In':
      case 'NotIn':
        if (count === 0) return `for 'in', 'notin' operators, values set can't be empty (key "${expression.key}")`;
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (count > 0) return `values set must be empty for exists and does not exist (key "${expression.key}")`;
        break;
      default:
        return `"${expression.operator}" is not a valid label selector operator`;
    }
  }
  return undefined;
}

/**
 * Whether a label selector selects an object with these labels: every matchLabels pair and every
 * expression must hold (NotIn and DoesNotExist hold when the key is absent). An empty selector selects
 * everything; an invalid one selects nothing.
 */
export function selectorMatches(selector: LabelSelector, labels: Record<string, string>): boolean {
  if (labelSelectorError(selector)) return false;
  const has = (key: string) => Object.prototype.hasOwnProperty.call(labels, key);
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) if (!has(key) || labels[key] !== value) return false;
  for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
    const ok =
      operator === 'In' ? has(key) && values.includes(labels[key])
      : operator === 'NotIn' ? !has(key) || !values.includes(labels[key])
      : operator === 'Exists' ? has(key)
      : !has(key);
    if (!ok) return false;
  }
  return true;
}

/** Identity of a rule for the controller's "already present" test (nil and empty lists are equal). */
export function ruleKey(rule: PolicyRule): string {
  return JSON.stringify([rule.verbs ?? [], rule.apiGroups ?? [], rule.resources ?? [], rule.resourceNames ?? [], rule.nonResourceURLs ?? []]);
}

const keys = new WeakMap<PolicyRule, string>();

/** ruleKey, computed once per rule object: the default roles' rules are aggregated again for every policy built. */
function cachedKey(rule: PolicyRule): string {
  let k = keys.get(rule);
  if (k === undefined) {
    k = ruleKey(rule);
    keys.set(rule, k);
  }
  return k;
}

const byName = (a: RbacRole, b: RbacRole) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * Sources that might be selected but are not known to be (a chart ClusterRole whose labels or name
 * could not be read): `might` gives, for each of their rules, the copy an aggregating role takes,
 * which counts as undecided (never granted).
 */
export interface UncertainSources {
  /** The selector might select it although its known labels do not say so (labels not known). */
  labelsUnknown: (role: RbacRole) => boolean;
  /** A source that might not exist as read (a partial object): every rule it gives is a "might" copy. */
  partial: (role: RbacRole) => boolean;
  might: (rule: PolicyRule, source: RbacRole) => PolicyRule;
}

/** One pass of the aggregation controller for one role, reading the current rules of the others. */
function aggregateOnce(role: RbacRole, sorted: RbacRole[], current: Map<RbacRole, PolicyRule[]>, undecided: (rule: PolicyRule) => boolean, uncertain?: UncertainSources): PolicyRule[] {
  const next: PolicyRule[] = [];
  const seen = new Map<string, number>();
  for (const selector of role.aggregationRule!.clusterRoleSelectors) {
    for (const source of sorted) {
      if (source === role || (source.name === role.name && !uncertain?.partial(source))) continue;
      const sure = selectorMatches(selector, source.labels ?? {});
      if (!sure && !uncertain?.labelsUnknown(source)) continue;
      const copies = !sure || !!uncertain?.partial(source);
      for (const written of current.get(source) ?? source.rules) {
        const rule = copies ? uncertain!.might(written, source) : written;
        const k = cachedKey(rule);
        const at = seen.get(k);
        // The same rule from a role that certainly renders makes it known.
        if (at !== undefined && undecided(next[at]) && !undecided(rule)) next[at] = rule;
        if (at !== undefined) continue;
        seen.set(k, next.length);
        next.push(rule);
      }
    }
  }
  return next;
}

const sameRules = (a: PolicyRule[], b: PolicyRule[]) => a.length === b.length && a.every((r, i) => r === b[i]);

/**
 * The rules of ClusterRoles as the aggregation controller leaves them: for a role with an
 * aggregationRule, for each selector in order, the matching ClusterRoles sorted by name (not itself),
 * their rules appended unless an identical one is already there; the result replaces the written
 * rules. Repeated to a fixed point so chains settle (aggregate-to-view → view → edit → admin). A role
 * whose selectors are invalid keeps its written rules, as the controller fails to sync it.
 */
export function aggregateClusterRoles(clusterRoles: RbacRole[], undecided: (rule: PolicyRule) => boolean = () => false, uncertain?: UncertainSources): Map<RbacRole, PolicyRule[]> {
  const sorted = [...clusterRoles].sort(byName);
  const aggregated = sorted.filter((r) => r.aggregationRule && !r.aggregationRule.clusterRoleSelectors.some(labelSelectorError));
  const isAggregated = new Set(aggregated);
  const rules = new Map<RbacRole, PolicyRule[]>(sorted.map((r) => [r, isAggregated.has(r) ? [] : r.rules]));
  // Rules only accumulate, so this settles; the bound guards against pathological cycles.
  for (let round = 0; round <= aggregated.length + 1; round++) {
    let changed = false;
    for (const role of aggregated) {
      const next = aggregateOnce(role, sorted, rules, undecided, uncertain);
      if (sameRules(next, rules.get(role)!)) continue;
      rules.set(role, next);
      changed = true;
    }
    if (!changed) break;
  }
  return rules;
}
