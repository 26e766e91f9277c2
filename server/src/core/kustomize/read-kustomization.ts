import type { KustomizationObject } from '../model/types';
import type { FieldSpec, Json, JsonMap, Selector } from './types';

/** A kustomization's directives, read tolerantly: a wrong shape reads as absent. */
export interface KustomizationSpec {
  file: string;
  kind: 'Kustomization' | 'Component';
  resources: string[];
  components: string[];
  namespace?: string;
  namePrefix?: string;
  nameSuffix?: string;
  /** `patches`, in order; each a path or an inline patch, with an optional target. */
  patches: PatchEntry[];
  patchesStrategicMerge: string[];
  patchesJson6902: PatchEntry[];
  /** File paths or inline transformer configurations. */
  transformers: string[];
  configurations: string[];
  labels: LabelEntry[];
  /** Directives whose output a build here does not compute and that may touch RBAC, by key (plugins, Helm charts, replacements…). */
  unbuilt: { field: string; entries: string[] }[];
  /** `replacements`, in order: inline ones, or `{path}` of a file holding one or a list. */
  replacements: JsonMap[];
  /** ConfigMaps and Secrets of generators, by the name written (the build adds a content hash kustomize computes). */
  generated: { field: string; name: string }[];
}

export interface PatchEntry {
  path?: string;
  patch?: string;
  target?: Selector;
}

export interface LabelEntry {
  pairs: Record<string, string>;
  fieldSpecs: FieldSpec[];
}

const UNBUILT_FIELDS = ['helmCharts', 'helmChartInflationGenerator', 'generators'];

/** Each kustomization object's spec, read once (an edited kustomization is a new object). Never changed by its readers. */
const specs = new WeakMap<KustomizationObject, KustomizationSpec>();

export function readKustomizationSpec(k: KustomizationObject): KustomizationSpec {
  let spec = specs.get(k);
  if (!spec) specs.set(k, (spec = readSpec(k)));
  return spec;
}

function readSpec(k: KustomizationObject): KustomizationSpec {
  const data = asMap(k.doc.yaml ? k.node.toJS(k.doc.yaml) : k.node.toJSON()) ?? {};
  return {
    file: k.doc.file,
    kind: data.kind === 'Component' ? 'Component' : 'Kustomization',
    resources: [...strings(data.resources), ...strings(data.bases)],
    components: strings(data.components),
    namespace: str(data.namespace),
    namePrefix: str(data.namePrefix),
    nameSuffix: str(data.nameSuffix),
    patches: list(data.patches).map(patchEntry),
    patchesStrategicMerge: strings(data.patchesStrategicMerge),
    patchesJson6902: list(data.patchesJson6902).map(patchEntry),
    transformers: strings(data.transformers),
    configurations: strings(data.configurations),
    labels: labelEntries(data),
    unbuilt: [
      ...UNBUILT_FIELDS.map((field) => ({ field, entries: list(data[field]).map(describeEntry) })),
      // vars are substituted only in varReference fields, which by default hold nothing RBAC reads (kubectl
      // leaves `$(VAR)` in a subject or roleRef as written); a `configurations:` file may add some.
      { field: 'vars', entries: list(data.configurations).length > 0 ? list(data.vars).map(describeEntry) : [] },
    ].filter((u) => u.entries.length > 0),
    replacements: list(data.replacements).map(asMap).filter((m): m is JsonMap => m !== undefined),
    generated: ['configMapGenerator', 'secretGenerator'].flatMap((field) =>
      list(data[field]).map((g) => ({ field, name: str(asMap(g)?.name) ?? '' })).filter((g) => g.name !== '')),
  };
}

function patchEntry(value: Json): PatchEntry {
  const map = asMap(value) ?? {};
  return { path: str(map.path), patch: str(map.patch), target: selector(map.target) };
}

export function selector(value: Json | undefined): Selector | undefined {
  const map = asMap(value);
  if (!map) return undefined;
  const out: Selector = {};
  for (const key of ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector'] as const) {
    const text = str(map[key]);
    if (text !== undefined) out[key] = text;
  }
  return out;
}

function labelEntries(data: JsonMap): LabelEntry[] {
  const out: LabelEntry[] = [];
  const common = stringMap(data.commonLabels);
  if (Object.keys(common).length > 0) out.push({ pairs: common, fieldSpecs: [{ path: 'metadata/labels' }] });
  for (const entry of list(data.labels)) {
    const map = asMap(entry);
    if (map) out.push({ pairs: stringMap(map.pairs), fieldSpecs: [{ path: 'metadata/labels' }] });
  }
  return out;
}

function describeEntry(value: Json): string {
  const map = asMap(value);
  if (map) return str(map.name) ?? str(map.path) ?? str(asMap(map.source)?.name) ?? '';
  return typeof value === 'string' ? value.split('\n')[0] : '';
}

export function asMap(value: Json | undefined | unknown): JsonMap | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonMap) : undefined;
}

export function list(value: Json | undefined): Json[] {
  return Array.isArray(value) ? value : [];
}

export function str(value: Json | undefined): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

function strings(value: Json | undefined): string[] {
  return list(value).map(str).filter((s): s is string => s !== undefined);
}

export function stringMap(value: Json | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(asMap(value) ?? {})) {
    const text = str(v);
    if (text !== undefined) out[key] = text;
  }
  return out;
}
