import { Pair, Scalar, YAMLMap } from 'yaml';
import { ALL_CHECKS } from '../../checks/all-checks';
import type { CheckContext } from '../../checks/check';
import { DOCUMENT_SCOPED } from '../../checks/document-scoped';
import { isSuppressed } from '../../checks/suppressions';
import type { Finding } from '../../checks/types';
import type { TextEdit } from '../../edits/types';
import { offsetsToRange, positionToOffset } from '../../model/positions';
import type { BindingObject, K8sObject, Range, RoleObject, SourceDocument, SourceFile } from '../../model/types';
import type { WorkspaceIndex } from '../../model/workspace-model';
import { mapItems, seqAt } from '../../model/yaml-nodes';
import { printedListsOf, type PrintedList } from './printed-lists';
import { valuesSourceOf, type PositionedValuesCache, type ValuesSource } from '../chart/values-source';
import { chartFilesOf } from '../chart/chart-files';

/** A list printed from values, the object it joined, and that object as the values file writes it. */
interface Relocation {
  template: SourceFile;
  action: Range;
  list: PrintedList;
  source: ValuesSource;
  valuesFile: SourceFile;
  object: RoleObject | BindingObject;
  mirror: RoleObject | BindingObject;
  chartDir: string;
}

/**
 * Findings on rules or subjects a template printed straight from one values file are told at that
 * file's own lines, with the check's usual fix as an edit there. The checks that found them run once
 * more on "mirror" objects whose list is the values file's positioned list node (so every range and
 * edit is computed by the checks themselves, in the values file); each finding at the printing action
 * is replaced by the mirror finding with the same code and message. Lists that are merged or
 * transformed have no single source and stay told at the action, without a fix.
 */
export function relocateToValues(findings: Finding[], context: CheckContext, cache: PositionedValuesCache): Finding[] {
  const relocations = findRelocations(findings, context, cache);
  if (relocations.length === 0) return findings;
  const atAction = new Map<Finding, Relocation>();
  for (const finding of findings) {
    const relocation = relocations.find((r) => r.template.path === finding.file && within(finding.range, r.action));
    if (relocation) atAction.set(finding, relocation);
  }
  const mirrorFindings = runOnMirrors(new Set([...atAction.keys()].map((f) => f.code)), relocations, context);
  const used = new Set<Finding>();
  const out: Finding[] = [];
  for (const finding of findings) {
    const relocation = atAction.get(finding);
    const zone = relocation && listZone(relocation);
    const twin = relocation && zone && mirrorFindings.find((m) => !used.has(m) && m.code === finding.code && m.message === finding.message &&
      m.file === relocation.valuesFile.path && insideZone(relocation.valuesFile, m.range, zone));
    if (!relocation || !zone || !twin) { out.push(finding); continue; }
    used.add(twin);
    const moved = relocated(finding, twin, relocation, zone);
    // A `# rbac-doctor-disable-next-line` comment in the values file silences it there.
    if (!isSuppressed(moved, relocation.valuesFile)) out.push(moved);
  }
  return out.sort((a, b) => a.file.localeCompare(b.file) || a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character || a.code.localeCompare(b.code));
}

/** The printed lists that findings sit on and that come straight from one values file. */
function findRelocations(findings: Finding[], context: CheckContext, cache: PositionedValuesCache): Relocation[] {
  const byFile = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = byFile.get(finding.file);
    if (list) list.push(finding);
    else byFile.set(finding.file, [finding]);
  }
  const out: Relocation[] = [];
  for (const [path, fileFindings] of byFile) {
    const template = context.model.getFile(path);
    if (!template?.helm) continue;
    for (const doc of template.documents) {
      for (const list of printedListsOf(doc)) {
        const action = offsetsToRange(template.lineStarts, doc.start + list.actionStart, doc.start + list.actionEnd);
        if (!fileFindings.some((f) => within(f.range, action))) continue;
        const chart = chartFilesOf(context.model).contextOf(template.helm.chartDir);
        const source = chart && valuesSourceOf(list, chart, cache);
        const object = source && objectHolding(doc, list);
        if (!source || !object) continue;
        const valuesFile = cache.sourceFile(source.file, source.text);
        if (!valuesFile) continue;
        out.push({ template, action, list, source, valuesFile, object, mirror: mirrorOf(object, list, source, valuesFile), chartDir: template.helm.chartDir });
      }
    }
  }
  return out;
}

function objectHolding(doc: SourceDocument, list: PrintedList): RoleObject | BindingObject | undefined {
  for (const object of doc.objects) {
    if (object.kind !== 'Role' && object.kind !== 'ClusterRole' && object.kind !== 'RoleBinding' && object.kind !== 'ClusterRoleBinding') continue;
    if (seqAt(object.node, list.key)?.items.includes(list.nodes[0] as never)) return object;
  }
  return undefined;
}

/** The object with only the printed list, whose items are the values file's own nodes. */
function mirrorOf(object: RoleObject | BindingObject, list: PrintedList, source: ValuesSource, valuesFile: SourceFile): RoleObject | BindingObject {
  const doc: SourceDocument = { ...valuesFile.documents[0], kind: object.kind, apiVersion: object.apiVersion };
  const key = new Scalar(list.key);
  key.range = source.key?.range ? [...source.key.range] as [number, number, number] : source.seq.range;
  const node = new YAMLMap();
  node.items.push(new Pair(key, source.seq));
  node.range = source.seq.range;
  const items = mapItems(seqAt(object.node, list.key));
  const indexes = list.nodes.map((n) => items.indexOf(n as never));
  if (isRole(object)) {
    return { ...object, doc, node, rules: indexes.map((i) => object.rules[i]), aggregationRule: undefined, listIndex: undefined };
  }
  const binding = object as BindingObject;
  return { ...binding, doc, node, subjects: indexes.map((i) => binding.subjects[i]), listIndex: undefined };
}

/** The checks that found something at a printing action, run again with the mirrors in place of their objects. */
function runOnMirrors(codes: Set<string>, relocations: Relocation[], context: CheckContext): Finding[] {
  const mirrors = new Map<K8sObject, K8sObject[]>();
  for (const r of relocations) mirrors.set(r.object, [...(mirrors.get(r.object) ?? []), r.mirror]);
  const mirrorList = relocations.map((r) => r.mirror);
  const files = new Map(relocations.map((r) => [r.valuesFile.path, r.valuesFile]));
  const fileOf = (object: K8sObject) => files.get(object.doc.file) ?? context.fileOf(object);
  const replaced = <T extends K8sObject>(list: T[]) => list.flatMap((o) => (mirrors.get(o) as T[] | undefined) ?? [o]);
  const only: WorkspaceIndex = { ...context.index, objects: mirrorList, roles: mirrorList.filter(isRole), bindings: mirrorList.filter(isBinding), serviceAccounts: [], namespaces: [], workloads: [], kustomizations: [] };
  const whole: WorkspaceIndex = { ...context.index, objects: replaced(context.index.objects), roles: replaced(context.index.roles), bindings: replaced(context.index.bindings) };
  const out: Finding[] = [];
  for (const check of ALL_CHECKS) {
    if (!codes.has(check.code)) continue;
    // Document-scoped checks look at the mirrors alone; the others see the whole workspace around them.
    const index = DOCUMENT_SCOPED.has(check.code) ? only : whole;
    try {
      out.push(...check.run({ ...context, index, fileOf }).filter((f) => files.has(f.file)));
    } catch {
      // A check that cannot judge the mirror keeps its findings at the action: nothing is relocated for it.
    }
  }
  return out;
}

function isRole(object: K8sObject): object is RoleObject {
  return object.kind === 'Role' || object.kind === 'ClusterRole';
}

function isBinding(object: K8sObject): object is BindingObject {
  return object.kind === 'RoleBinding' || object.kind === 'ClusterRoleBinding';
}

/** The lines of the values file's list: where relocated findings and their edits must stay. */
function listZone(r: Relocation): { start: number; end: number } {
  const text = r.valuesFile.text;
  const [start, end] = r.source.seq.range ?? [0, 0];
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let contentEnd = end;
  while (contentEnd > start && /\s/.test(text[contentEnd - 1])) contentEnd--;
  const lineEnd = text.indexOf('\n', contentEnd);
  return { start: lineStart, end: lineEnd === -1 ? text.length : lineEnd + 1 };
}

function insideZone(file: SourceFile, range: Range, zone: { start: number; end: number }): boolean {
  const start = positionToOffset(file.lineStarts, range.start, file.text.length);
  const end = positionToOffset(file.lineStarts, range.end, file.text.length);
  return start >= zone.start && end <= zone.end;
}

function relocated(finding: Finding, twin: Finding, r: Relocation, zone: { start: number; end: number }): Finding {
  const edits = (edit: TextEdit) => edit.file === r.valuesFile.path && insideZone(r.valuesFile, edit.range, zone);
  const template = inChart(r.template.path, r.chartDir);
  const line = r.action.start.line + 1;
  return {
    ...finding,
    message: `${finding.message} (set in ${inChart(r.valuesFile.path, r.chartDir)} at ${r.source.path.join('.')}, printed by ${template}:${line})`,
    file: r.valuesFile.path,
    range: twin.range,
    fixes: twin.fixes.filter((fix) => fix.edits.every(edits)),
    related: [{ location: { file: r.template.path, range: r.action }, message: `printed here by ${template} from \`.Values.${r.source.path.join('.')}\`` }, ...(finding.related ?? [])],
  };
}

function inChart(path: string, dir: string): string {
  return path.startsWith(`${dir}/`) || path.startsWith(`${dir}\\`) ? path.slice(dir.length + 1) : path;
}

function within(range: Range, outer: Range): boolean {
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, range.start) && before(range.end, outer.end);
}
