import { parseTarget } from '../../core/access/parse-target';
import { describeObject } from '../../core/access/explain';
import { markPlace } from '../../core/rbac/undecided';
import { whoCan } from '../../core/rbac/who-can';
import type { Origin } from '../../core/rbac/types';
import { coloursOf, println, type CliIo } from '../io';
import { flag, parseArgs, UsageError } from '../parse-args';
import { alignColumns } from '../text-table';
import { loadPolicy, POLICY_FLAGS } from './policy-args';

/** `rbac-doctor who-can VERB TYPE`: every subject that may, with the binding and role that grant it. */
export async function runWhoCan(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, [
    ...POLICY_FLAGS,
    { name: 'namespace', short: 'n', value: true },
    { name: 'all-namespaces', short: 'A', value: false },
    { name: 'subresource', value: true },
  ]);
  if (args.positional.length !== 2) throw new UsageError('who-can: expected VERB and TYPE[.GROUP][/NAME]');
  const [verb, target] = args.positional;
  const { context, index, cluster } = await loadPolicy(args, io);
  const namespace = args.flags.has('all-namespaces') ? undefined : flag(args, 'namespace') ?? 'default';
  const parsed = parseTarget(context.catalog, verb, target, { namespace, subresource: flag(args, 'subresource') });
  for (const warning of parsed.warnings) println(io.stderr, `Warning: ${warning}`);
  const grantees = whoCan(index, parsed.request);
  if (grantees.length === 0) {
    println(io.stdout, cluster ? `No subject can, per these manifests and the RBAC of cluster ${cluster.context}.` : 'No subject can, per these manifests.');
    return 0;
  }
  const row = (g: (typeof grantees)[number]) => [
    g.subject.kind,
    g.subject.kind === 'ServiceAccount' ? `${g.subject.namespace}/${g.subject.name}` : g.subject.name,
    describeObject(g.binding),
    describeObject(g.role),
    g.undecided ? markPlace(g.undecided) || sourceOf(g.binding.origin) : sourceOf(g.binding.origin),
  ];
  const colour = coloursOf(io);
  const sure = grantees.filter((g) => !g.undecided);
  const might = grantees.filter((g) => g.undecided);
  const header = ['KIND', 'SUBJECT', 'BINDING', 'ROLE', 'SOURCE'];
  if (sure.length > 0) println(io.stdout, alignColumns([header, ...sure.map(row)], 2, 0, colour.bold));
  else println(io.stdout, cluster ? `No subject certainly can, per these manifests and the RBAC of cluster ${cluster.context}.` : 'No subject certainly can, per these manifests.');
  if (might.length > 0) {
    // Undecided chart rules, subjects or bindings: these subjects might, never can.
    println(io.stdout, '\nMight (granted only by what a chart renders under a condition that could not be decided):');
    println(io.stdout, alignColumns([header, ...might.map(row)], 2, 0, colour.bold));
    for (const why of new Set(might.map((g) => `  ${markPlace(g.undecided!)}: ${g.undecided!.why}`))) println(io.stdout, why);
  }
  return 0;
}

function sourceOf(origin: Origin): string {
  if (origin.file) return `${origin.file}:${(origin.line ?? 0) + 1}`;
  return origin.cluster ? `cluster ${origin.cluster}` : origin.source;
}
