import {
  fromAggregatedDiscovery, resourcesFromDiscovery, type AggregatedGroup, type ApiResource, type GroupVersionResources,
} from '../core/cluster/discovery';
import { policyFromCluster, type LiveRbacObject } from '../core/cluster/live-policy';
import type { ClusterSnapshot } from '../core/cluster/snapshot';
import type { ApiClient } from './api-client';
import { ClusterError } from './cluster-error';

interface ApiGroupList {
  groups?: { name: string; versions?: { groupVersion: string; version: string }[]; preferredVersion?: { version: string } }[];
}
interface ApiVersions { versions?: string[] }
interface ResourceList { resources?: ApiResource[] }
interface ObjectList<T> { items?: T[]; metadata?: { continue?: string } }

const RBAC = '/apis/rbac.authorization.k8s.io/v1';
const PAGE = 500;

/** Asks for aggregated discovery (one answer per root, Kubernetes 1.30+) and accepts the older lists. */
const DISCOVERY_ACCEPT = [
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
  'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList',
  'application/json',
].join(',');

interface DiscoveryRoot extends ApiVersions, ApiGroupList {
  kind?: string;
  items?: AggregatedGroup[];
}

/** Discovery, RBAC objects and ServiceAccounts of the cluster; what the user may not read becomes a warning. */
export async function readCluster(api: ApiClient): Promise<ClusterSnapshot> {
  const warnings: string[] = [];
  // The first request proves the connection and the credentials: its failure is the connection's.
  const core = await getRoot(api, '/api');
  if (typeof core !== 'object' || core === null || (!Array.isArray(core.versions) && !Array.isArray(core.items))) {
    throw new ClusterError(`${api.server} did not answer like a Kubernetes API server (GET /api): is the cluster's server URL right, or is a proxy in the way?`);
  }
  const [resources, rbac, serviceAccounts] = await Promise.all([
    discover(api, core, warnings),
    readRbac(api, warnings),
    readServiceAccounts(api, warnings),
  ]);
  // Reads run in parallel: sort, so the same cluster always reads the same way.
  return { context: api.context, server: api.server, resources, policy: policyFromCluster(rbac, api.context), serviceAccounts, warnings: warnings.sort() };
}

async function getRoot(api: ApiClient, path: string): Promise<DiscoveryRoot> {
  const answer = await api.send<DiscoveryRoot>('GET', path, undefined, undefined, DISCOVERY_ACCEPT);
  if (answer.status >= 300) throw api.failure(answer, `discovery (${path})`);
  return answer.body ?? {};
}

async function discover(api: ApiClient, core: DiscoveryRoot, warnings: string[]): Promise<ClusterSnapshot['resources']> {
  const groups = await getRoot(api, '/apis');
  if (core.kind === 'APIGroupDiscoveryList' && groups.kind === 'APIGroupDiscoveryList') {
    const { lists, stale } = fromAggregatedDiscovery([...(core.items ?? []), ...(groups.items ?? [])]);
    for (const version of stale) warnings.push(`discovery of ${version} is stale (its API server does not answer): its types are not known from the cluster`);
    return resourcesFromDiscovery(lists);
  }
  return resourcesFromDiscovery(await legacyDiscovery(api, core, groups, warnings));
}

/** Servers before aggregated discovery: one list per group version. */
async function legacyDiscovery(api: ApiClient, core: ApiVersions, groups: ApiGroupList, warnings: string[]): Promise<GroupVersionResources[]> {
  const targets: { group: string; version: string; preferred: boolean; path: string }[] =
    (core.versions ?? ['v1']).map((version, i) => ({ group: '', version, preferred: i === 0, path: `/api/${version}` }));
  for (const group of groups.groups ?? []) {
    for (const v of group.versions ?? []) {
      targets.push({ group: group.name, version: v.version, preferred: v.version === group.preferredVersion?.version, path: `/apis/${v.groupVersion}` });
    }
  }
  const lists = await mapLimited(targets, 8, async (target): Promise<GroupVersionResources | undefined> => {
    const answer = await api.send<ResourceList>('GET', target.path);
    if (answer.status >= 300) {
      // Aggregated APIs whose backend is down answer 503: their types stay unknown, the rest works.
      warnings.push(`discovery of ${target.group || 'core'}/${target.version} failed (${answer.status}): its types are not known from the cluster`);
      return undefined;
    }
    return { group: target.group, version: target.version, preferred: target.preferred, resources: answer.body?.resources ?? [] };
  });
  return lists.filter((l): l is GroupVersionResources => l !== undefined);
}

async function readRbac(api: ApiClient, warnings: string[]) {
  const [roles, clusterRoles, roleBindings, clusterRoleBindings] = await Promise.all([
    listNamespacedOrHere(api, 'roles', warnings),
    listOrWarn(api, `${RBAC}/clusterroles`, 'clusterroles', warnings),
    listNamespacedOrHere(api, 'rolebindings', warnings),
    listOrWarn(api, `${RBAC}/clusterrolebindings`, 'clusterrolebindings', warnings),
  ]);
  return { roles, clusterRoles, roleBindings, clusterRoleBindings };
}

/** Cluster-wide when allowed, else the context's namespace (a namespace admin may read their own). */
async function listNamespacedOrHere(api: ApiClient, resource: string, warnings: string[]): Promise<LiveRbacObject[]> {
  const everywhere = await list<LiveRbacObject>(api, `${RBAC}/${resource}`);
  if (everywhere.items) return everywhere.items;
  if (everywhere.status !== 403) {
    warnings.push(`cannot list ${resource} (${everywhere.status}): ${resource} only the cluster defines stay unknown`);
    return [];
  }
  const here = await list<LiveRbacObject>(api, `${RBAC}/namespaces/${encodeURIComponent(api.namespace)}/${resource}`);
  if (here.items) {
    warnings.push(`may not list ${resource} in all namespaces (403): read those of namespace ${api.namespace} only`);
    return here.items.map((item) => ({ ...item, metadata: { ...item.metadata, namespace: item.metadata?.namespace ?? api.namespace } }));
  }
  warnings.push(`may not list ${resource} (403): ${resource} only the cluster defines stay unknown`);
  return [];
}

async function listOrWarn(api: ApiClient, path: string, resource: string, warnings: string[]): Promise<LiveRbacObject[]> {
  const answer = await list<LiveRbacObject>(api, path);
  if (answer.items) return answer.items;
  warnings.push(`${answer.status === 403 ? 'may not list' : 'cannot list'} ${resource} (${answer.status}): ${resource} only the cluster defines stay unknown`);
  return [];
}

async function readServiceAccounts(api: ApiClient, warnings: string[]): Promise<Set<string>> {
  const answer = await list<{ metadata?: { name?: string; namespace?: string } }>(api, '/api/v1/serviceaccounts');
  if (!answer.items) {
    warnings.push(`${answer.status === 403 ? 'may not list' : 'cannot list'} serviceaccounts (${answer.status}): ServiceAccounts only the cluster has stay unknown`);
    return new Set();
  }
  return new Set(answer.items.map((sa) => `${sa.metadata?.namespace}/${sa.metadata?.name}`));
}

/** Every page of a list; `items` is undefined when the server refused (the status says why). */
async function list<T>(api: ApiClient, path: string): Promise<{ status: number; items?: T[] }> {
  const items: T[] = [];
  let next: string | undefined = '';
  do {
    const query: string = `?limit=${PAGE}${next ? `&continue=${encodeURIComponent(next)}` : ''}`;
    const answer = await api.send<ObjectList<T>>('GET', `${path}${query}`);
    if (answer.status === 401) throw api.failure(answer, path);
    if (answer.status >= 300) return { status: answer.status };
    items.push(...(answer.body?.items ?? []));
    next = answer.body?.metadata?.continue;
  } while (next);
  return { status: 200, items };
}

async function mapLimited<T, R>(items: T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let nextIndex = 0;
  const worker = async () => {
    while (nextIndex < items.length) {
      const i = nextIndex++;
      out[i] = await run(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
