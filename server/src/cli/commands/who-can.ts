import { relative } from 'path';
import { parseTarget } from '../../core/access/parse-target';
import { describeObject } from '../../core/access/explain';
import type { UndecidedMark } from '../../core/rbac/undecided';
import { whoCan } from '../../core/rbac/who-can';
import type { Origin } from '../../core/rbac/types';
import { coloursOf, println, type CliIo } from '../io';
import { flag, parseArgs, UsageError } from '../parse-args';
import { alignColumns } from '../text-table';
import { loadPolicy, POLICY_FLAGS } from './policy-args';
import type { CommandSpec } from '../help';

export const WHO_CAN_COMMAND: CommandSpec = {
  name: 'who-can',
  summary: 'Every subject that may do something, with the binding and role that grant it',
  usage: 'who-can VERB RESOURCE[.GROUP][/NAME] [--subresource SUB] [flags]',
  description: `List every user, group and ServiceAccount that may do VERB on RESOURCE, per the manifests (-f,
default the current directory) and Kubernetes' default roles and bindings, with the binding and role that
grant it and where the binding is written (FILE:LINE, relative to the current directory).`,
  flags: [
    ...POLICY_FLAGS,
    { name: 'namespace', short: 'n', value: true, arg: 'NS', help: 'The namespace of the request (default: default).', example: '-n shop' },
    { name: 'all-namespaces', short: 'A', value: false, help: 'Ask for every namespace at once: only cluster-wide grants count.' },
    { name: 'subresource', value: true, arg: 'SUB', help: 'The subresource, as kubectl (RESOURCE/NAME names an object).', example: '--subresource exec' },
  ],
  examples: [
    ['Who may delete pods in shop?', 'rbac-doctor who-can delete pods -n shop'],
    ['Who may read one Secret, per the manifests of deploy/ only?', 'rbac-doctor who-can get secrets/db-password -n shop -f deploy/'],
    ['Who may exec into pods?', 'rbac-doctor who-can create pods --subresource exec -n shop'],
  ],
  exitCodes: '0 answered (also when nobody may), 2 bad usage or unreadable manifests, 4 the cluster could not be reached.',
};

/** `rbac-doctor who-can VERB TYPE`: every subject that may, with the binding and role that grant it. */
export async function runWhoCan(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, WHO_CAN_COMMAND.flags);
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
    g.undecided ? relativePlace(g.undecided, io.cwd) || sourceOf(g.binding.origin, io.cwd) : sourceOf(g.binding.origin, io.cwd),
  ];
  const colour = coloursOf(io);
  const sure = grantees.filter((g) => !g.undecided);
  const might = grantees.filter((g) => g.undecided);
  const header = ['KIND', 'SUBJECT', 'BINDING', 'ROLE', 'SOURCE'];
  if (sure.length > 0) println(io.stdout, alignColumns([header, ...sure.map(row)], 2, 0, colour.bold));
  else println(io.stdout, cluster ? `No subject certainly can, per these manifests and the RBAC of cluster ${cluster.context}.` : 'No subject certainly can, per these manifests.');
  if (might.length > 0) {
    // Undecided chart rules, subjects or bindings: these subjects might, never can.
    println(io.stdout, '\nMight (granted only by chart text whose rendering could not be decided, or that could not be read):');
    println(io.stdout, alignColumns([header, ...might.map(row)], 2, 0, colour.bold));
    for (const why of new Set(might.map((g) => `  ${relativePlace(g.undecided!, io.cwd)}: ${g.undecided!.why}`))) println(io.stdout, why);
  }
  return 0;
}

/** Where the binding is written: FILE:LINE relative to the working directory (1-based), as check prints. */
function sourceOf(origin: Origin, cwd: string): string {
  if (origin.file) return `${relative(cwd, origin.file) || origin.file}:${(origin.line ?? 0) + 1}`;
  return origin.cluster ? `cluster ${origin.cluster}` : origin.source;
}

/** An undecided mark's FILE:LINE, relative to the working directory like every position the CLI prints. */
function relativePlace(mark: UndecidedMark, cwd: string): string {
  return mark.file ? `${relative(cwd, mark.file) || mark.file}:${(mark.line ?? 0) + 1}` : '';
}
