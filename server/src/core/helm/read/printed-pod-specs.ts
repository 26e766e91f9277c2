import { isMap, parseDocument } from 'yaml';
import type { K8sObject, WorkloadObject } from '../../model/types';
import { WORKLOAD_KINDS } from '../../model/types';
import type { PrintedAction } from './mask-template';

const WORKLOADS: ReadonlySet<string> = new Set(WORKLOAD_KINDS);
const MAX_PRINTED = 256 * 1024;

/**
 * A pod spec printed by a helper (`spec: {{- include "grafana.pod" . | nindent 6 }}`): its text is known when
 * the helper's output is, and Helm renders its `serviceAccountName` there. The one workload of the document
 * takes it from the printed YAML (a pod spec, or a `spec`/`template.spec` holding one).
 */
export function readPrintedServiceAccounts(objects: K8sObject[], hidden: PrintedAction[]): void {
  const workloads = objects.filter((o): o is WorkloadObject => WORKLOADS.has(o.kind));
  if (workloads.length !== 1 || workloads[0].serviceAccountField !== undefined) return;
  for (const printed of hidden) {
    if (typeof printed.value !== 'string' || printed.value.length > MAX_PRINTED || !printed.value.includes('serviceAccount')) continue;
    const found = serviceAccountIn(printed.value);
    if (found) {
      workloads[0].serviceAccountName = found.name;
      workloads[0].serviceAccountField = found.field;
      return;
    }
  }
}

function serviceAccountIn(text: string): { name: string; field: 'serviceAccountName' | 'serviceAccount' } | undefined {
  const doc = parseDocument(text, { prettyErrors: false, strict: false });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  const plain = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
  const candidates = [plain, asMap(plain.spec), asMap(asMap(plain.template)?.spec)];
  for (const spec of candidates) {
    if (!spec) continue;
    if (typeof spec.serviceAccountName === 'string') return { name: spec.serviceAccountName, field: 'serviceAccountName' };
    if (typeof spec.serviceAccount === 'string') return { name: spec.serviceAccount, field: 'serviceAccount' };
  }
  return undefined;
}

function asMap(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
}
