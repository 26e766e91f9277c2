import { parseAllDocuments } from 'yaml';
import { emitData } from '../core/emit/yaml-data';
import type { AppliedObject, ClusterApplyResult } from '../protocol/custom-messages';
import { ResourceCatalog } from '../core/catalog/catalog';
import type { LiveObject } from '../core/cluster/live-policy';
import type { ApiClient } from './api-client';
import { statusMessage } from './cluster-error';

/** The kinds a fix can contain; anything else is refused, not guessed. Where they live is the catalog's to say. */
const APPLIED_KINDS = ['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding', 'ServiceAccount'];

interface KindLocation { apiVersion: string; base: string; plural: string; namespaced: boolean }

function locate(kind: string | undefined): KindLocation | undefined {
  if (!kind || !APPLIED_KINDS.includes(kind)) return undefined;
  const catalog = ResourceCatalog.builtin();
  const type = catalog.resolveTypeName(kind);
  const info = type && catalog.lookup(type.group, type.resource);
  if (!info) return undefined;
  const apiVersion = info.group ? `${info.group}/${info.preferredVersion}` : info.preferredVersion;
  return { apiVersion, base: info.group ? `/apis/${apiVersion}` : `/api/${apiVersion}`, plural: info.resource, namespaced: info.namespaced };
}

export const FIELD_MANAGER = 'rbac-doctor';

interface ManifestObject {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; [key: string]: unknown };
  [key: string]: unknown;
}

/**
 * Server-side apply of RBAC YAML, object by object, as `kubectl apply --server-side --force-conflicts`
 * would: the user has seen the dry-run's result before anything is written. A refusal (escalation,
 * validation) is reported per object in the API server's words.
 */
export async function applyManifest(api: ApiClient, text: string, dryRun: boolean, onApplied: (object: LiveObject) => void = () => undefined): Promise<ClusterApplyResult> {
  const objects: ManifestObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length) return { ok: false, objects: [], error: `the YAML does not parse: ${doc.errors[0].message.split('\n')[0]}` };
    const value = doc.toJS() as ManifestObject | null;
    if (value) objects.push(value);
  }
  if (objects.length === 0) return { ok: false, objects: [], error: 'nothing to apply: the YAML holds no object' };
  for (const object of objects) {
    const refusal = unsupported(object);
    if (refusal) return { ok: false, objects: [], error: refusal };
  }
  const results: AppliedObject[] = [];
  for (const object of objects) results.push(await applyOne(api, object, dryRun, onApplied));
  return { ok: results.every((r) => !r.error), objects: results };
}

function unsupported(object: ManifestObject): string | undefined {
  const kind = locate(object.kind);
  if (!kind) return `only RBAC objects and ServiceAccounts are applied; ${object.kind ?? 'an object without kind'} is not`;
  if (object.apiVersion !== kind.apiVersion) return `${object.kind} ${object.metadata?.name ?? ''}: apiVersion must be ${kind.apiVersion}, not ${object.apiVersion}`;
  if (!object.metadata?.name) return `${object.kind}: metadata.name is missing`;
  return undefined;
}

async function applyOne(api: ApiClient, object: ManifestObject, dryRun: boolean, onApplied: (object: LiveObject) => void): Promise<AppliedObject> {
  const kind = locate(object.kind)!;
  const name = object.metadata!.name!;
  // kubectl's rule: a namespaced object without a namespace goes to the context's namespace.
  const namespace = kind.namespaced ? object.metadata!.namespace || api.namespace : undefined;
  const body = kind.namespaced ? { ...object, metadata: { ...object.metadata, namespace } } : object;
  const path = `${kind.base}/${namespace ? `namespaces/${encodeURIComponent(namespace)}/` : ''}${kind.plural}/${encodeURIComponent(name)}`;
  const described = { kind: object.kind!, name, ...(namespace ? { namespace } : {}) };

  const live = await api.send<ManifestObject>('GET', path);
  if (live.status === 401) throw api.failure(live, `reading ${object.kind} ${name}`);
  const before = live.status < 300 && live.body ? toYaml(live.body) : '';
  const query = `?fieldManager=${FIELD_MANAGER}&force=true${dryRun ? '&dryRun=All' : ''}`;
  const answer = await api.send<ManifestObject>('PATCH', `${path}${query}`, body, 'application/apply-patch+yaml');
  if (answer.status === 401) throw api.failure(answer, `applying ${object.kind} ${name}`);
  if (answer.status >= 300) {
    const why = statusMessage(answer.body) ?? `the API server answered ${answer.status}`;
    return { ...described, before, error: answer.status === 403 ? `${why}${hintFor(why)}` : why };
  }
  if (!dryRun) onApplied(answer.body as LiveObject);
  return { ...described, before, after: toYaml(answer.body) };
}

function hintFor(message: string): string {
  return /attempting to grant RBAC permissions not currently held/.test(message)
    ? ' (Kubernetes lets you grant only what you hold yourself, or with the escalate/bind verbs: ask a cluster admin to apply it)'
    : '';
}

const BOOKKEEPING = ['managedFields', 'resourceVersion', 'uid', 'creationTimestamp', 'generation', 'selfLink'];
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** The object without the server's bookkeeping, so a diff shows what the fix changes. */
export function toYaml(object: ManifestObject): string {
  const { apiVersion, kind, metadata = {}, status: _status, ...rest } = object;
  void _status;
  const meta = Object.fromEntries(Object.entries(metadata).filter(([key]) => !BOOKKEEPING.includes(key)));
  const annotations = Object.entries((meta.annotations ?? {}) as Record<string, string>).filter(([key]) => key !== LAST_APPLIED);
  if (annotations.length) meta.annotations = Object.fromEntries(annotations);
  else delete meta.annotations;
  return emitData({ apiVersion, kind, metadata: meta, ...rest });
}
