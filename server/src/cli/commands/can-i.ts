import { relative } from 'path';
import { explainDecision, undecidedLines } from '../../core/access/explain';
import { parseTarget } from '../../core/access/parse-target';
import { canI } from '../../core/rbac/authorize';
import { effectiveRules } from '../../core/rbac/effective-permissions';
import { identityOf } from '../../core/rbac/subjects';
import { loadCluster } from '../../cluster/load-cluster';
import { coloursOf, println, type CliIo } from '../io';
import { boolFlag, flag, flagList, parseArgs, UsageError } from '../parse-args';
import { formatRulesTable } from './rules-table';
import { loadPolicy, POLICY_FLAGS, wantsCluster } from './policy-args';
import type { CommandSpec } from '../help';

export const CAN_I_COMMAND: CommandSpec = {
  name: 'can-i',
  summary: 'Whether a subject may do something, like kubectl auth can-i, from the manifests',
  usage: 'can-i VERB (RESOURCE[.GROUP][/NAME] | /non/resource/url) [--subresource SUB] --as USER [flags]\n  rbac-doctor can-i --list --as USER [-n NS] [flags]',
  description: `Answer yes or no, as kubectl auth can-i answers from a cluster, from the manifests (-f, default the
current directory) plus Kubernetes' default roles and bindings. With a cluster flag the cluster's access
review answers and the manifests explain it.`,
  flags: [
    ...POLICY_FLAGS,
    { name: 'namespace', short: 'n', value: true, arg: 'NS', help: 'The namespace of the request (default: default).', example: '-n shop' },
    { name: 'all-namespaces', short: 'A', value: false, help: 'Ask for every namespace at once (a namespaced request with no namespace).' },
    { name: 'subresource', value: true, arg: 'SUB', help: 'The subresource, as kubectl (RESOURCE/NAME names an object, as in kubectl).', example: '--subresource log' },
    { name: 'as', value: true, arg: 'USER', help: 'The user asking: a user name or system:serviceaccount:NS:NAME (required without a cluster).', example: '--as system:serviceaccount:shop:web' },
    { name: 'as-group', value: true, repeatable: true, arg: 'GROUP', help: 'A group of the user asking.', example: '--as-group developers' },
    { name: 'explain', value: false, help: 'Say why: the bindings and rules that allow, or the rule that comes closest and what differs (FILE:LINE).' },
    { name: 'list', value: false, help: 'Every resource and non-resource URL the user may use, one per row (kubectl auth can-i --list).' },
    { name: 'quiet', short: 'q', value: false, help: 'Print nothing; the exit code answers.' },
    { name: 'no-headers', value: false, help: 'With --list: no header row.' },
  ],
  examples: [
    ['May the web ServiceAccount list pods in shop?', 'rbac-doctor can-i list pods -n shop --as system:serviceaccount:shop:web'],
    ['Why not? The closest rule and what differs, with its FILE:LINE', 'rbac-doctor can-i get pods --subresource log -n shop --as system:serviceaccount:shop:web --explain'],
    ['One object of a custom resource', 'rbac-doctor can-i update widgets.example.com/blue --subresource status -n shop --as jane'],
    ['A non-resource URL', 'rbac-doctor can-i get /healthz --as jane'],
    ['Everything a user may do in a namespace', 'rbac-doctor can-i --list -n shop --as jane --explain'],
  ],
  exitCodes: '0 yes, 1 no, 2 bad usage or unreadable manifests, 4 the cluster could not be reached, 5 unknown: no from what is known, but a rule a chart renders only under a condition that could not be decided, or a chart role or binding that could not be read whole, might grant it (named on stderr).',
};

/**
 * `rbac-doctor can-i VERB TARGET`: like `kubectl auth can-i`. Offline it answers from the manifests;
 * with a cluster named (--context, --kubeconfig, --cluster) the cluster's access review is the answer
 * and the manifests explain it. Exit 0 yes, 1 no, 5 unknown: no from what is known, but a rule a chart
 * renders only under a condition that could not be decided would grant it (named on stderr).
 */
export async function runCanI(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, CAN_I_COMMAND.flags);
  const user = flag(args, 'as');
  if (!user && !wantsCluster(args)) {
    throw new UsageError('can-i: --as USER is required without a cluster (e.g. --as system:serviceaccount:NS:NAME), or name one with --context');
  }
  const allNamespaces = boolFlag(args, 'all-namespaces');
  if (allNamespaces && flag(args, 'namespace')) throw new UsageError('can-i: use either -n NAMESPACE or -A, not both');
  const list = boolFlag(args, 'list');
  if (list && args.positional.length > 0) throw new UsageError('can-i --list takes no VERB or TYPE');
  if (!list && args.positional.length !== 2) throw new UsageError('can-i: expected VERB and TYPE[.GROUP][/NAME] or a /non-resource-url');

  const { context, index, cluster } = await loadPolicy(args, io);
  // Without --as, the cluster's own answer is about the kubeconfig's identity, as kubectl's is.
  const identity = user ? identityOf(user, flagList(args, 'as-group')) : cluster?.self ?? identityOf('', []);
  const namespace = allNamespaces ? undefined : flag(args, 'namespace') ?? 'default';

  if (list) {
    const options = { headers: !boolFlag(args, 'no-headers'), grantedBy: boolFlag(args, 'explain'), colour: coloursOf(io) };
    println(io.stdout, formatRulesTable(effectiveRules(index, identity, namespace), options));
    return 0;
  }
  const [verb, target] = args.positional;
  const parsed = parseTarget(context.catalog, verb, target, { namespace, subresource: flag(args, 'subresource') });
  for (const warning of parsed.warnings) println(io.stderr, `Warning: ${warning}`);
  const decision = canI(index, identity, parsed.request);
  let allowed = decision.allowed;
  if (cluster) {
    const answer = await cluster.canI(parsed.request, user ? identity : undefined);
    if (answer.error) throw new (loadCluster().ClusterError)(`cluster ${cluster.context}: ${answer.error}`);
    allowed = answer.allowed;
    if (answer.reason && boolFlag(args, 'explain')) println(io.stderr, `cluster ${cluster.context}: ${answer.reason}`);
    if (allowed !== decision.allowed) println(io.stderr, disagreement(cluster.context, allowed, flagList(args, 'filename').length > 0));
  }
  const colour = coloursOf(io);
  if (!boolFlag(args, 'quiet')) println(io.stdout, allowed ? colour.green('yes') : colour.red('no'));
  if (boolFlag(args, 'explain')) {
    for (const step of explainDecision(decision, parsed.request)) {
      println(io.stdout, `  ${step.text}${step.file ? `  (${relative(io.cwd, step.file) || step.file}:${(step.line ?? 0) + 1})` : ''}`);
    }
  }
  if (cluster || allowed) return allowed ? 0 : 1;
  // Unknown is never yes: the answer stays no, and the rules that might grant it are named.
  for (const line of undecidedLines(decision)) println(io.stderr, `unknown: ${line}`);
  return decision.undecided.length > 0 ? EXIT_UNKNOWN : 1;
}

/** can-i's answer "unknown": not granted by what is known, but an undecided chart rule would grant it. */
export const EXIT_UNKNOWN = 5;

/** Cluster and manifests differ: usually manifests not applied yet, or an authorizer other than RBAC. */
function disagreement(context: string, clusterAllows: boolean, withManifests: boolean): string {
  if (clusterAllows) {
    return `Note: cluster ${context} allows this, but its RBAC as far as you may read it does not: another authorizer (Node, webhook) or RBAC objects you may not list.`;
  }
  return withManifests
    ? `Note: cluster ${context} denies this, but the manifests given with -f would allow it: they are not applied to the cluster yet.`
    : `Note: cluster ${context} denies this, but its RBAC as far as you may read it would allow it: objects you may not list, or a default role that differs on this cluster.`;
}
