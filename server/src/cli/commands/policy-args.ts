import { checkContext } from '../../core/analysis';
import type { CheckContext } from '../../core/checks/check';
import { PolicyIndex } from '../../core/rbac/policy-index';
import type { ParsedArgs } from '../parse-args';
import { flagList } from '../parse-args';
import { loadPaths } from './workspace-args';

/** The flags `can-i`, `who-can` and `forbidden` share: manifests to read and cluster selection. */
export const POLICY_FLAGS = [
  { name: 'filename', short: 'f', value: true, repeatable: true },
  { name: 'no-builtin-roles', value: false },
  { name: 'kubeconfig', value: true },
  { name: 'context', value: true },
  { name: 'cluster', value: true },
];

export interface LoadedPolicy {
  context: CheckContext;
  index: PolicyIndex;
}

export function loadPolicy(args: ParsedArgs, cwd: string): LoadedPolicy {
  const model = loadPaths(flagList(args, 'filename'), cwd);
  const context = checkContext(model, { builtinRoles: !args.flags.has('no-builtin-roles') });
  return { context, index: new PolicyIndex(context.policy) };
}
