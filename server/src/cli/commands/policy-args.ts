import { checkContext } from '../../core/analysis';
import type { CheckContext } from '../../core/checks/check';
import { PolicyIndex } from '../../core/rbac/policy-index';
import type { ParsedArgs } from '../parse-args';
import { flagList, UsageError } from '../parse-args';
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

/** Cluster selection is kubectl's; reading a live cluster is not part of this build, so say so instead of ignoring it. */
export function refuseClusterFlags(args: ParsedArgs): void {
  const given = ['kubeconfig', 'context', 'cluster'].filter((f) => args.flags.has(f));
  if (given.length) throw new UsageError(`--${given.join(', --')}: reading a live cluster is not available in this version; rbac-doctor answers from the manifests given with -f`);
}

export function loadPolicy(args: ParsedArgs, cwd: string): LoadedPolicy {
  refuseClusterFlags(args);
  const model = loadPaths(flagList(args, 'filename'), cwd);
  const context = checkContext(model, { builtinRoles: !args.flags.has('no-builtin-roles') });
  return { context, index: new PolicyIndex(context.policy) };
}
