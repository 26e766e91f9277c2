import { existsSync, statSync } from 'fs';
import { homedir } from 'os';
import { delimiter, join } from 'path';
import { KubeConfig, type Cluster, type Context, type User } from '@kubernetes/client-node';
import { ClusterError } from './cluster-error';
import { describeSpecial } from '../node/read-manifest';

/** Far above any real kubeconfig: a larger file is refused, not read. */
const MAX_KUBECONFIG_BYTES = 16 * 1024 * 1024;

/** kubectl's choice of files: the given list, else $KUBECONFIG (a path list), else ~/.kube/config. */
export function kubeconfigFiles(explicit?: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const list = explicit || env.KUBECONFIG;
  const home = env.HOME || homedir();
  if (list) return list.split(delimiter).filter(Boolean).map((path) => (path === '~' || path.startsWith('~/') ? join(home, path.slice(1)) : path));
  return [join(home, '.kube', 'config')];
}

/**
 * The files merged as kubectl merges them: the first file to define a cluster, user or context name
 * wins, and the first current-context set is the current one. Missing files in a list are skipped,
 * as kubectl does, but not an explicitly given single file.
 */
export function loadKubeconfig(files: string[], explicit = false): KubeConfig {
  const clusters = new Map<string, Cluster>();
  const users = new Map<string, User>();
  const contexts = new Map<string, Context>();
  let currentContext = '';
  const present = files.filter((file) => existsSync(file));
  if (present.length === 0 || (explicit && present.length < files.length)) {
    const missing = files.filter((file) => !existsSync(file));
    throw new ClusterError(`no kubeconfig at ${missing.join(', ')}${explicit ? '' : ' (set KUBECONFIG or pass --kubeconfig)'}`);
  }
  for (const file of present) {
    // As manifests: only a regular file of sane size is read (a FIFO would block, /dev/zero never ends).
    const stats = statSync(file);
    const refused = describeSpecial(stats) ?? (stats.isDirectory() ? 'a directory' : stats.size > MAX_KUBECONFIG_BYTES ? `${(stats.size / 1048576).toFixed(1)} MB, above the 16 MB limit` : undefined);
    if (refused) throw new ClusterError(`kubeconfig ${file} is not read: ${refused}`);
    const one = new KubeConfig();
    try {
      one.loadFromFile(file);
    } catch (error) {
      throw new ClusterError(`kubeconfig ${file} cannot be read: ${(error as Error).message.split('\n')[0]}`);
    }
    for (const c of one.clusters) if (!clusters.has(c.name)) clusters.set(c.name, c);
    for (const u of one.users) if (!users.has(u.name)) users.set(u.name, u);
    for (const c of one.contexts) if (!contexts.has(c.name)) contexts.set(c.name, c);
    currentContext ||= one.currentContext;
  }
  const merged = new KubeConfig();
  merged.loadFromOptions({ clusters: [...clusters.values()], users: [...users.values()], contexts: [...contexts.values()], currentContext });
  return merged;
}

/** The kubeconfig narrowed to one context, with kubectl's `--cluster` override of that context's cluster. */
export function selectContext(config: KubeConfig, contextName?: string, clusterName?: string): KubeConfig {
  const name = contextName || config.currentContext;
  if (!name) throw new ClusterError('the kubeconfig has no current-context: choose one with --context (or Connect to Cluster)');
  const context = config.getContextObject(name);
  if (!context) throw new ClusterError(`the kubeconfig has no context "${name}" (it has: ${config.contexts.map((c) => c.name).join(', ') || 'none'})`);
  const cluster = clusterName || context.cluster;
  if (!config.getCluster(cluster)) throw new ClusterError(`the kubeconfig has no cluster "${cluster}" (it has: ${config.clusters.map((c) => c.name).join(', ') || 'none'})`);
  if (context.user && !config.getUser(context.user)) throw new ClusterError(`context "${name}" names user "${context.user}", which the kubeconfig does not define`);
  const selected = new KubeConfig();
  selected.loadFromOptions({
    clusters: config.clusters,
    users: config.users,
    contexts: [{ ...context, cluster }],
    currentContext: name,
  });
  return selected;
}
