import { applyPatch } from './apply-patches';
import { isInlineYaml, readPatchEntry, readPatchText, toPatch, type BuildSource } from './read-patches';
import { asMap, list, selector, str, stringMap } from './read-kustomization';
import { applyNamespace, type SubjectMode } from './transform-namespace';
import { applyLabels, applyPrefixSuffix, NAME_FIELD } from './transform-names';
import type { FieldSpec, Json, JsonMap, Resource } from './types';

/** Builtin transformers that change nothing RBAC reads. */
const NO_RBAC_EFFECT = new Set(['AnnotationsTransformer', 'ImageTagTransformer', 'ReplicaCountTransformer', 'HashTransformer', 'SortOrderTransformer', 'ValueAddTransformer']);

export interface TransformerRun {
  resources: Resource[];
  problems: string[];
  usedFiles: string[];
}

/** Runs one `transformers:` configuration (builtin kinds only; plugins and KRM functions are reported, not run). */
export function runTransformerConfig(source: BuildSource, dir: string, config: JsonMap, resources: Resource[]): TransformerRun {
  const kind = str(config.kind) ?? '';
  const run: TransformerRun = { resources, problems: [], usedFiles: [] };
  const builtin = str(config.apiVersion) === 'builtin';
  if (!builtin || !(kind in RUNNERS)) {
    if (!(builtin && NO_RBAC_EFFECT.has(kind))) run.problems.push(`transformer ${kind || '(no kind)'} (${str(config.apiVersion) ?? 'no apiVersion'}) is not run here`);
    return run;
  }
  RUNNERS[kind](source, dir, config, run);
  return run;
}

type Runner = (source: BuildSource, dir: string, config: JsonMap, run: TransformerRun) => void;

const RUNNERS: Record<string, Runner> = {
  PatchTransformer(source, dir, config, run) {
    const read = readPatchEntry(source, dir, { path: str(config.path), patch: str(config.patch), target: selector(config.target) });
    if ('problem' in read) return void run.problems.push(read.problem);
    if (read.usedFile) run.usedFiles.push(read.usedFile);
    patchInto(run, read.value);
  },
  PatchJson6902Transformer(source, dir, config, run) {
    const read = readPatchEntry(source, dir, { path: str(config.path), patch: str(config.jsonOp), target: selector(config.target) }, true);
    if ('problem' in read) return void run.problems.push(read.problem);
    if (read.usedFile) run.usedFiles.push(read.usedFile);
    patchInto(run, read.value);
  },
  PatchStrategicMergeTransformer(source, dir, config, run) {
    const entries: [string, boolean][] = list(config.paths).map((p) => [str(p) ?? '', false]);
    const inline = str(config.patches);
    if (inline) entries.push([inline, true]);
    for (const [text, isInline] of entries) {
      const read = readPatchText(source, dir, text, isInline || isInlineYaml(text));
      if ('problem' in read) return void run.problems.push(read.problem);
      if (read.usedFile) run.usedFiles.push(read.usedFile);
      patchInto(run, toPatch(read.value, undefined, read.usedFile ?? 'inline patch'));
    }
  },
  PrefixSuffixTransformer(_source, _dir, config, run) {
    applyPrefixSuffix(run.resources, str(config.prefix) ?? '', str(config.suffix) ?? '', fieldSpecs(config.fieldSpecs));
  },
  PrefixTransformer(_source, _dir, config, run) {
    applyPrefixSuffix(run.resources, str(config.prefix) ?? '', '', fieldSpecs(config.fieldSpecs));
  },
  SuffixTransformer(_source, _dir, config, run) {
    applyPrefixSuffix(run.resources, '', str(config.suffix) ?? '', fieldSpecs(config.fieldSpecs));
  },
  NamespaceTransformer(_source, _dir, config, run) {
    const mode = str(config.setRoleBindingSubjects);
    const namespace = str(asMap(config.metadata)?.namespace) ?? '';
    applyNamespace(run.resources, namespace, mode === 'allServiceAccounts' || mode === 'none' ? (mode as SubjectMode) : 'defaultOnly', config.unsetOnly === true);
  },
  LabelTransformer(_source, _dir, config, run) {
    applyLabels(run.resources, stringMap(config.labels));
  },
};

function patchInto(run: TransformerRun, patch: Parameters<typeof applyPatch>[1]): void {
  const result = applyPatch(run.resources, patch);
  run.resources = result.resources;
  if (result.problem) run.problems.push(result.problem);
}

function fieldSpecs(value: Json | undefined): FieldSpec[] {
  const specs = list(value).map(asMap).filter((m): m is JsonMap => m !== undefined).map((m) => ({
    path: str(m.path) ?? '',
    kind: str(m.kind),
    group: str(m.group),
  }));
  return specs.length > 0 ? specs : NAME_FIELD;
}
