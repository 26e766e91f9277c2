import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import { parseAllDocuments } from 'yaml';
import { chartReports } from '../../server/src/core/helm/chart/chart-report';
import type { K8sObject } from '../../server/src/core/model/types';
import { loadWorkspace } from '../../server/src/node/load-workspace';

/**
 * What must read the same as Helm renders it: every Role, ClusterRole, binding and ServiceAccount (with its
 * rules, aggregation, roleRef and subjects) and each workload's serviceAccountName, one row per object.
 */
export const RBAC_KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'ServiceAccount']);
const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod']);
const CLUSTER_SCOPED = new Set(['ClusterRole', 'ClusterRoleBinding']);
export const RELEASE = { name: 'release', namespace: 'default' };

type Plain = Record<string, unknown>;

function list(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.length ? value.map(String) : undefined;
}

function rule(r: Plain): Plain {
  return { apiGroups: list(r.apiGroups), resources: list(r.resources), resourceNames: list(r.resourceNames), verbs: list(r.verbs), nonResourceURLs: list(r.nonResourceURLs) };
}

function podSpec(kind: string, spec: Plain | undefined): Plain | undefined {
  if (!spec) return undefined;
  if (kind === 'Pod') return spec;
  if (kind === 'CronJob') return ((((spec.jobTemplate as Plain)?.spec as Plain)?.template as Plain)?.spec as Plain) ?? undefined;
  return ((spec.template as Plain)?.spec as Plain) ?? undefined;
}

/** The row of one rendered object, or undefined for kinds that are not compared. */
export function rowOf(object: Plain): string | undefined {
  const kind = String(object.kind ?? '');
  const metadata = (object.metadata ?? {}) as Plain;
  const namespace = CLUSTER_SCOPED.has(kind) ? '' : String(metadata.namespace ?? RELEASE.namespace);
  const head = `${kind} ${namespace ? `${namespace}/` : ''}${String(metadata.name ?? '')}`;
  if (RBAC_KINDS.has(kind)) {
    const body: Plain = {};
    if (kind === 'Role' || kind === 'ClusterRole') {
      body.rules = Array.isArray(object.rules) ? (object.rules as Plain[]).map(rule) : [];
      const aggregation = object.aggregationRule as Plain | undefined;
      if (aggregation) body.aggregationRule = aggregation.clusterRoleSelectors ?? [];
    }
    if (kind.endsWith('Binding')) {
      const ref = (object.roleRef ?? {}) as Plain;
      body.roleRef = `${String(ref.kind)}/${String(ref.name)}`;
      body.subjects = Array.isArray(object.subjects) ? (object.subjects as Plain[]).map((s) => `${String(s.kind)}:${s.namespace ? `${String(s.namespace)}/` : ''}${String(s.name)}`) : [];
    }
    return `${head} ${JSON.stringify(body)}`;
  }
  if (WORKLOADS.has(kind)) {
    const spec = podSpec(kind, object.spec as Plain | undefined);
    const account = spec?.serviceAccountName ?? spec?.serviceAccount ?? '';
    return `${head} serviceAccountName=${String(account)}`;
  }
  return undefined;
}

export interface OracleRun {
  helm: string[];
  ours: string[];
  /** Objects whose reading we say is not decided (skipped or with parts not judged), by row head. */
  unknownHeads: Set<string>;
  unknownCount: number;
  helmError?: string;
}

export function renderWithHelm(helm: string, chart: string, valuesFiles: string[]): string[] | { error: string } {
  try {
    const text = execFileSync(helm, ['template', RELEASE.name, chart, '--namespace', RELEASE.namespace, '--kube-version', '1.32.0', ...valuesFiles.flatMap((f) => ['-f', f])], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
    const rows: string[] = [];
    for (const doc of parseAllDocuments(text)) {
      const value = doc.toJS() as Plain | null;
      if (!value || typeof value !== 'object') continue;
      const items = value.kind === 'List' && Array.isArray(value.items) ? value.items as Plain[] : [value];
      for (const item of items) {
        const row = rowOf(item);
        if (row) rows.push(row);
      }
    }
    return rows.sort();
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? (error as Error).message;
    return { error: stderr.trim().split('\n').slice(-1)[0] };
  }
}

function head(row: string): string {
  return row.split(' ').slice(0, 2).join(' ');
}

export interface OurReading { rows: string[]; unknownHeads: Set<string>; unknownCount: number; skippedKinds: string[] }

export function readWithUs(chart: string, valuesFiles: string[]): OurReading {
  const model = loadWorkspace([chart]);
  model.setHelmOptions({ releaseName: RELEASE.name, releaseNamespace: RELEASE.namespace, valuesFiles: valuesFiles.map((path) => ({ path, text: readFileSync(path, 'utf8') })) });
  const rows: string[] = [];
  const unknownHeads = new Set<string>();
  const undecidedDocs = new Set<string>();
  let unknownCount = 0;
  const skippedKinds: string[] = [];
  for (const report of chartReports(model)) {
    skippedKinds.push(...report.skipped.map((s) => s.what));
    for (const note of [...report.skipped, ...report.notJudged]) {
      undecidedDocs.add(`${note.file}:${note.line}`);
      unknownCount++;
    }
  }
  const undecidedFiles = new Set([...undecidedDocs].map((d) => d.slice(0, d.lastIndexOf(':'))));
  for (const object of model.index.objects as K8sObject[]) {
    if (!object.doc.file.includes('/templates/')) continue;
    const plain = object.node.toJSON() as Plain;
    let row = rowOf(plain);
    if (!row) continue;
    // A workload's ServiceAccount as the model reads it (a pod spec a helper prints included).
    if (WORKLOADS.has(object.kind)) row = `${head(row)} serviceAccountName=${(object as { serviceAccountName?: string }).serviceAccountName ?? ''}`;
    rows.push(row);
    // Under a condition we could not decide (a cluster's API versions, say): said to be undecided, never read as granted.
    const undecided = object.undecided?.object !== undefined || (object.undecided?.items?.length ?? 0) > 0;
    if (undecided) unknownCount++;
    if (undecided || undecidedFiles.has(object.doc.file)) unknownHeads.add(head(row));
  }
  return { rows: rows.sort(), unknownHeads, unknownCount, skippedKinds };
}

export interface Comparison {
  onlyHelm: string[];
  onlyOurs: string[];
  /** Rows that differ or are missing where we said the object was not decided. */
  unknown: string[];
  same: number;
}

/** Rows only in Helm's render and rows only in ours; a difference at an object we said is undecided counts as unknown. */
export function compareRows(helm: string[], ours: OurReading): Comparison {
  const theirs = new Map<string, number>();
  for (const row of helm) theirs.set(row, (theirs.get(row) ?? 0) + 1);
  const onlyOurs: string[] = [];
  const unknown: string[] = [];
  let same = 0;
  for (const row of ours.rows) {
    const count = theirs.get(row) ?? 0;
    if (count > 0) { theirs.set(row, count - 1); same++; continue; }
    (ours.unknownHeads.has(head(row)) ? unknown : onlyOurs).push(row);
  }
  const onlyHelm: string[] = [];
  // An object we skipped (its name or kind not decided) accounts for one of Helm's objects of its kind.
  const skipped = [...ours.skippedKinds];
  for (const [row, count] of theirs) {
    for (let i = 0; i < count; i++) {
      const kindSkipped = skipped.indexOf(row.split(' ')[0]);
      if (kindSkipped !== -1) skipped.splice(kindSkipped, 1);
      (ours.unknownHeads.has(head(row)) || kindSkipped !== -1 ? unknown : onlyHelm).push(row);
    }
  }
  return { onlyHelm: onlyHelm.sort(), onlyOurs: onlyOurs.sort(), unknown: unknown.sort(), same };
}
