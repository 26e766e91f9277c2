import { isMap, isScalar, isSeq, parseDocument, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import type { KustomizationObject, RoleObject, SourceDocument, SourceFile } from '../model/types';
import type { PolicyRule } from '../rbac/types';
import { normalise } from './paths';
import { isInlineYaml } from './read-patches';
import type { Json } from './types';

/**
 * Where the rules a build emits were written, when a patch changed a role: a strategic merge patch's
 * `rules` (RBAC's rules list is atomic: the patch's list is the build's), or the `value` of a JSON 6902
 * operation in a file or inline in a kustomization. Rules are found by content, so each is judged at
 * its own line, in the patch.
 */
export interface PatchedRoleView {
  /** The built role, positioned in the patch: `doc` and `node` are the patch's; `rules` what the view's `rules` list holds. */
  role: RoleObject;
  /** When the view holds one rule of a JSON 6902 operation: the offsets of its value, which fixes must not edit outside. */
  within?: [number, number];
}

interface Candidate {
  doc: SourceDocument;
  node: YAMLMap;
  /** A strategic merge patch's whole `rules` list and the map holding it. */
  list?: { root: YAMLMap; seq: YAMLSeq };
}

export class PatchOrigins {
  private byContent: Map<string, Candidate[]> | undefined;
  private readonly lists = new Map<string, Candidate>();

  constructor(
    private readonly files: Map<string, SourceFile>,
    private readonly patchFiles: Iterable<string>,
    private readonly kustomizations: KustomizationObject[],
  ) {}

  /**
   * Views of a built role whose rules a patch changed: the patch's own rules list when it is the whole
   * built list, else each built rule found in a JSON 6902 value; rules written in the role itself
   * (kept as a prefix of the built list) are judged where they are written.
   */
  viewsOf(written: RoleObject, writtenRules: Json[], built: RoleObject, builtRules: Json[], patchedIn?: ReadonlySet<string>): PatchedRoleView[] {
    this.index();
    // Only the patches that changed this resource are where its rules were written (two patches may add the same rule to two roles).
    const applies = (candidate: Candidate) => !patchedIn || patchedIn.has(normalise(candidate.doc.file));
    const whole = this.lists.get(builtRules.map(canonical).join('\n'));
    if (whole && whole.list && builtRules.length > 0 && applies(whole)) return [{ role: { ...built, doc: whole.doc, node: whole.list.root } }];
    const views: PatchedRoleView[] = [];
    const prefix = writtenRules.length <= builtRules.length && writtenRules.every((r, i) => canonical(r) === canonical(builtRules[i]));
    if (prefix && writtenRules.length > 0) views.push({ role: { ...built, doc: written.doc, node: written.node } });
    builtRules.forEach((rule, index) => {
      if (prefix && index < writtenRules.length) return;
      const candidate = this.byContent!.get(canonical(rule))?.find((c) => !c.list && applies(c));
      if (!candidate) return;
      const seq = new YAMLSeq();
      seq.items.push(candidate.node);
      const node = new YAMLMap();
      node.set(new Scalar('rules'), seq);
      const [start, end] = candidate.node.range ?? [0, 0];
      views.push({
        role: { ...built, rules: [built.rules[index] as PolicyRule], doc: candidate.doc, node },
        within: [candidate.doc.start + start, candidate.doc.start + end],
      });
    });
    return views;
  }

  private index(): void {
    if (this.byContent) return;
    this.byContent = new Map();
    for (const path of this.patchFiles) {
      const file = this.files.get(path);
      for (const doc of file?.documents ?? []) {
        // A JSON 6902 file is a list, not an object: the model skims it without keeping its nodes.
        const parsed = doc.yaml ? doc : parsedDocument(file!, doc);
        if (parsed) this.add(parsed, parsed.yaml!.contents as Node | null);
      }
    }
    for (const kustomization of this.kustomizations) {
      const file = this.files.get(kustomization.doc.file);
      if (!file || !kustomization.doc.yaml) continue;
      for (const field of ['patches', 'patchesJson6902', 'patchesStrategicMerge']) {
        const seq = kustomization.node.get(field, true);
        if (!isSeq(seq)) continue;
        for (const item of seq.items) {
          const text = isMap(item) ? item.get('patch', true) : field === 'patchesStrategicMerge' ? item : undefined;
          if (!isScalar(text) || typeof text.value !== 'string' || (field === 'patchesStrategicMerge' && !isInlineYaml(text.value))) continue;
          const doc = inlineDocument(file, kustomization.doc, text);
          if (doc) this.add(doc, doc.yaml!.contents as Node | null);
        }
      }
    }
  }

  private add(doc: SourceDocument, contents: Node | null): void {
    if (isMap(contents)) {
      const rules = contents.get('rules', true);
      if (!isSeq(rules)) return;
      const maps = rules.items.filter(isMap) as YAMLMap[];
      if (maps.length !== rules.items.length) return;
      const list: Candidate = { doc, node: contents, list: { root: contents, seq: rules } };
      this.lists.set(maps.map((m) => canonical(m.toJS(doc.yaml!) as Json)).join('\n'), list);
      return;
    }
    if (!isSeq(contents)) return;
    for (const operation of contents.items) {
      if (!isMap(operation)) continue;
      const value = operation.get('value', true);
      const rules = isMap(value) ? [value] : isSeq(value) ? value.items.filter(isMap) : [];
      for (const rule of rules as YAMLMap[]) {
        const key = canonical(rule.toJS(doc.yaml!) as Json);
        const list = this.byContent!.get(key);
        if (list) list.push({ doc, node: rule });
        else this.byContent!.set(key, [{ doc, node: rule }]);
      }
    }
  }
}

/** Parsed once per document (a document object is reused while its text is unchanged). */
const parsedPatches = new WeakMap<SourceDocument, SourceDocument | null>();
const inlinePatches = new WeakMap<SourceDocument, Map<number, SourceDocument | null>>();

export function parsedDocument(file: SourceFile, doc: SourceDocument): SourceDocument | undefined {
  const cached = parsedPatches.get(doc);
  if (cached !== undefined) return cached ?? undefined;
  let parsed: SourceDocument | null = null;
  if (doc.skipped !== 'broken' && doc.skipped !== 'template') {
    const yaml = parseDocument(file.text.slice(doc.start, doc.end), { uniqueKeys: false });
    if (yaml.errors.length === 0) parsed = { ...doc, yaml, objects: [] };
  }
  parsedPatches.set(doc, parsed);
  return parsed ?? undefined;
}

/**
 * An inline patch (a literal block scalar of a kustomization) as a document of its own whose offsets
 * are those of the kustomization file: its lines are parsed where they are, indentation included.
 */
export function inlineDocument(file: SourceFile, host: SourceDocument, scalar: Scalar): SourceDocument | undefined {
  if (scalar.type !== Scalar.BLOCK_LITERAL || !scalar.range) return undefined;
  let cache = inlinePatches.get(host);
  if (!cache) inlinePatches.set(host, (cache = new Map()));
  const cached = cache.get(scalar.range[0]);
  if (cached !== undefined) return cached ?? undefined;
  const read = readInline(file, host, scalar as Scalar & { range: [number, number, number] });
  cache.set(scalar.range[0], read ?? null);
  return read;
}

function readInline(file: SourceFile, host: SourceDocument, scalar: Scalar & { range: [number, number, number] }): SourceDocument | undefined {
  const header = host.start + scalar.range[0];
  const start = file.text.indexOf('\n', header) + 1;
  const end = host.start + scalar.range[1];
  if (start <= 0 || start >= end) return undefined;
  const yaml = parseDocument(file.text.slice(start, end), { uniqueKeys: false });
  if (yaml.errors.length > 0) return undefined;
  // The lines read in place must say what the scalar says (a folded or odd indentation would not).
  const direct = parseDocument(String(scalar.value), { uniqueKeys: false });
  if (canonical(yaml.toJS() as Json) !== canonical(direct.toJS() as Json)) return undefined;
  return { file: host.file, index: host.index, start, end, yaml, objects: [] };
}

/** JSON with sorted keys: two rules with the same content give the same text. */
function canonical(value: Json | undefined): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, Json>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
