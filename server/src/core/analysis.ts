import { ResourceCatalog } from './catalog/catalog';
import { runChecks, type CheckFailure } from './checks/run-checks';
import { guardTemplateFindings } from './helm/read/guard-findings';
import { relocateToValues } from './helm/read/relocate-to-values';
import type { CheckContext } from './checks/check';
import type { Finding } from './checks/types';
import type { CrdObject } from './model/types';
import type { WorkspaceModel } from './model/workspace-model';
import { workspacePolicy } from './model/workspace-policy';
import { builtinPolicy } from './rbac/builtin-policy';
import { mergePolicies } from './rbac/policy-index';
import type { Policy, RbacRole, RoleRef } from './rbac/types';
import type { RbacDoctorSettings } from '../protocol/settings';
import type { ClusterSnapshot } from './cluster/snapshot';
import { chartFilesOf } from './helm/chart/chart-files';

export interface Analysis {
  context: CheckContext;
  findings: Finding[];
  /** Checks that stopped on something unforeseen (their findings are missing): said by the CLI and the server's log. */
  failedChecks: CheckFailure[];
}

const EMPTY_POLICY: Policy = { roles: [], bindings: [] };
const cache = new WeakMap<WorkspaceModel, { version: number; settings: RbacDoctorSettings; cluster?: ClusterSnapshot; analysis: Analysis }>();

/** The workspace's check context and findings, recomputed only when the model, the settings or the cluster changed. */
export function analyse(model: WorkspaceModel, settings: RbacDoctorSettings, cluster?: ClusterSnapshot): Analysis {
  const cached = cache.get(model);
  if (cached && cached.version === model.version && cached.settings === settings && cached.cluster === cluster) return cached.analysis;
  const context = currentContext(model, settings, cluster);
  const failedChecks: CheckFailure[] = [];
  const findings = runChecks(context, settings, (failure) => failedChecks.push(failure));
  const analysis = { context, findings: relocateToValues(guardTemplateFindings(findings, model), context, chartFilesOf(model).positionedValues), failedChecks };
  cache.set(model, { version: model.version, settings, cluster, analysis });
  return analysis;
}

const contexts = new WeakMap<WorkspaceModel, { version: number; builtinRoles: boolean; cluster?: ClusterSnapshot; context: CheckContext }>();

/**
 * The check context of the model as it is now, built once per model version: hovers, lenses and
 * navigation need it, not the findings, so they are answered without running the checks (also while
 * a large workspace is still being indexed).
 */
export function currentContext(model: WorkspaceModel, settings: Pick<RbacDoctorSettings, 'builtinRoles'>, cluster?: ClusterSnapshot): CheckContext {
  const cached = contexts.get(model);
  if (cached && cached.version === model.version && cached.builtinRoles === settings.builtinRoles && cached.cluster === cluster) return cached.context;
  const context = checkContext(model, settings, cluster);
  contexts.set(model, { version: model.version, builtinRoles: settings.builtinRoles, cluster, context });
  return context;
}

/**
 * What checks and questions see: the workspace first (it is what the user is about to apply), then
 * what a connected cluster holds, then Kubernetes' defaults.
 */
export function checkContext(model: WorkspaceModel, settings: Pick<RbacDoctorSettings, 'builtinRoles'>, cluster?: ClusterSnapshot): CheckContext {
  const index = model.index;
  const builtins = settings.builtinRoles ? builtinPolicy() : EMPTY_POLICY;
  const background = cluster ? clusterBackground(cluster, builtins) : { policy: builtins, catalog: ResourceCatalog.builtin() };
  const policy = mergePolicies(workspacePolicy(model), background.policy);
  const roles = new Map<string, RbacRole>();
  for (const role of policy.roles) roles.set(roleKey(role.kind, role.name, role.namespace), role);
  return {
    model,
    index,
    catalog: catalogWithCrds(background.catalog, index.crds),
    cluster,
    policy,
    builtinPolicy: builtins,
    fileOf: (object) => {
      const file = model.getFile(object.doc.file);
      if (!file) throw new Error(`no file for ${object.doc.file}`);
      return file;
    },
    resolveRoleRef: (roleRef: RoleRef, bindingNamespace: string | undefined) =>
      roles.get(roleKey(roleRef.kind, roleRef.name, roleRef.kind === 'Role' ? bindingNamespace : undefined)),
  };
}

const backgrounds = new WeakMap<ClusterSnapshot, { builtins: Policy; policy: Policy; catalog: ResourceCatalog }>();

/** What a cluster adds under the workspace, built once per snapshot rather than on every keystroke. */
function clusterBackground(cluster: ClusterSnapshot, builtins: Policy): { policy: Policy; catalog: ResourceCatalog } {
  const cached = backgrounds.get(cluster);
  if (cached?.builtins === builtins) return cached;
  const built = { builtins, policy: mergePolicies(cluster.policy, builtins), catalog: ResourceCatalog.builtin().withResources(cluster.resources) };
  backgrounds.set(cluster, built);
  return built;
}

const withCrds = new WeakMap<ResourceCatalog, { crds: CrdObject[]; catalog: ResourceCatalog }>();

/**
 * The catalog plus the workspace's CRDs: the same object while the CRDs are the same objects (their
 * documents unchanged), so findings computed with it stay valid after an edit elsewhere.
 */
function catalogWithCrds(base: ResourceCatalog, crds: CrdObject[]): ResourceCatalog {
  const cached = withCrds.get(base);
  if (cached && cached.crds.length === crds.length && cached.crds.every((crd, i) => crd === crds[i])) return cached.catalog;
  const catalog = base.withCrds(crds);
  withCrds.set(base, { crds: [...crds], catalog });
  return catalog;
}

function roleKey(kind: string, name: string, namespace: string | undefined): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}
