import type { Connection } from 'vscode-languageserver';
import { explainDecision } from '../core/access/explain';
import { describeRequest, parseTarget } from '../core/access/parse-target';
import { policyIndexOf } from '../core/explain/hover';
import { permissionsMatrix } from '../core/explain/permissions-matrix';
import { nodeAt } from '../core/model/node-at';
import { canI } from '../core/rbac/authorize';
import { identityOf } from '../core/rbac/subjects';
import type { Origin, Subject } from '../core/rbac/types';
import { whoCan } from '../core/rbac/who-can';
import {
  CanIRequest, EffectivePermissionsRequest, ForbiddenRequest, WhoCanRequest, WorkspaceStatusRequest, type WorkspaceStatus,
  type CanIParams, type CanIResult, type EffectivePermissionsParams, type EffectivePermissionsResult,
  type ForbiddenParams, type ForbiddenResult, type WhoCanParams, type WhoCanResult,
} from '../protocol/custom-messages';
import { forbiddenResult, readForbiddenParams } from './forbidden-result';
import type { Session } from './session';
import { uriToPath } from './uri';

/** The extension's own requests: Fix Forbidden Error and the access questions. */
export function registerCustomRequests(connection: Connection, session: Session): void {
  const context = () => session.context();

  // Answered at once, also while the workspace is read: what a status bar shows.
  connection.onRequest(WorkspaceStatusRequest, (): WorkspaceStatus => session.status);

  connection.onRequest(ForbiddenRequest, async (params: ForbiddenParams): Promise<ForbiddenResult> => {
    await session.indexing;
    const reported = params.uri && !params.text ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    reported?.begin('Kubernetes RBAC: reading the log', 0, undefined, false);
    let shown = -1;
    const { denials } = await readForbiddenParams(params, (read, total) => {
      const percent = total > 0 ? Math.floor((read / total) * 100) : 0;
      if (percent !== shown) reported?.report(percent, `${(read / 1e6).toFixed(0)}/${(total / 1e6).toFixed(0)} MB`);
      shown = percent;
    }).finally(() => reported?.done());
    return forbiddenResult(context(), denials, params, (file) => session.model.getFile(file));
  });

  connection.onRequest(CanIRequest, async (params: CanIParams): Promise<CanIResult> => {
    await session.indexing;
    const ctx = context();
    const target = parseTarget(ctx.catalog, params.verb, params.resource, { namespace: params.namespace, subresource: params.subresource });
    const identity = identityOf(params.user, params.groups ?? []);
    const decision = canI(policyIndexOf(ctx), identity, target.request);
    const result: CanIResult = { allowed: decision.allowed, ...(decision.undecided.length ? { unknown: true } : {}), chain: [{ text: describeRequest(target.request) }, ...explainDecision(decision, target.request)], warnings: target.warnings };
    const cluster = session.cluster;
    if (cluster) {
      try {
        const answer = await cluster.canI(target.request, identity);
        result.cluster = { context: cluster.context, allowed: answer.allowed, ...(answer.reason ? { reason: answer.reason } : {}), ...(answer.error ? { error: answer.error } : {}) };
      } catch (error) {
        result.cluster = { context: cluster.context, allowed: false, error: (error as Error).message };
      }
    }
    return result;
  });

  connection.onRequest(WhoCanRequest, async (params: WhoCanParams): Promise<WhoCanResult> => {
    await session.indexing;
    const ctx = context();
    const target = parseTarget(ctx.catalog, params.verb, params.resource, { namespace: params.namespace, subresource: params.subresource });
    const subjects = whoCan(policyIndexOf(ctx), target.request).map((g) => ({
      kind: g.subject.kind,
      subject: g.subject.kind === 'ServiceAccount' ? `${g.subject.namespace}/${g.subject.name}` : g.subject.name,
      via: [
        { text: `${g.binding.kind} ${g.binding.name}${liveNote(g.binding.origin)}`, file: g.binding.origin.file, line: g.binding.origin.line },
        { text: `${g.role.kind} ${g.role.name}${liveNote(g.role.origin)}`, file: g.role.origin.file, line: g.role.origin.line },
      ],
      ...(g.undecided ? { might: { text: g.undecided.why, file: g.undecided.file, line: g.undecided.line } } : {}),
    }));
    return { subjects, warnings: target.warnings, ...(session.cluster ? { cluster: session.cluster.context } : {}) };
  });

  connection.onRequest(EffectivePermissionsRequest, async (params: EffectivePermissionsParams): Promise<EffectivePermissionsResult> => {
    await session.indexing;
    const path = uriToPath(params.uri);
    const file = path ? session.model.getFile(path) : undefined;
    const at = file ? nodeAt(file, params.position) : undefined;
    const subject = subjectUnderCursor(at);
    if (!subject) return { markdown: '' };
    const ctx = context();
    return { subject: subject.name, markdown: permissionsMatrix(policyIndexOf(ctx), subject) };
  });
}

/** Objects read from a cluster have no file to link to: say where they live instead. */
function liveNote(origin: Origin): string {
  return origin.cluster ? ` (cluster ${origin.cluster})` : '';
}

function subjectUnderCursor(at: ReturnType<typeof nodeAt>): Subject | undefined {
  const object = at?.object;
  if (!object) return undefined;
  if ((object.kind === 'RoleBinding' || object.kind === 'ClusterRoleBinding') && at.path[0] === 'subjects' && typeof at.path[1] === 'number') {
    const s = object.subjects[at.path[1]];
    if (!s) return undefined;
    return s.kind === 'ServiceAccount' ? { ...s, namespace: s.namespace || object.namespace?.value } : s;
  }
  if (object.kind === 'ServiceAccount') return { kind: 'ServiceAccount', name: object.name, namespace: object.namespace?.value };
  if ('podSpecNode' in object) return { kind: 'ServiceAccount', name: object.serviceAccountName ?? 'default', namespace: object.namespace?.value };
  return undefined;
}
