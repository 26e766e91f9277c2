import { dirname, relative } from 'path';
import { checkContext } from '../../core/analysis';
import type { CheckContext } from '../../core/checks/check';
import type { WorkspaceModel } from '../../core/model/workspace-model';
import { refusalsToSay } from '../../core/kustomize/refusal-causes';
import { createWorkspaceModel } from '../../core/workspace';
import { PolicyIndex } from '../../core/rbac/policy-index';
import { loadCluster, type LiveCluster } from '../../cluster/load-cluster';
import type { FlagSpec, ParsedArgs } from '../parse-args';
import { flag, flagList } from '../parse-args';
import { println, type CliIo } from '../io';
import { loadPaths } from './workspace-args';

export const NO_BUILTIN_ROLES: FlagSpec = { name: 'no-builtin-roles', value: false, help: 'Leave out Kubernetes\' default roles and bindings (cluster-admin, view, system:controller:*…).' };

/** kubectl's cluster selection: any of them means "read this cluster too". */
export const CLUSTER_FLAGS: FlagSpec[] = [
  { name: 'kubeconfig', value: true, arg: 'PATH', help: 'Read the cluster of this kubeconfig file, as kubectl (without a cluster flag nothing talks to a cluster).', example: '--kubeconfig ~/.kube/dev' },
  { name: 'context', value: true, arg: 'NAME', help: 'Read the cluster of this kubeconfig context: its RBAC and API types, as kubectl.', example: '--context kind-dev' },
  { name: 'cluster', value: true, arg: 'NAME', help: 'The kubeconfig cluster to use, as kubectl.', example: '--cluster dev' },
];

/** The flags `can-i`, `who-can` and `forbidden` share: manifests to read, and the cluster. */
export const POLICY_FLAGS: FlagSpec[] = [
  { name: 'filename', short: 'f', value: true, repeatable: true, arg: 'PATH', help: 'Manifests to read (a file or a folder); without -f, the current directory (with a cluster flag: none).', example: '-f deploy/ -f charts/app' },
  NO_BUILTIN_ROLES,
  ...CLUSTER_FLAGS,
];

export interface LoadedPolicy {
  context: CheckContext;
  index: PolicyIndex;
  /** Set when the user named a cluster: its RBAC and discovery are in `context` too. */
  cluster?: LiveCluster;
}

/** A cluster is used only when one of kubectl's selection flags asks for it. */
export function wantsCluster(args: ParsedArgs): boolean {
  return CLUSTER_FLAGS.some((f) => args.flags.has(f.name));
}

/** Connects as kubectl would with the same flags; reports what could not be read on stderr. */
export async function connectFromArgs(args: ParsedArgs, io: CliIo): Promise<LiveCluster | undefined> {
  if (!wantsCluster(args)) return undefined;
  const cluster = await loadCluster().connect({ kubeconfig: flag(args, 'kubeconfig'), context: flag(args, 'context'), cluster: flag(args, 'cluster') });
  for (const warning of cluster.snapshot.warnings) println(io.stderr, `Warning: cluster ${cluster.context}: ${warning}`);
  return cluster;
}

/**
 * The manifests given with -f, plus the cluster's RBAC when one is named. Without -f: offline, the
 * current directory; with a cluster, none (as kubectl, the cluster is the subject; -f adds what is
 * about to be applied).
 */
export async function loadPolicy(args: ParsedArgs, io: CliIo): Promise<LoadedPolicy> {
  const model = loadManifests(args, io);
  const cluster = await connectFromArgs(args, io);
  const context = checkContext(model, { builtinRoles: !args.flags.has('no-builtin-roles') }, cluster?.snapshot);
  return { context, index: new PolicyIndex(context.policy), cluster };
}

/** The manifests a command reads: those of -f; without -f, the current directory offline and none with a cluster. */
export function loadManifests(args: ParsedArgs, io: CliIo): WorkspaceModel {
  const files = flagList(args, 'filename');
  const model = files.length || !wantsCluster(args) ? loadPaths(files, io.cwd, { notify: (line) => println(io.stderr, line) }) : createWorkspaceModel();
  for (const line of refusedBuilds(model, io.cwd)) println(io.stderr, line);
  return model;
}

/** A kustomize build kubectl refuses answers nothing: said, so that a "no" is not read as the build's answer. */
function refusedBuilds(model: WorkspaceModel, cwd: string): string[] {
  const notes = [...refusalsToSay(model.index.kustomizeNotes).keys()];
  return [...new Set(notes.map((n) => `Warning: kubectl kustomize refuses to build ${relative(cwd, dirname(n.file)) || '.'}: ${n.message}; nothing of that build is counted`))];
}
