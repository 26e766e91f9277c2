/** Audit events shaped as kube-apiserver writes them (audit.k8s.io/v1, level Metadata), one per line. */
export interface EventSpec {
  user: string;
  groups?: string[];
  impersonate?: { user: string; groups?: string[] };
  verb: string;
  uri: string;
  ref?: { resource: string; namespace?: string; name?: string; apiGroup?: string; subresource?: string };
  decision?: 'allow' | 'forbid' | null;
  code?: number;
  message?: string;
  stage?: string;
}

let counter = 0;

export function auditEvent(spec: EventSpec): Record<string, unknown> {
  counter++;
  const annotations: Record<string, string> = {};
  if (spec.decision !== null) {
    annotations['authorization.k8s.io/decision'] = spec.decision ?? 'forbid';
    annotations['authorization.k8s.io/reason'] = spec.decision === 'allow' ? 'RBAC: allowed by ClusterRoleBinding "x"' : '';
  }
  const code = spec.code ?? (spec.decision === 'allow' ? 200 : 403);
  return {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: 'Metadata',
    auditID: `5a0b6c1e-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    stage: spec.stage ?? 'ResponseComplete',
    requestURI: spec.uri,
    verb: spec.verb,
    user: { username: spec.user, uid: 'a1b2', groups: spec.groups ?? ['system:authenticated'] },
    ...(spec.impersonate ? { impersonatedUser: { username: spec.impersonate.user, groups: spec.impersonate.groups ?? ['system:authenticated'] } } : {}),
    sourceIPs: ['10.244.0.7'],
    userAgent: 'manager/v0.0.0 (linux/amd64) kubernetes/$Format',
    ...(spec.ref ? { objectRef: { apiVersion: spec.ref.apiGroup ? 'v1' : 'v1', ...spec.ref } } : {}),
    responseStatus: code === 403
      ? { metadata: {}, status: 'Failure', message: spec.message ?? 'forbidden', reason: 'Forbidden', details: {}, code }
      : { metadata: {}, code },
    requestReceivedTimestamp: '2026-11-29T10:00:00.000000Z',
    stageTimestamp: '2026-11-29T10:00:00.001000Z',
    annotations,
  };
}

export const jsonLines = (events: Record<string, unknown>[]) => events.map((e) => JSON.stringify(e)).join('\n') + '\n';

export const SA_GROUPS = (ns: string) => ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated'];
