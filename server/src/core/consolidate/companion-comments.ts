import { printable } from '../emit/yaml-scalar';
import { qualifiedResource } from '../rbac/resource-name';
import type { NextStep } from './client-patterns';

/** "create, update on leases.coordination.k8s.io in namespace ctrl": one companion step, in words. */
export function describeNextStep(step: NextStep): string {
  const where = step.namespace ? `in namespace ${step.namespace}` : 'cluster-wide';
  const what = step.rules.map((r) => `${r.verbs.join(', ')} on ${(r.resources ?? []).map((resource) => qualifiedResource(resource, r.apiGroups?.[0])).join(', ')}`).join('; ');
  return `${printable(what)} ${where}`;
}

/**
 * What known clients ask for next, as YAML comments to append to the generated objects: written down
 * beside the change, never granted by it. Empty when there is nothing to add.
 */
export function companionComments(steps: readonly NextStep[]): string {
  if (steps.length === 0) return '';
  const lines = ['# Not included: what the client will probably ask for next. Add a rule above only if yours does.'];
  for (const step of steps) lines.push(`#   ${step.pattern}: ${describeNextStep(step)}`, `#     ${step.reason}`);
  return `${lines.join('\n')}\n`;
}
