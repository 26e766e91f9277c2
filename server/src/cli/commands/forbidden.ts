import { checkContext } from '../../core/analysis';
import { consolidate, consolidationPlan } from '../../core/consolidate/consolidate';
import type { Denial } from '../../core/forbidden/types';
import { refusalOf, suggestFixes, type FixSuggestion } from '../../core/fix-forbidden/suggest-fixes';
import { summariseDenial } from '../../core/fix-forbidden/summarise-denial';
import { BatchedOutput } from '../batched-output';
import { println, type CliIo } from '../io';
import { boolFlag, flag, parseArgs } from '../parse-args';
import type { AccessVerdict } from '../../protocol/custom-messages';
import { readForbiddenInput } from './forbidden-input';
import { jsonChange, jsonSuggestion, preferred, printChange, printNextSteps, printSuggestion } from './forbidden-output';
import { connectFromArgs, loadManifests, POLICY_FLAGS } from './policy-args';
import type { CommandSpec } from '../help';

export const FORBIDDEN_COMMAND: CommandSpec = {
  name: 'forbidden',
  summary: 'Turn a pasted 403 Forbidden, a log or an audit log into the least-privilege RBAC fix',
  usage: 'forbidden (TEXT | @FILE | -) [flags]',
  description: `Read a 403 Forbidden message (kubectl, client-go, a controller log, CI output, audit.k8s.io events)
from the command line, a file (@FILE) or standard input (-), and print the least-privilege change that
allows exactly what was denied: an edit of the role the denied subject already has in the manifests
(-f, default the current directory) as a diff, or a new Role and RoleBinding. A whole log gives one change
per subject. Never a wildcard; a message that does not say enough is refused with a reason.`,
  flags: [
    ...POLICY_FLAGS,
    { name: 'namespace', short: 'n', value: true, arg: 'NS', help: 'The namespace of a message cut before its scope (namespaced resources only).', example: '-n shop' },
    { name: 'json', value: false, help: 'Print the denials, suggestions and changes as JSON.' },
    { name: 'resource-names', value: false, help: 'Limit the grant to the denied object\'s name (resourceNames) where the verb allows it.' },
    { name: 'companions', value: false, help: 'Also grant the verbs a client usually needs next to the denied one (list with watch, get with list…).' },
    { name: 'progress', value: false, help: 'A progress bar on standard error while a large log is read (on a terminal).' },
  ],
  examples: [
    ['A pasted message', `rbac-doctor forbidden 'pods "web" is forbidden: User "system:serviceaccount:shop:web" cannot get resource "pods/log" in API group "" in the namespace "shop"'`],
    ['A controller\'s log, from a pipe', 'kubectl logs deploy/checkout | rbac-doctor forbidden -'],
    ['An audit log, as JSON', 'rbac-doctor forbidden @audit.log --json'],
  ],
  exitCodes: '0 a change (or nothing left to grant), 2 bad usage or unreadable input, 3 no RBAC denial in the input or every denial refused, 4 the cluster could not be reached.',
};

/**
 * `rbac-doctor forbidden [TEXT | @FILE | -]`: the least-privilege change for a pasted 403, a whole log
 * or an audit log. One denial: its YAML (or the patch to the manifests of -f, by default the current
 * directory). Several: one change per subject. Exit 3 when nothing is an RBAC denial, or when every
 * RBAC denial is refused (a field Kubernetes would not accept, a wildcard, no scope: `-n` gives one).
 * With a cluster named, an access review first says whether each denial still holds.
 */
export async function runForbidden(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, FORBIDDEN_COMMAND.flags);
  const { denials } = await readForbiddenInput(args.positional, io, boolFlag(args, 'progress'));
  const workspace = loadManifests(args, io);
  const cluster = denials.some((d) => d.rbac) ? await connectFromArgs(args, io) : undefined;
  const verdicts = cluster ? await cluster.verify(denials.filter((d) => d.rbac)) : undefined;
  const context = checkContext(workspace, { builtinRoles: !args.flags.has('no-builtin-roles') }, cluster?.snapshot);
  const options = { resourceNames: boolFlag(args, 'resource-names'), companions: boolFlag(args, 'companions'), namespace: flag(args, 'namespace') };
  const stillDenied = withoutAllowed(denials, verdicts);
  // Each denial's own suggestions are shown for a single denial (and in JSON); a whole log gets its changes.
  const suggestionsOf = () => stillDenied.filter((d) => d.rbac).flatMap((d) => suggestFixes(context, d, options));
  const refusals = denials.map((d, index) => ({ denial: index, ...refusalOf(context, d, options) })).filter((r) => r.reason);
  const anyRbac = denials.some((d) => d.rbac) && refusals.length < denials.filter((d) => d.rbac).length;
  if (boolFlag(args, 'json')) {
    const explanations = denials.map((d, index) => ({ denial: index, text: d.explanation })).filter((e) => e.text);
    const positions = new Map(denials.map((d, i) => [d, i]));
    const at = (i: number) => positions.get(stillDenied[i]) ?? -1;
    const { changes, skipped } = consolidate(context, stillDenied, options);
    println(io.stdout, JSON.stringify({
      denials: denials.map(contractFields),
      suggestions: suggestionsOf().map(jsonSuggestion),
      explanations,
      ...(refusals.length ? { refusals } : {}),
      ...(verdicts ? { cluster: { context: cluster!.context, verdicts } } : {}),
      changes: changes.map((c) => jsonChange(c, at)),
      skipped: skipped.map((s) => ({ denial: at(s.denial), reason: s.reason })),
    }, null, 2));
    return anyRbac ? 0 : 3;
  }
  if (denials.length === 0) {
    println(io.stderr, 'No Kubernetes "forbidden" message found in the input.');
    return 3;
  }
  // A whole log's lines are written in batches (in order across both streams), waiting while a slow
  // reader (a pipe) catches up: the output streams in bounded memory.
  const out = new BatchedOutput(io);
  try {
    return await printForbidden(out, io, { denials, refusals, anyRbac, cluster, verdicts, plan: () => consolidationPlan(context, stillDenied, options), suggestionsOf, stillDenied });
  } finally {
    out.send();
  }
}

interface Printed {
  denials: Denial[];
  refusals: { denial: number; reason?: string }[];
  anyRbac: boolean;
  cluster: Awaited<ReturnType<typeof connectFromArgs>>;
  verdicts: AccessVerdict[] | undefined;
  plan: () => ReturnType<typeof consolidationPlan>;
  suggestionsOf: () => FixSuggestion[];
  stillDenied: Denial[];
}

async function printForbidden(out: BatchedOutput, real: CliIo, { denials, refusals, anyRbac, cluster, verdicts, plan: makePlan, suggestionsOf, stillDenied }: Printed): Promise<number> {
  const io = out.io;
  for (const denial of denials) {
    println(io.stderr, `# ${summariseDenial(denial)}`);
    if (denial.explanation) println(io.stderr, `# ${denial.explanation}`);
    await out.flushed(real);
  }
  for (const refused of refusals) println(io.stderr, `# Refused: ${refused.reason}`);
  if (!anyRbac) return 3;
  if (cluster && verdicts) {
    for (const verdict of verdicts) println(io.stderr, `# cluster ${cluster.context}: ${describeVerdict(verdict)}`);
    if (verdicts.length > 0 && verdicts.every((v) => v.allowed)) {
      println(io.stderr, '# Nothing to grant: the cluster allows every denied request now.');
      return 0;
    }
  }
  const plan = makePlan();
  if (plan.granted <= 1) {
    // One denial: exactly the single-message output (the edit of a role bound to the subject alone, or the new Role).
    for (const suggestion of preferred(suggestionsOf())) printSuggestion(suggestion, io);
    for (const change of plan.changes()) printNextSteps(change, io);
    return 0;
  }
  const { skipped } = plan;
  // Each subject's change is made, written and let go in turn.
  for (const change of plan.changes()) {
    printChange(change, io);
    await out.flushed(real);
  }
  for (const { denial, reason } of skipped) {
    println(io.stderr, `# Not in the changes: ${summariseDenial(stillDenied[denial])}: ${reason}`);
    await out.flushed(real);
  }
  return 0;
}

/** The denials a cluster still refuses (all of them without a cluster). */
function withoutAllowed(denials: Denial[], verdicts: AccessVerdict[] | undefined): Denial[] {
  if (!verdicts) return denials;
  const rbac = new Map(denials.filter((d) => d.rbac).map((d, i) => [d, i]));
  return denials.filter((d) => !d.rbac || !verdicts[rbac.get(d)!]?.allowed);
}

function describeVerdict(verdict: AccessVerdict): string {
  if (verdict.error) return `could not check (${verdict.error})`;
  const how = verdict.self ? 'SelfSubjectAccessReview' : 'SubjectAccessReview';
  return `${verdict.allowed ? 'allowed now' : 'still denied'} (${how}${verdict.reason ? `: ${verdict.reason}` : ''})`;
}

/** The contract's fields only; explanations travel separately. */
function contractFields(denial: Denial): Omit<Denial, 'explanation'> {
  const { explanation: _explanation, ...fields } = denial;
  void _explanation;
  return fields;
}
