import { ResourceCatalog } from './catalog/catalog';
import { runChecks } from './checks/run-checks';
import type { CheckContext } from './checks/check';
import type { Finding } from './checks/types';
import type { WorkspaceModel } from './model/workspace-model';
import { workspacePolicy } from './model/workspace-policy';
import { builtinPolicy } from './rbac/builtin-policy';
import { mergeWithBuiltins } from './rbac/policy-index';
import type { Policy, RbacRole, RoleRef } from './rbac/types';
import type { RbacDoctorSettings } from '../protocol/settings';

export interface Analysis {
  context: CheckContext;
  findings: Finding[];
}

const EMPTY_POLICY: Policy = { roles: [], bindings: [] };
const cache = new WeakMap<WorkspaceModel, { version: number; settings: RbacDoctorSettings; analysis: Analysis }>();

/** The workspace's check context and findings, recomputed only when the model or the settings changed. */
export function analyse(model: WorkspaceModel, settings: RbacDoctorSettings): Analysis {
  const cached = cache.get(model);
  if (cached && cached.version === model.version && cached.settings === settings) return cached.analysis;
  const context = checkContext(model, settings);
  const analysis = { context, findings: runChecks(context, settings) };
  cache.set(model, { version: model.version, settings, analysis });
  return analysis;
}

export function checkContext(model: WorkspaceModel, settings: Pick<RbacDoctorSettings, 'builtinRoles'>): CheckContext {
  const index = model.index;
  const builtins = settings.builtinRoles ? builtinPolicy() : EMPTY_POLICY;
  const policy = mergeWithBuiltins(workspacePolicy(model), builtins);
  const roles = new Map<string, RbacRole>();
  for (const role of policy.roles) roles.set(roleKey(role.kind, role.name, role.namespace), role);
  return {
    model,
    index,
    catalog: ResourceCatalog.builtin().withCrds(index.crds),
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

function roleKey(kind: string, name: string, namespace: string | undefined): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}
