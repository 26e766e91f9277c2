import { explainDecision } from '../../core/access/explain';
import { parseTarget } from '../../core/access/parse-target';
import { canI } from '../../core/rbac/authorize';
import { effectiveRules } from '../../core/rbac/effective-permissions';
import { identityOf } from '../../core/rbac/subjects';
import { println, type CliIo } from '../io';
import { boolFlag, flag, flagList, parseArgs, UsageError } from '../parse-args';
import { formatRulesTable } from './rules-table';
import { loadPolicy, POLICY_FLAGS } from './policy-args';

/** `rbac-doctor can-i VERB TARGET`: like `kubectl auth can-i`, answered from the manifests. Exit 0 yes, 1 no. */
export function runCanI(argv: string[], io: CliIo): number {
  const args = parseArgs(argv, [
    ...POLICY_FLAGS,
    { name: 'namespace', short: 'n', value: true },
    { name: 'all-namespaces', short: 'A', value: false },
    { name: 'subresource', value: true },
    { name: 'as', value: true },
    { name: 'as-group', value: true, repeatable: true },
    { name: 'explain', value: false },
    { name: 'list', value: false },
    { name: 'quiet', short: 'q', value: false },
  ]);
  const user = flag(args, 'as');
  if (!user) throw new UsageError('can-i: --as USER is required (offline there is no current user; e.g. --as system:serviceaccount:NS:NAME)');
  const identity = identityOf(user, flagList(args, 'as-group'));
  const allNamespaces = boolFlag(args, 'all-namespaces');
  if (allNamespaces && flag(args, 'namespace')) throw new UsageError('can-i: use either -n NAMESPACE or -A, not both');
  const namespace = allNamespaces ? undefined : flag(args, 'namespace') ?? 'default';
  const { context, index } = loadPolicy(args, io.cwd);

  if (boolFlag(args, 'list')) {
    if (args.positional.length > 0) throw new UsageError('can-i --list takes no VERB or TYPE');
    println(io.stdout, formatRulesTable(effectiveRules(index, identity, namespace)));
    return 0;
  }
  if (args.positional.length !== 2) throw new UsageError('can-i: expected VERB and TYPE[.GROUP][/NAME] or a /non-resource-url');
  const [verb, target] = args.positional;
  const parsed = parseTarget(context.catalog, verb, target, { namespace, subresource: flag(args, 'subresource') });
  for (const warning of parsed.warnings) println(io.stderr, `Warning: ${warning}`);
  const decision = canI(index, identity, parsed.request);
  if (!boolFlag(args, 'quiet')) println(io.stdout, decision.allowed ? 'yes' : 'no');
  if (boolFlag(args, 'explain')) {
    for (const step of explainDecision(decision)) {
      println(io.stdout, `  ${step.text}${step.file ? `  (${step.file}:${(step.line ?? 0) + 1})` : ''}`);
    }
  }
  return decision.allowed ? 0 : 1;
}
