import { ResourceCatalog } from './catalog/catalog';
import { runChecks, type CheckFailure } from './checks/run-checks';
import { guardTemplateFindings } from './helm/read/guard-findings';
import { relocateToValues } from './helm/read/relocate-to-values';
import { chartFilesOf } from './helm/chart/chart-files';
import type { CheckContext } from './checks/check';
import type { Finding } from './checks/types';
import { allFindings, findingsAfterEdits, type FindingsState, findingsState } from './incremental/findings-update';
import { convertedBinding, convertedRole, policyPositions, replaceInPolicy, roleKey, touchesAggregation, type PolicyState } from './incremental/policy-update';
import type { IndexChange } from './model/index-update';
import type { CrdObject } from './model/types';
import type { WorkspaceIndex, WorkspaceModel } from './model/workspace-model';
import { partialPolicy } from './model/workspace-policy';
import { builtinPolicy } from './rbac/builtin-policy';
import { mergePolicies } from './rbac/policy-index';
import type { Policy, RoleRef } from './rbac/types';
import type { RbacDoctorSettings } from '../protocol/settings';
import type { ClusterSnapshot } from './cluster/snapshot';

export interface Analysis {
  context: CheckContext;
  /** Every finding, sorted by place (gathered when first read). */
  readonly findings: Finding[];
  /** The findings by file: an unchanged file keeps the same array from one analysis to the next. */
  byFile: ReadonlyMap<string, readonly Finding[]>;
  /** Checks that stopped on something unforeseen (their findings are missing): said by the CLI and the server's log. */
  failedChecks: CheckFailure[];
}

const EMPTY_POLICY: Policy = { roles: [], bindings: [] };

/**
 * What the last context was built from, and how far it follows the index: after an edit the index is
 * updated in place (see WorkspaceModel), and so are the policy and the role lookup; the context is
 * built from scratch when the index was built again, the settings or the cluster changed.
 */
interface ContextState extends PolicyState {
  version: number;
  builtinRoles: boolean;
  cluster?: ClusterSnapshot;
  index: WorkspaceIndex;
  /** How many of the index's in-place updates the context follows. */
  changesSeen: number;
  /** Increases each time the context is built from scratch: findings computed with an older one are not updated, but computed again. */
  generation: number;
  background: { policy: Policy; catalog: ResourceCatalog };
  context: CheckContext;
}

/** How many analyses were updated in place and how many ran every check: tests and the bench read it. */
export const analysisCounters = { incremental: 0, full: 0 };

const contexts = new WeakMap<WorkspaceModel, ContextState>();
const analyses = new WeakMap<WorkspaceModel, { version: number; settings: RbacDoctorSettings; cluster?: ClusterSnapshot; analysis: Analysis; state: FindingsState }>();

/**
 * The workspace's check context and findings. After an edit, only the findings that depend on the
 * edited files' objects are computed again (see incremental/findings-update.ts); a model read from
 * scratch gives the same findings (the random-edit tests hold the two equal).
 */
export function analyse(model: WorkspaceModel, settings: RbacDoctorSettings, cluster?: ClusterSnapshot): Analysis {
  const cached = analyses.get(model);
  if (cached && cached.version === model.version && cached.settings === settings && cached.cluster === cluster) return cached.analysis;
  const context = currentContext(model, settings, cluster);
  const contextState = contexts.get(model)!;
  const { changes } = model.indexHistory;
  const basis = { settings, cluster, index: contextState.index, generation: contextState.generation, changesSeen: contextState.changesSeen };
  let state: FindingsState | undefined;
  if (cached && cached.settings === settings && cached.cluster === cluster && cached.state.index === basis.index && cached.state.generation === basis.generation) {
    state = findingsAfterEdits(cached.state, context, settings, changes.slice(cached.state.changesSeen, basis.changesSeen), basis);
    if (state) analysisCounters.incremental++;
  }
  if (!state) {
    analysisCounters.full++;
    const failedChecks: CheckFailure[] = [];
    const raw = runChecks(context, settings, (failure) => failedChecks.push(failure));
    const findings = relocateToValues(guardTemplateFindings(raw, model), context, chartFilesOf(model).positionedValues);
    state = findingsState(raw, findings, basis, failedChecks);
  }
  const settled = state;
  const analysis: Analysis = {
    context,
    get findings() {
      return allFindings(settled);
    },
    byFile: state.byFile,
    failedChecks: state.failedChecks,
  };
  analyses.set(model, { version: model.version, settings, cluster, analysis, state });
  return analysis;
}

/**
 * The check context of the model as it is now, once per model version: hovers, lenses and navigation
 * need it, not the findings, so they are answered without running the checks (also while a large
 * workspace is still being indexed).
 */
export function currentContext(model: WorkspaceModel, settings: Pick<RbacDoctorSettings, 'builtinRoles'>, cluster?: ClusterSnapshot): CheckContext {
  const state = contexts.get(model);
  const same = state && state.builtinRoles === settings.builtinRoles && state.cluster === cluster;
  if (same && state.version === model.version) return state.context;
  const { index, changes } = model.indexHistory;
  if (same && state.index === index && changes.length >= state.changesSeen) {
    const pending = changes.slice(state.changesSeen);
    const policy = replaceInPolicy(model, state, pending) ?? rebuiltPolicy(model, state, pending);
    state.version = model.version;
    state.changesSeen = changes.length;
    if (policy) {
      state.policy = policy;
      state.context = { ...state.context, policy };
      return state.context;
    }
  }
  const built = buildContext(model, settings, cluster);
  contexts.set(model, { ...built, version: model.version, builtinRoles: settings.builtinRoles, cluster, index, changesSeen: changes.length, generation: (state?.generation ?? 0) + 1 });
  return built.context;
}

/**
 * What checks and questions see: the workspace first (it is what the user is about to apply), then
 * what a connected cluster holds, then Kubernetes' defaults. Built from scratch.
 */
export function checkContext(model: WorkspaceModel, settings: Pick<RbacDoctorSettings, 'builtinRoles'>, cluster?: ClusterSnapshot): CheckContext {
  return buildContext(model, settings, cluster).context;
}

function buildContext(model: WorkspaceModel, settings: Pick<RbacDoctorSettings, 'builtinRoles'>, cluster?: ClusterSnapshot): PolicyState & { background: ContextState['background']; context: CheckContext } {
  const index = model.index;
  const builtins = settings.builtinRoles ? builtinPolicy() : EMPTY_POLICY;
  const background = cluster ? clusterBackground(cluster, builtins) : { policy: builtins, catalog: ResourceCatalog.builtin() };
  const state: PolicyState = { policy: EMPTY_POLICY, roles: new Map(), converted: new WeakMap(), aggregators: [], positions: new Map() };
  const workspace = {
    roles: index.roles.map((role) => convertedRole(model, state, role)),
    bindings: index.bindings.map((binding) => convertedBinding(model, state, binding)),
    partial: partialPolicy(model),
  };
  state.policy = mergePolicies(workspace, background.policy);
  fillRoles(state);
  const context: CheckContext = {
    model,
    index,
    catalog: catalogWithCrds(background.catalog, index.crds),
    cluster,
    policy: state.policy,
    builtinPolicy: builtins,
    fileOf: (object) => {
      const file = model.getFile(object.doc.file);
      if (!file) throw new Error(`no file for ${object.doc.file}`);
      return file;
    },
    // Reads the state's map, which edits update in place.
    resolveRoleRef: (roleRef: RoleRef, bindingNamespace: string | undefined) =>
      state.roles.get(roleKey(roleRef.kind, roleRef.name, roleRef.kind === 'Role' ? bindingNamespace : undefined)),
  };
  return { ...state, background, context, roles: state.roles };
}

/** Roles by identity (the first wins), the aggregating ClusterRoles and the places of a policy. */
function fillRoles(state: PolicyState): void {
  state.roles.clear();
  for (const role of state.policy.roles) state.roles.set(roleKey(role.kind, role.name, role.namespace), role);
  state.aggregators = state.policy.roles.filter((r) => r.aggregationRule);
  state.positions = policyPositions(state.policy);
}

/**
 * The policy merged again after edits that added, removed or renamed roles or bindings: objects of
 * unchanged files keep their RBAC form. Undefined when aggregation is involved (built from scratch).
 */
function rebuiltPolicy(model: WorkspaceModel, state: ContextState, pending: readonly IndexChange[]): Policy | undefined {
  if (touchesAggregation(pending, state)) return undefined;
  for (const change of pending) for (const object of change.added) state.converted.delete(object);
  const workspace = {
    roles: state.index.roles.map((role) => convertedRole(model, state, role)),
    bindings: state.index.bindings.map((binding) => convertedBinding(model, state, binding)),
    // Only chart templates hold partial objects, and a template's change builds the index again: these stay.
    partial: state.policy.partial,
  };
  state.policy = mergePolicies(workspace, state.background.policy);
  fillRoles(state);
  return state.policy;
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
