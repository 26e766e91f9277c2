import type { KustomizationObject } from '../model/types';
import { applyPatch } from './apply-patches';
import { runTransformerConfig } from './custom-transformers';
import { resourcesOfFile } from './load-documents';
import { RBAC_NAME_REFERENCES } from './name-reference-table';
import { fixNameReferences } from './name-references';
import { dirname, isRemote, joinPath, normalise } from './paths';
import { readConfigurations } from './read-configurations';
import { readKustomizationSpec, type KustomizationSpec } from './read-kustomization';
import { isInlineYaml, readPatchEntry, readPatchText, toPatch, type BuildSource, type Read } from './read-patches';
import { cloneResource } from './resource';
import { BuildStopped, BUILD_BUDGET, forgetIds, registerIds } from './build-budget';
import { applyNamespace } from './transform-namespace';
import { applyLabels, applyPrefixSuffix } from './transform-names';
import type { BuildNote, JsonMap, NameReference, Patch, Resource } from './types';
import { inlineDocuments, fileDocuments } from './load-documents';
import { asMap, list, str } from './read-kustomization';
import { applyReplacement } from './replacements';
import { BuildCache, mergeRecording, newRecording, noteKey, type Recording } from './build-cache';

interface Accumulation {
  resources: Resource[];
  references: NameReference[];
  /** Generated ConfigMaps and Secrets, whose final names (with kustomize's content hash) are not computed here. */
  generated: { file: string; field: string; name: string }[];
  /** Why `kubectl kustomize` refuses this build (load restrictor, cycle): then it emits nothing. */
  refused?: string;
}

/** Builds and accumulations kept between versions of a workspace (see build-cache.ts). */
export type KustomizeBuildCache = BuildCache<Accumulation>;

/** Builds and accumulations made (not kept from an earlier version): tests and the bench read them. */
export const buildCounters = { builds: 0, accumulations: 0 };

export function newBuildCache(): KustomizeBuildCache {
  return new BuildCache<Accumulation>();
}

/**
 * Builds kustomizations the way `kubectl kustomize` does, for what RBAC reads. One builder serves one
 * version of the workspace: each kustomization is accumulated once and copied into every build that
 * includes it, so the work is linear in the size of the builds.
 */
export class KustomizeBuilder {
  readonly notes: BuildNote[] = [];
  /** Files a build reads as patches, transformer or configuration input: never objects of their own. */
  readonly auxiliaryFiles = new Set<string>();
  /** Each kustomization's accumulation, or why it stopped (kept: a diamond reaches it again and again). */
  private readonly accumulated = new Map<string, Accumulation | BuildStopped>();
  /** Each kustomization's and component's spec, read once per path. */
  private readonly specs = new Map<string, KustomizationSpec>();
  /** What each accumulation of this builder read and said, replayed where it is reached again. */
  private readonly recordings = new Map<string, Recording>();
  private readonly noted = new Set<string>();
  /** Kustomization files some build reached. */
  readonly reached = new Set<string>();
  /** The recordings of the accumulations under way, innermost last: each lookup and note goes to the innermost. */
  private frames: Recording[] = [];
  /** The current build stopped or was refused somewhere: it is not kept for the next version. */
  private unkept = false;
  private readonly source: BuildSource;
  /** Resources copied, components applied and the time allowed in the current build, against BUILD_BUDGET. */
  private work = 0;
  private components = 0;
  private buildDeadline = Infinity;
  private readonly deadline: number;

  constructor(private readonly workspace: BuildSource, private readonly clock: () => number = Date.now, private readonly cache?: KustomizeBuildCache) {
    this.deadline = clock() + BUILD_BUDGET.maxMillis;
    this.source = {
      file: (path) => {
        const file = workspace.file(path);
        this.frames.at(-1)?.files.set(path, file);
        return file;
      },
      kustomizationIn: (dir) => {
        const kustomization = workspace.kustomizationIn(dir);
        this.frames.at(-1)?.kustomizations.set(dir, kustomization);
        return kustomization;
      },
    };
  }

  /**
   * The objects `kubectl kustomize DIR` would emit, for the kustomization in DIR; none when the build
   * stops (a resource reached twice, as kubectl refuses it, or past the budget), said at the entry where it stopped.
   */
  build(kustomization: KustomizationObject): Resource[] {
    const kept = this.cache?.build(kustomization, this.workspace);
    if (kept) {
      this.replay(kept.recording);
      return kept.value;
    }
    buildCounters.builds++;
    let accumulation: Accumulation;
    this.work = 0;
    this.components = 0;
    this.buildDeadline = Math.min(this.deadline, this.clock() + BUILD_BUDGET.maxMillisPerBuild);
    this.unkept = false;
    const recording = newRecording();
    this.frames = [recording];
    try {
      try {
        accumulation = this.accumulateKustomization(kustomization, []);
      } catch (error) {
        if (!(error instanceof BuildStopped)) throw error;
        return [];
      }
      const resources = accumulation.resources.map(cloneResource);
      fixNameReferences(resources, [...RBAC_NAME_REFERENCES, ...accumulation.references], (message) =>
        this.note({ file: kustomization.doc.file, field: 'resources', message: `name reference left as written: ${message}` }));
      this.noteGeneratedNamesInRules(resources, accumulation.generated);
      if (!this.unkept && !accumulation.refused) this.cache?.keepBuild(kustomization, resources, recording);
      return resources;
    } finally {
      this.frames = [];
    }
  }

  /** What an accumulation or build made elsewhere said and read, told again here (notes are said once). */
  private replay(recording: Recording): void {
    const frame = this.frames.at(-1);
    if (frame) mergeRecording(frame, recording);
    for (const note of recording.notes.values()) this.note(note, false);
    for (const path of recording.auxiliary) this.auxiliaryFiles.add(path);
    for (const path of recording.reached) this.reached.add(path);
  }

  private addAuxiliary(path: string): void {
    this.auxiliaryFiles.add(path);
    this.frames.at(-1)?.auxiliary.add(path);
  }

  private reach(file: string): void {
    this.reached.add(file);
    this.frames.at(-1)?.reached.add(file);
  }

  /** Why kubectl refuses the build of this kustomization, once built; undefined when it builds. */
  refusal(kustomization: KustomizationObject): string | undefined {
    const done = this.accumulated.get(kustomization.doc.file);
    return done instanceof BuildStopped ? (done.refused ? done.message : undefined) : done?.refused;
  }

  /** A rule naming a generated ConfigMap or Secret keeps the written name here, where kustomize adds a hash: said. */
  private noteGeneratedNamesInRules(resources: Resource[], generated: Accumulation['generated']): void {
    if (generated.length === 0) return;
    const named = new Set<string>();
    for (const resource of resources) {
      for (const rule of list(resource.data.rules)) for (const name of list(asMap(rule)?.resourceNames)) if (typeof name === 'string') named.add(name);
    }
    for (const g of generated) {
      if (named.has(g.name)) this.note({ file: g.file, field: g.field, entry: g.name, message: 'a rule names this generated object, whose final name (with the content hash kustomize adds) is not computed here' });
    }
  }

  private accumulateKustomization(kustomization: KustomizationObject, stack: string[]): Accumulation {
    const file = kustomization.doc.file;
    const done = this.accumulated.get(file);
    if (done instanceof BuildStopped) {
      this.unkept = true;
      throw done;
    }
    if (done) {
      this.reach(file);
      this.replay(this.recordings.get(file)!);
      if (done.refused) this.unkept = true;
      return done;
    }
    const kept = stack.includes(file) ? undefined : this.cache?.accumulation(kustomization, this.workspace);
    if (kept) {
      this.reach(file);
      this.accumulated.set(file, kept.value);
      this.recordings.set(file, kept.recording);
      this.replay(kept.recording);
      return kept.value;
    }
    const accumulation: Accumulation = { resources: [], references: [], generated: [] };
    this.reach(file);
    if (stack.includes(file)) {
      accumulation.refused = cycle(file);
      this.unkept = true;
      return accumulation;
    }
    buildCounters.accumulations++;
    const recording = newRecording();
    const outer = this.unkept;
    this.unkept = false;
    this.frames.push(recording);
    try {
      this.accumulateTarget(this.specOf(kustomization), accumulation, [...stack, file]);
    } catch (error) {
      if (error instanceof BuildStopped) this.accumulated.set(file, error);
      this.unkept = true;
      throw error;
    } finally {
      this.frames.pop();
      const frame = this.frames.at(-1);
      if (frame) mergeRecording(frame, recording);
    }
    this.accumulated.set(file, accumulation);
    this.recordings.set(file, recording);
    if (!this.unkept && !accumulation.refused) this.cache?.keepAccumulation(kustomization, accumulation, recording);
    this.unkept ||= outer;
    return accumulation;
  }

  private specOf(kustomization: KustomizationObject): KustomizationSpec {
    const file = kustomization.doc.file;
    let spec = this.specs.get(file);
    if (!spec) this.specs.set(file, (spec = readKustomizationSpec(kustomization)));
    return spec;
  }

  /** Pays for objects copied or a component applied; past the depth, work or time budget the build stops, said at the entry. */
  private spend(objects: number, depth: number, where: Omit<BuildNote, 'message'>, components = 0): void {
    this.work += objects;
    this.components += components;
    const why = depth > BUILD_BUDGET.maxDepth ? `kustomizations nested more than ${BUILD_BUDGET.maxDepth} deep`
      : this.work > BUILD_BUDGET.maxNodes ? `it copies more than ${BUILD_BUDGET.maxNodes.toLocaleString('en-US')} objects`
      : this.components > BUILD_BUDGET.maxComponents ? `it applies components more than ${BUILD_BUDGET.maxComponents.toLocaleString('en-US')} times (once per path that reaches each)`
      : this.clock() > this.buildDeadline ? `it takes longer than ${BUILD_BUDGET.maxMillisPerBuild / 1000} s (${BUILD_BUDGET.maxMillis / 1000} s for all the builds of the workspace)`
      : undefined;
    if (why) this.stop({ ...where, message: `not built, past the budget that keeps the editor responsive: ${why}` });
  }

  private stop(note: BuildNote): never {
    this.note(note);
    throw new BuildStopped(note.message, note.refused === true);
  }

  /**
   * Adds resources as kustomize does: a resource whose id is already registered makes kubectl refuse the
   * build (said in its words at the entry). It is not added again, so a diamond of kustomizations stays
   * as small as its distinct objects instead of doubling at every level.
   */
  private append(spec: KustomizationSpec, into: Accumulation, resources: Resource[], field: string, entry: string): void {
    const { duplicate, fresh } = registerIds(into, resources);
    if (duplicate) this.refuse(spec, field, entry, into, `may not add resource with an already registered id: ${duplicate}`);
    into.resources.push(...fresh);
  }

  private accumulateTarget(spec: KustomizationSpec, into: Accumulation, stack: string[]): void {
    this.spend(0, stack.length, { file: spec.file, field: 'resources' });
    const dir = dirname(spec.file);
    for (const entry of spec.resources) this.accumulateResource(spec, dir, entry, into, stack);
    for (const path of spec.configurations) {
      const read = readConfigurations(this.source, dir, path);
      if ('problem' in read) this.note({ file: spec.file, field: 'configurations', entry: path, message: read.problem });
      else if (read.usedFile && this.outsideRoot(spec, dir, 'configurations', path, read.usedFile, into)) this.addAuxiliary(read.usedFile);
      else {
        into.references.push(...read.value);
        if (read.usedFile) this.addAuxiliary(read.usedFile);
      }
    }
    into.generated.push(...spec.generated.map((g) => ({ file: spec.file, ...g })));
    for (const { field, entries } of spec.unbuilt) {
      for (const entry of entries) this.note({ file: spec.file, field, entry, message: UNBUILT[field] ?? 'not built here' });
    }
    for (const entry of spec.components) {
      const component = this.source.kustomizationIn(normalise(joinPath(dir, entry)));
      if (!component) this.note({ file: spec.file, field: 'components', entry, message: isRemote(entry) ? 'a remote component is not fetched' : 'no kustomization in the files read' });
      else if (stack.includes(component.doc.file)) this.refuse(spec, 'components', entry, into, cycle(component.doc.file));
      else {
        this.reach(component.doc.file);
        this.spend(0, stack.length, { file: spec.file, field: 'components', entry }, 1);
        this.accumulateTarget(this.specOf(component), into, [...stack, component.doc.file]);
      }
    }
    into.resources = this.runTransformers(spec, dir, into);
    forgetIds(into);
  }

  private accumulateResource(spec: KustomizationSpec, dir: string, entry: string, into: Accumulation, stack: string[]): void {
    if (isRemote(entry)) return this.note({ file: spec.file, field: 'resources', entry, message: 'a remote base is not fetched: its objects are not known here' });
    const path = normalise(joinPath(dir, entry));
    const file = this.source.file(path);
    const where = { file: spec.file, field: 'resources', entry };
    if (file) {
      // Refused or not, its objects are this build's (a refused build emits nothing, and says why).
      this.outsideRoot(spec, dir, 'resources', entry, path, into);
      const resources = resourcesOfFile(file);
      this.spend(resources.length, stack.length, where);
      this.append(spec, into, resources, 'resources', entry);
      return;
    }
    const nested = this.source.kustomizationIn(path);
    if (!nested) return this.note({ file: spec.file, field: 'resources', entry, message: 'not in the files read: its objects are not known here' });
    const sub = this.accumulateKustomization(nested, stack);
    // A cycle is refused where it closes; any other refusal of the nested build is repeated from it.
    if (sub.refused) this.refuse(spec, 'resources', entry, into, sub.refused, stack.includes(nested.doc.file) ? undefined : nested.doc.file);
    this.spend(sub.resources.length, stack.length, where);
    this.append(spec, into, sub.resources.map(cloneResource), 'resources', entry);
    into.references.push(...sub.references);
    into.generated.push(...sub.generated);
  }

  /** kustomize's order: strategic merge patches, patches, namespace, prefix/suffix, labels, JSON 6902 patches, then `transformers:`. */
  private runTransformers(spec: KustomizationSpec, dir: string, into: Accumulation): Resource[] {
    let resources = into.resources;
    const patch = (field: string, entry: string, read: Read<Patch>) => {
      if ('problem' in read) return this.note({ file: spec.file, field, entry, message: read.problem });
      if (read.usedFile) this.addAuxiliary(read.usedFile);
      if (read.usedFile && this.outsideRoot(spec, dir, field, entry, read.usedFile, into)) return;
      const result = applyPatch(resources, read.value, read.usedFile ?? normalise(spec.file));
      resources = result.resources;
      if (result.problem) this.note({ file: spec.file, field, entry, message: result.problem });
    };
    for (const entry of spec.patchesStrategicMerge) {
      const read = readPatchText(this.source, dir, entry, isInlineYaml(entry));
      patch('patchesStrategicMerge', entry, 'problem' in read ? read : { value: toPatch(read.value, undefined, entry), usedFile: read.usedFile });
    }
    for (const entry of spec.patches) patch('patches', entry.path ?? 'patch', readPatchEntry(this.source, dir, entry));
    if (spec.namespace) applyNamespace(resources, spec.namespace);
    applyPrefixSuffix(resources, spec.namePrefix ?? '', spec.nameSuffix ?? '');
    for (const label of spec.labels) applyLabels(resources, label.pairs);
    for (const entry of spec.patchesJson6902) patch('patchesJson6902', entry.path ?? 'patch', readPatchEntry(this.source, dir, entry, true));
    for (const entry of spec.replacements) this.runReplacementEntry(spec, dir, entry, resources, into);
    for (const entry of spec.transformers) resources = this.runTransformerEntry(spec, dir, entry, resources, into);
    return resources;
  }

  /** A `replacements` entry, inline or `{path}`; what kubectl fails on refuses the build, in kubectl's words. */
  private runReplacementEntry(spec: KustomizationSpec, dir: string, entry: JsonMap, resources: Resource[], into: Accumulation): void {
    const path = str(entry.path);
    let replacements: JsonMap[] = [entry];
    if (path !== undefined) {
      const file = this.source.file(normalise(joinPath(dir, path)));
      if (!file) return this.note({ file: spec.file, field: 'replacements', entry: path, message: 'not in the files read: this replacement is not applied here' });
      this.addAuxiliary(normalise(joinPath(dir, path)));
      if (this.outsideRoot(spec, dir, 'replacements', path, normalise(joinPath(dir, path)), into)) return;
      replacements = fileDocuments(file).flatMap((d) => (Array.isArray(d) ? d : [d])).map(asMap).filter((m): m is JsonMap => m !== undefined);
    }
    for (const replacement of replacements) {
      const result = applyReplacement(resources, replacement);
      if (result.refused) return this.refuse(spec, 'replacements', path ?? describeReplacement(entry), into, result.refused);
      if (result.unknown) this.note({ file: spec.file, field: 'replacements', entry: path ?? describeReplacement(entry), message: result.unknown });
    }
  }

  private runTransformerEntry(spec: KustomizationSpec, dir: string, entry: string, resources: Resource[], into: Accumulation): Resource[] {
    let configs: JsonMap[];
    if (isInlineYaml(entry)) configs = inlineDocuments(entry).map(asMap).filter((m): m is JsonMap => m !== undefined);
    else {
      const path = normalise(joinPath(dir, entry));
      const file = this.source.file(path);
      if (!file) {
        this.note({ file: spec.file, field: 'transformers', entry, message: 'not in the files read: this transformer is not applied here' });
        return resources;
      }
      this.addAuxiliary(path);
      if (this.outsideRoot(spec, dir, 'transformers', entry, path, into)) return resources;
      configs = fileDocuments(file).map(asMap).filter((m): m is JsonMap => m !== undefined);
    }
    let current = resources;
    for (const config of configs) {
      const run = runTransformerConfig(this.source, dir, config, current);
      current = run.resources;
      run.usedFiles.forEach((f) => this.addAuxiliary(f));
      for (const problem of run.problems) this.note({ file: spec.file, field: 'transformers', entry, message: problem });
    }
    return current;
  }

  /**
   * kubectl's load restrictor: a kustomization reads files only in or below its own folder (folders of
   * bases may be anywhere). A file outside makes kubectl refuse the whole build.
   */
  private outsideRoot(spec: KustomizationSpec, dir: string, field: string, entry: string, path: string, into: Accumulation): boolean {
    if (path === dir || path.startsWith(`${dir}/`) || (dir === '.' && !path.startsWith('../') && !path.startsWith('/'))) return false;
    this.refuse(spec, field, entry, into, `security; file '${path}' is not in or below '${dir}'`);
    return true;
  }

  private refuse(spec: KustomizationSpec, field: string, entry: string, into: Accumulation, message: string, via?: string): void {
    into.refused ??= message;
    this.unkept = true;
    this.note({ file: spec.file, field, entry, message, refused: true, ...(via ? { via } : {}) });
  }

  private note(note: BuildNote, record = true): void {
    const key = noteKey(note);
    if (record) this.frames.at(-1)?.notes.set(key, note);
    if (this.noted.has(key)) return;
    this.noted.add(key);
    this.notes.push(note);
  }
}

/** kubectl's words for a kustomization reached again while it is being built. */
function cycle(file: string): string {
  const root = dirname(file);
  return `cycle detected: candidate root '${root}' contains visited root '${root}'`;
}

function describeReplacement(entry: JsonMap): string {
  return str(asMap(entry.source)?.name) ?? str(asMap(entry.source)?.kind) ?? 'replacement';
}

const UNBUILT: Record<string, string> = {
  helmCharts: 'Helm charts are not inflated here: their objects are not known',
  helmChartInflationGenerator: 'Helm charts are not inflated here: their objects are not known',
  generators: 'generator plugins are not run here: their objects are not known',
  vars: 'vars are substituted here only where kustomize substitutes them by default (no RBAC field); the varReference of `configurations:` is not read',
};
