import type { LabelSelector, PolicyRule, RbacRole } from './types';

export function selectorMatches(selector: LabelSelector, labels: Record<string, string>): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) if (labels[key] !== value) return false;
  for (const expression of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, expression.key);
    const values = expression.values ?? [];
    switch (expression.operator) {
      case 'In':
        if (!has || !values.includes(labels[expression.key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[expression.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  // As metav1.LabelSelectorAsSelector: an empty selector selects every ClusterRole.
  return true;
}

function sameRule(a: PolicyRule, b: PolicyRule): boolean {
  return JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
}

function normalise(rule: PolicyRule): PolicyRule {
  return {
    verbs: rule.verbs,
    apiGroups: rule.apiGroups ?? [],
    resources: rule.resources ?? [],
    resourceNames: rule.resourceNames ?? [],
    nonResourceURLs: rule.nonResourceURLs ?? [],
  };
}

/**
 * The rules of ClusterRoles with an aggregationRule, as the aggregation controller computes them: for
 * each selector in order, the matching ClusterRoles sorted by name (not itself), their rules appended
 * unless identical to one already there. Hand-written rules are replaced. Repeated to a fixed point so
 * chains (view → edit → admin) settle.
 */
export function aggregateClusterRoles(clusterRoles: RbacRole[]): Map<RbacRole, PolicyRule[]> {
  const sorted = [...clusterRoles].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const rules = new Map<RbacRole, PolicyRule[]>(sorted.map((r) => [r, r.aggregationRule ? [] : r.rules]));
  const aggregated = sorted.filter((r) => r.aggregationRule);
  for (let round = 0; round <= aggregated.length; round++) {
    let changed = false;
    for (const role of aggregated) {
      const next: PolicyRule[] = [];
      for (const selector of role.aggregationRule!.clusterRoleSelectors) {
        for (const source of sorted) {
          if (source === role || !selectorMatches(selector, source.labels)) continue;
          for (const rule of rules.get(source)!) if (!next.some((r) => sameRule(r, rule))) next.push(rule);
        }
      }
      if (JSON.stringify(next) !== JSON.stringify(rules.get(role))) {
        rules.set(role, next);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return rules;
}
