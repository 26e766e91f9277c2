import { Document, type YAMLMap } from 'yaml';
import { extractObjects } from '../model/extract-objects';
import { failureReason } from '../model/not-analysed';
import type { K8sObject, KustomizationObject, RoleObject, SourceFile } from '../model/types';
import type { PolicyRule, Subject } from '../rbac/types';
import { KustomizeBuilder, type KustomizeBuildCache } from './build';
import { dirname, isRemote, joinPath, normalise } from './paths';
import { PatchOrigins, type PatchedRoleView } from './patch-origins';
import { forgetPatchedFields, patchSourcesOf, positionPatchedFields } from './patched-fields';
import { asMap, list, readKustomizationSpec } from './read-kustomization';
import type { BuildSource } from './read-patches';
import type { BuildNote, Json, Resource } from './types';

export interface KustomizeOutcome {
  /** Objects of files that builds read as patches or transformer input: not objects of their own. */
  notObjects: Set<K8sObject>;
  notes: BuildNote[];
  /** Objects kustomize never deploys: in a kustomization's folder (or read only for one) and emitted by no build kubectl makes. */
  notBuilt: NotBuilt[];
  /** Roles whose rules a patch changed, as views positioned in the patches that wrote the rules. */
  patchedRoles: Map<RoleObject, PatchedRoleView[]>;
}

export interface NotBuilt {
  object: K8sObject;
  /** The builds that include it but that kubectl refuses (load restrictor, cycle); empty when none includes it. */
  refusedBuilds: string[];
}

/**
 * Builds every root kustomization of the workspace (one no other kustomization includes) and gives each
 * object what the builds make of it: name, namespace, subjects, roleRef, rules, serviceAccountName and
 * labels. An object that builds render differently keeps what is written, with the variants recorded.
 */
export function applyKustomizeBuilds(
  objects: K8sObject[], kustomizations: KustomizationObject[], files: Iterable<SourceFile>, followed: ReadonlySet<string> = new Set(), cache?: KustomizeBuildCache,
): KustomizeOutcome {
  for (const object of objects) if (object.kustomize) restoreWritten(object);
  if (kustomizations.length === 0) {
    cache?.settle();
    return { notObjects: new Set(), notes: [], notBuilt: [], patchedRoles: new Map() };
  }
  const source = buildSource(files, kustomizations);
  const builder = new KustomizeBuilder(source, Date.now, cache);
  const emitted = new Map<K8sObject, { build: string; resource: Resource }[]>();
  const refusedIn = new Map<K8sObject, string[]>();
  // Folders of kustomizations a failed build had reached: what it would emit is not known, so their objects are checked as written.
  const failedFolders = new Set<string>();
  const attempted = new Set<string>();
  const build = (root: KustomizationObject) => {
    attempted.add(root.doc.file);
    const reachedBefore = new Set(builder.reached);
    const resources = builtGuarded(builder, root, () => {
      failedFolders.add(normalise(dirname(root.doc.file)));
      for (const file of builder.reached) if (!reachedBefore.has(file)) failedFolders.add(normalise(dirname(file)));
    });
    const refused = builder.refusal(root) !== undefined;
    for (const resource of resources) {
      const object = resource.origin.object;
      if (!object) continue;
      const into = refused ? refusedIn : emitted;
      const entry = refused ? root.doc.file : { build: root.doc.file, resource };
      const list = (into as Map<K8sObject, unknown[]>).get(object);
      if (list) list.push(entry);
      else (into as Map<K8sObject, unknown[]>).set(object, [entry]);
    }
  };
  roots(kustomizations, source).forEach(build);
  // Kustomizations only a cycle reaches: kubectl started there says "cycle detected", and so does the build here.
  for (const k of kustomizations) if (!builder.reached.has(k.doc.file) && !attempted.has(k.doc.file) && readKustomizationSpec(k).kind === 'Kustomization') build(k);
  cache?.settle();
  const auxiliary = new Set([...builder.auxiliaryFiles]);
  const folders = new Set(kustomizations.map((k) => normalise(dirname(k.doc.file))));
  const notObjects = new Set<K8sObject>();
  const notBuilt: NotBuilt[] = [];
  for (const object of objects) {
    if (object.kind === 'Kustomization' || emitted.has(object)) continue;
    const path = normalise(object.doc.file);
    if (failedFolders.has(dirname(path))) continue;
    if (auxiliary.has(path)) {
      notObjects.add(object);
      // Marked as kustomize's: a patch's findings depend on the builds, never on its own text alone.
      object.kustomize = { builds: [], written: { name: object.name, namespace: object.writtenNamespace } };
    }
    else if (followed.has(object.doc.file) || folders.has(dirname(path))) {
      notObjects.add(object);
      notBuilt.push({ object, refusedBuilds: refusedIn.get(object) ?? [] });
    }
  }
  const filesByPath = new Map([...source.files()].map((f) => [f.path, f]));
  const patchFiles = [...auxiliary].map((p) => source.pathOf(p));
  const origins = new PatchOrigins(filesByPath, patchFiles, kustomizations);
  const sources = patchSources(cache, [...patchFiles.map((p) => filesByPath.get(p)), ...kustomizations]);
  const patchedRoles = new Map<RoleObject, PatchedRoleView[]>();
  const fieldSources = patchSourcesOf(source.files(), kustomizations);
  for (const [object, builds] of emitted) {
    if (object.kind === 'Role' || object.kind === 'ClusterRole') {
      const views = patchViews(object as RoleObject, builds.map((b) => b.resource), origins, sources);
      if (views.length > 0) patchedRoles.set(object as RoleObject, views);
    }
    applyBuilds(object, builds, fieldSources);
    // Its findings are positioned in the patches too: judged again with them.
    if (patchedRoles.has(object as RoleObject)) builtIdentities.delete(object);
  }
  return { notObjects, notes: builder.notes, notBuilt, patchedRoles };
}

/**
 * One root's build; a failure no budget foresaw ends that build only, said at the kustomization (its
 * objects are then checked as written), and the other builds go on.
 */
function builtGuarded(builder: KustomizeBuilder, root: KustomizationObject, failed: () => void): Resource[] {
  try {
    return builder.build(root);
  } catch (error) {
    failed();
    builder.notes.push({ file: root.doc.file, field: 'resources', message: `the build could not be completed (${failureReason(error)})` });
    return [];
  }
}

/** The files and kustomizations patch views are found in, the same array while none of them changed. */
const lastPatchSources = new WeakMap<object, unknown[]>();

function patchSources(cache: KustomizeBuildCache | undefined, current: unknown[]): unknown[] {
  if (!cache) return current;
  const last = lastPatchSources.get(cache);
  if (last && last.length === current.length && last.every((s, i) => s === current[i])) return last;
  lastPatchSources.set(cache, current);
  return current;
}

/** A role's patch views, kept while its builds emit the very same resources and no patch or kustomization changed. */
const keptViews = new WeakMap<RoleObject, { resources: Resource[]; sources: unknown[]; views: PatchedRoleView[] }>();

/** The rules each build emits for a role, where a patch changed them: positioned in the patches (one view per place). */
function patchViews(role: RoleObject, resources: Resource[], origins: PatchOrigins, sources: unknown[]): PatchedRoleView[] {
  const kept = keptViews.get(role);
  if (kept && kept.sources === sources && kept.resources.length === resources.length && kept.resources.every((r, i) => r === resources[i])) return kept.views;
  const views = computePatchViews(role, resources, origins);
  keptViews.set(role, { resources, sources, views });
  return views;
}

const writtenRulesKept = new WeakMap<RoleObject, Json[]>();

/** The rules as the role's file writes them, read once per role object (one per version of its document). */
function writtenRulesOf(role: RoleObject): Json[] {
  let rules = writtenRulesKept.get(role);
  if (!rules) writtenRulesKept.set(role, (rules = list(asMap(role.doc.yaml ? role.node.toJS(role.doc.yaml) : role.node.toJSON())?.rules)));
  return rules;
}

function computePatchViews(role: RoleObject, resources: Resource[], origins: PatchOrigins): PatchedRoleView[] {
  const writtenRules = writtenRulesOf(role);
  const seen = new Set<string>();
  const out: PatchedRoleView[] = [];
  for (const resource of resources) {
    const builtRules = list(resource.data.rules);
    if (JSON.stringify(builtRules) === JSON.stringify(writtenRules)) continue;
    const built = readBuiltOnce(resource, role) as RoleObject | undefined;
    if (!built) continue;
    const patchedIn = resource.patchedIn && !resource.patchedIn.includes('*') ? new Set(resource.patchedIn) : undefined;
    for (const view of origins.viewsOf(role, writtenRules, built, builtRules, patchedIn)) {
      const key = `${view.role.doc.file}:${view.role.doc.start + (view.role.node.range?.[0] ?? view.within?.[0] ?? 0)}:${view.role.rules.length}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(view);
    }
  }
  return out;
}

export function buildSource(files: Iterable<SourceFile>, kustomizations: KustomizationObject[]): BuildSource & { files(): Iterable<SourceFile>; pathOf(normalised: string): string } {
  const byPath = new Map<string, SourceFile>();
  for (const file of files) byPath.set(normalise(file.path), file);
  const byDir = new Map<string, KustomizationObject>();
  for (const k of kustomizations) byDir.set(normalise(dirname(k.doc.file)), k);
  return {
    file: (path) => byPath.get(path),
    kustomizationIn: (dir) => byDir.get(dir),
    files: () => byPath.values(),
    pathOf: (normalised) => byPath.get(normalised)?.path ?? normalised,
  };
}

/** Kustomizations that no other kustomization includes as a resource or component. */
function roots(kustomizations: KustomizationObject[], source: BuildSource): KustomizationObject[] {
  const included = new Set<KustomizationObject>();
  for (const k of kustomizations) {
    const spec = readKustomizationSpec(k);
    const dir = dirname(k.doc.file);
    for (const entry of [...spec.resources, ...spec.components]) {
      if (isRemote(entry)) continue;
      const child = source.kustomizationIn(normalise(joinPath(dir, entry)));
      if (child && child !== k) included.add(child);
    }
  }
  return kustomizations.filter((k) => !included.has(k) && readKustomizationSpec(k).kind === 'Kustomization');
}

function applyBuilds(object: K8sObject, builds: { build: string; resource: Resource }[], fieldSources: Parameters<typeof positionPatchedFields>[3]): void {
  const views = builds.map(({ build, resource }) => ({ build, built: readBuiltOnce(resource, object) }));
  const written = { name: object.name, namespace: object.writtenNamespace };
  const fingerprints = new Set(views.map((v) => fingerprint(v.built)));
  object.kustomize = {
    builds: views.map((v) => v.build),
    written,
    variants: fingerprints.size > 1 ? views.map((v) => ({ build: v.build, name: v.built?.name ?? object.name, namespace: v.built?.namespace?.value })) : undefined,
  };
  builtIdentities.set(object, `${[...fingerprints].join('\u0002')}\u0003${JSON.stringify(object.kustomize)}`);
  const built = views[0].built;
  if (fingerprints.size !== 1 || !built) return;
  if ('rules' in object && 'rules' in built && ruleShape(object.rules) !== ruleShape(built.rules)) object.kustomize.rulesReplaced = true;
  if ('subjects' in object && 'subjects' in built && !alignedSubjects(object.subjects, built.subjects)) object.kustomize.subjectsReplaced = true;
  positionPatchedFields(object, built, builds[0].resource, fieldSources);
  copyBuiltFields(object, built);
}

/** Each written subject is still at its place, of its kind (names and namespaces may be rewritten; patches may append). */
function alignedSubjects(written: Subject[], built: Subject[]): boolean {
  return built.length >= written.length && written.every((subject, i) => built[i].kind === subject.kind);
}

/** Rules without their resourceNames, which name references rewrite without changing what a rule is. */
function ruleShape(rules: PolicyRule[]): string {
  return JSON.stringify(rules.map(({ resourceNames: _names, ...rest }) => rest));
}

/** Read once per built resource (patched roles and the model both read it). */
const builtViews = new WeakMap<Resource, K8sObject | null>();

/**
 * Each object's recent built views by the built data: a build made again after an edit elsewhere in its
 * tree mostly emits the same data, and its view is then the same one (so are its checks' results).
 */
const builtByData = new WeakMap<K8sObject, Map<string, K8sObject | null>>();
const VIEWS_KEPT_PER_OBJECT = 8;

function readBuiltOnce(resource: Resource, object: K8sObject): K8sObject | undefined {
  const cached = builtViews.get(resource);
  if (cached !== undefined) return cached ?? undefined;
  const key = JSON.stringify(resource.data);
  let byData = builtByData.get(object);
  if (!byData) builtByData.set(object, (byData = new Map()));
  let built = byData.get(key);
  if (built === undefined) {
    built = readBuilt(resource, object) ?? null;
    if (byData.size >= VIEWS_KEPT_PER_OBJECT) byData.delete(byData.keys().next().value!);
    byData.set(key, built);
  }
  builtViews.set(resource, built);
  return built ?? undefined;
}

/**
 * What a built object's document-scoped findings depend on beyond its document's text: what its builds
 * make of it. Undefined while it has no builds or a patch positions some of its rules elsewhere.
 */
const builtIdentities = new WeakMap<K8sObject, string>();

export function builtIdentity(object: K8sObject): string | undefined {
  return builtIdentities.get(object);
}

/** The built resource read by the same reader as the source (so built and written objects agree on every rule). */
export function readBuilt(resource: Resource, object: K8sObject): K8sObject | undefined {
  const node = new Document(resource.data).contents as YAMLMap | null;
  if (!node) return undefined;
  const [built] = extractObjects(node, object.doc, false);
  if (!built || built.kind !== object.kind) return undefined;
  if (built.namespace) {
    const value = built.writtenNamespace;
    built.namespace = value
      ? { value, source: value === object.writtenNamespace ? 'explicit' : 'kustomize' }
      : { value: 'default', source: 'implicit' };
  }
  return built;
}

const fingerprints = new WeakMap<K8sObject, string>();

function fingerprint(built: K8sObject | undefined): string {
  if (!built) return '';
  let kept = fingerprints.get(built);
  if (kept === undefined) fingerprints.set(built, (kept = computeFingerprint(built)));
  return kept;
}

function computeFingerprint(built: K8sObject): string {
  const { node: _node, doc: _doc, ...rest } = built as K8sObject & { podSpecNode?: unknown };
  return JSON.stringify({ ...rest, podSpecNode: undefined });
}

const BUILT_FIELDS = ['name', 'namespace', 'labels', 'rules', 'aggregationRule', 'roleRef', 'subjects', 'serviceAccountName', 'automountServiceAccountToken'] as const;

/** The fields as the file writes them, of objects that hold built values (objects outlive an index; files change). */
const writtenFields = new WeakMap<K8sObject, Record<string, unknown>>();

function restoreWritten(object: K8sObject): void {
  builtIdentities.delete(object);
  forgetPatchedFields(object);
  const saved = writtenFields.get(object);
  if (saved) Object.assign(object, saved);
  delete object.kustomize;
}

function copyBuiltFields(object: K8sObject, built: K8sObject): void {
  const target = object as unknown as Record<string, unknown>;
  const from = built as unknown as Record<string, unknown>;
  if (!writtenFields.has(object)) {
    const saved: Record<string, unknown> = {};
    for (const field of [...BUILT_FIELDS, 'serviceAccountField']) saved[field] = target[field];
    writtenFields.set(object, saved);
  }
  for (const field of BUILT_FIELDS) if (field in from || field in target) target[field] = from[field];
  if ('serviceAccountField' in object && from.serviceAccountName !== undefined && object.serviceAccountField === undefined) {
    target.serviceAccountField = from.serviceAccountField;
  }
}
