import { isMap, parseDocument, type YAMLMap } from 'yaml';
import { extractObjects } from '../../model/extract-objects';
import { buildLineStarts } from '../../model/positions';
import { isRelevantKind } from '../../model/relevant-kinds';
import { skimDocument } from '../../model/skim-document';
import { splitDocuments } from '../../model/split-documents';
import type { SourceDocument, SourceFile, TemplateFileInfo } from '../../model/types';
import { templateRoot, type ChartContext } from '../chart/chart-context';
import { BudgetExhausted, traceNodes, type EvalEnv, type TraceRecorder } from '../template/evaluate';
import type { ActionSpan } from '../template/lex-actions';
import { actionsStartingWithin, maskTemplate, type MaskedTemplate, type PrintedAction } from './mask-template';
import { loopExpander } from './loops/loop-items';
import { documentIterations, readDocumentPerIteration } from './loops/loop-documents';
import { parseTemplate, type ParsedTemplate } from '../template/parse-template';
import { placeInReleaseNamespace } from './release-namespace';
import { noteWithScopes } from './printed-lists';
import { defineUse, type DefineUse } from '../template/define-calls';
import { dropUnknownItems } from './settle-unknowns';
import { notePrintedInline, settle } from './settle-generated';
import { isUnknown } from '../template/template-values';
import { actionsWithin, substituteScalars, type TemplatedScalar } from './templated-scalars';
import { readPrintedServiceAccounts } from './printed-pod-specs';
import { markUndecided, partialRule, undecidedSpans, type UndecidedSpan } from './undecided-text';
import { BUDGETS } from '../../budgets';
import { partialObject } from './unknowns/partial-object';
import { unknownCause } from './unknowns/unknown-cause';

/** RBAC kinds a chart's report counts. */
export const RBAC_KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'ServiceAccount']);

/** What reading one template file found: counts for the report, and what hovers and fixes need. */
export interface HelmFileInfo extends TemplateFileInfo {
  /** Every action of the file, sorted: no edit may touch one. */
  actions: ActionSpan[];
  /** Scalars that hold actions, sorted by offset. */
  templated: TemplatedScalar[];
  /** RBAC objects rendered with these values and read. */
  analysed: { kind: string; offset: number }[];
  /** RBAC objects rendered with these values but left out, and why (a role or binding as far as it could be read). */
  skipped: TemplateFileInfo['skipped'];
  /** Rules and subjects that could not be judged (generated, or holding unknown values). */
  notJudged: { kind: string; offset: number; reason: string }[];
  /** Actions of the file whose value went past an evaluation budget (core/budgets): unknown, said at the action (RBAC037). */
  budgetCuts?: { start: number; end: number; reason: string; wholeFile?: boolean }[];
  problems: { message: string; offset: number }[];
  /** Per document, what a keystroke elsewhere in the file lets the next reading reuse. */
  documentReadings: DocumentReading[];
  /** The defines the file has and the define calls Helm certainly makes rendering it (RBAC030). */
  defines?: DefineUse;
}

/**
 * One document as read, with offsets relative to its start, keyed by everything its reading depends on.
 * The key is built when first asked for: only when the file is read again (a keystroke), never on a first reading.
 */
interface DocumentReading {
  key: () => string;
  doc: SourceDocument;
  templated: TemplatedScalar[];
  analysed: HelmFileInfo['analysed'];
  skipped: HelmFileInfo['skipped'];
  notJudged: HelmFileInfo['notJudged'];
}

/** What Helm's reading found in a file, with the parts only this reader keeps (the model knows the rest). */
export function helmInfo(file: SourceFile | undefined): HelmFileInfo | undefined {
  return file?.helm as HelmFileInfo | undefined;
}

const INCLUDE_DEPTH = BUDGETS.template.maxIncludeDepth;

/**
 * Reads a chart template into documents and objects with the template's own positions. With the
 * previous reading of the file, a document whose masked text and printed values did not change is
 * reused as it is (its nodes hold document-relative offsets): a keystroke re-parses one document.
 */
export function readTemplateFile(path: string, text: string, chart: ChartContext, previous?: SourceFile): SourceFile {
  const { template, recorder, stopped } = traceTemplateFile(path, text, chart);
  const info: HelmFileInfo = { chartDir: chart.dir, actions: template.actions, templated: [], analysed: [], skipped: [], notJudged: [], problems: [...template.errors], documentReadings: [] };
  const file: SourceFile = { path, text, lineStarts: buildLineStarts(text), documents: [], helm: info };
  const cuts = budgetCutsAtActions(template, recorder);
  if (stopped) {
    const firstLine = text.indexOf('\n');
    cuts.unshift({ start: 0, end: firstLine === -1 ? text.length : firstLine, reason: stopped.replace(/^evaluation stopped: /, ''), wholeFile: true });
  }
  if (cuts.length) info.budgetCuts = cuts;
  if (stopped) {
    info.problems.push({ message: stopped, offset: 0 });
    file.documents = [{ file: path, index: 0, start: 0, end: text.length, objects: [], skipped: 'template', error: { message: stopped, offset: 0 } }];
    info.defines = defineUse(template, { executed: new Set(), printed: new Map(), origins: new Map() });
    return file;
  }
  // Helm renders no file whose name starts with `_`: its top level makes no call.
  info.defines = defineUse(template, /[\\/]_[^\\/]*$/.test(path) ? { executed: new Set(), printed: new Map(), origins: new Map() } : recorder);
  const masked = maskTemplate(template, recorder);
  const undecided = undecidedSpans(text, template.nodes, recorder);
  const reusable = new Map<string, DocumentReading>();
  for (const reading of helmInfo(previous)?.documentReadings ?? []) if (!reusable.has(reading.key())) reusable.set(reading.key(), reading);
  file.documents = splitDocuments(masked.text).map((span, index) => {
    const docText = masked.text.slice(span.start, span.end);
    const key = once(() => readingKey(docText, span.start, span.end, masked, undecided));
    let reading = reusable.size > 0 ? reusable.get(key()) : undefined;
    if (reading) reusable.delete(key());
    if (reading) {
      Object.assign(reading.doc, { index, start: span.start, end: span.end });
    } else {
      const doc: SourceDocument = { file: path, index, start: span.start, end: span.end, objects: [] };
      const own: HelmFileInfo = { ...info, templated: [], analysed: [], skipped: [], notJudged: [], problems: [], documentReadings: [] };
      const iterations = documentIterations(masked, docText, span.start, span.end);
      if (iterations) readDocumentPerIteration(doc, iterations, own, (template, into) => readDocument(doc, template.text === masked.text ? docText : template.text.slice(span.start, span.end), text, template, into, undecided));
      else readDocument(doc, docText, text, masked, own, undecided);
      reading = relative(key, doc, own, -span.start);
    }
    // Applied to reused readings too: the release namespace is a setting, not part of the document's text.
    placeInReleaseNamespace(reading.doc, chart.releaseNamespace.value);
    info.documentReadings.push(reading);
    const shifted = relative(key, reading.doc, reading, span.start);
    info.templated.push(...shifted.templated);
    info.analysed.push(...shifted.analysed);
    // Applied to reused readings too, as the release namespace above.
    info.skipped.push(...shifted.skipped.map((s) => (s.partial?.inReleaseNamespace ? { ...s, partial: { ...s.partial, namespace: chart.releaseNamespace.value } } : s)));
    info.notJudged.push(...shifted.notJudged);
    return reading.doc;
  });
  info.templated.sort((a, b) => a.start - b.start);
  return file;
}

/** A template file run with its chart's values and helpers: what ran and what it printed, or why evaluation stopped. */
export interface TracedTemplate {
  template: ParsedTemplate;
  recorder: TraceRecorder;
  stopped?: string;
}

export function traceTemplateFile(path: string, text: string, chart: ChartContext): TracedTemplate {
  const template = parseTemplate(text);
  noteWithScopes(template);
  const defines = new Map(chart.defines);
  for (const define of template.defines) defines.set(define.name, { define, text, file: path });
  const recorder: TraceRecorder = { executed: new Set(), printed: new Map(), origins: new Map(), assumed: new Set(), loops: new Map() };
  const env: EvalEnv = { defines, steps: budgetFor(text, chart), depth: INCLUDE_DEPTH, recorder, rendered: new Map() };
  try {
    traceNodes(env, template.nodes, text, templateRoot(chart, path));
  } catch (error) {
    if (!(error instanceof BudgetExhausted)) throw error;
    return { template, recorder, stopped: 'evaluation stopped: the template does more work than its size allows (recursive include?)' };
  }
  return { template, recorder };
}

/** The file's own actions whose value went past a budget (a define's actions are said at the action that includes it). */
function budgetCutsAtActions(template: ParsedTemplate, recorder: TraceRecorder): NonNullable<HelmFileInfo['budgetCuts']> {
  if (!recorder.cuts) return [];
  const own = new Set(template.actions);
  const out: NonNullable<HelmFileInfo['budgetCuts']> = [];
  for (const [node, reason] of recorder.cuts) if ('action' in node && own.has(node.action)) out.push({ start: node.action.start, end: node.action.end, reason });
  return out.sort((a, b) => a.start - b.start);
}

/** Everything a document's reading depends on: its masked text and what each action in it printed, relative to its start. */
function readingKey(docText: string, start: number, end: number, masked: MaskedTemplate, undecided: UndecidedSpan[]): string {
  const parts = [docText, undecided.filter((u) => u.end > start && u.start < end).map((u) => `${u.start - start}-${u.end - start}:${u.because.line}:${u.because.text}`).join(',')];
  for (const [mode, list] of [['i', masked.inline], ['h', masked.hidden]] as const) {
    for (const printed of actionsStartingWithin(list, start, end)) {
      const value = isUnknown(printed.value) ? '\u0000?' : JSON.stringify(printed.value);
      parts.push(`${mode}${printed.action.start - start}:${printed.action.end - start}=${value}<${[...(printed.origins ?? [])].sort().join(',')}${iterationsKey(printed, masked)}`);
    }
  }
  return parts.join('\u0001');
}

/** What an action printed in each iteration of its innermost range (items are expanded from these). */
function iterationsKey(printed: PrintedAction, masked: MaskedTemplate): string {
  const loop = printed.ranges?.[0];
  const runs = loop && masked.loops.get(loop);
  if (!runs) return '';
  return `|${runs.runs}|${runs.iterations.map((i) => (i.executed.has(printed.node) ? (i.printed.has(printed.node) && !isUnknown(i.printed.get(printed.node)) ? JSON.stringify(i.printed.get(printed.node)) : '?') : '-')).join('\u0002')}`;
}

function once(compute: () => string): () => string {
  let value: string | undefined;
  return () => (value ??= compute());
}

/** A reading's offsets moved by `delta` (to document-relative and back). */
function relative(key: () => string, doc: SourceDocument, from: Pick<HelmFileInfo, 'templated' | 'analysed' | 'skipped' | 'notJudged'>, delta: number): DocumentReading {
  return {
    key,
    doc,
    templated: from.templated.map((t) => ({ ...t, start: t.start + delta, end: t.end + delta })),
    analysed: from.analysed.map((a) => ({ ...a, offset: a.offset + delta })),
    skipped: from.skipped.map((a) => ({ ...a, offset: a.offset + delta })),
    notJudged: from.notJudged.map((a) => ({ ...a, offset: a.offset + delta })),
  };
}

/** Steps sized from the input: the template plus every helper it may include, so evaluation is linear. */
function budgetFor(text: string, chart: ChartContext): number {
  let helpers = 0;
  for (const entry of new Set([...chart.defines.values()].map((d) => d.text))) helpers += entry.length;
  return BUDGETS.template.baseSteps + BUDGETS.template.stepsPerCharacter * (text.length + helpers);
}

function readDocument(doc: SourceDocument, masked: string, original: string, template: MaskedTemplate, info: HelmFileInfo, undecided: UndecidedSpan[]): void {
  const { inline, hidden } = template;
  const skim = skimDocument(masked);
  // `kind: {{ .Values.namespaced | ternary "Role" "ClusterRole" }}`: the masked kind is placeholders.
  if (skim.kind?.includes('_')) skim.kind = renderedKind(masked, doc.start, original, inline);
  doc.kind = skim.kind;
  doc.apiVersion = skim.apiVersion;
  const ownHidden = actionsStartingWithin(hidden, doc.start, doc.end);
  if (skim.kind === undefined) {
    const generated = ownHidden.length > 0;
    doc.skipped = generated ? 'template' : masked.trim() === '' ? 'empty' : 'not-kubernetes';
    if (generated) info.notJudged.push({ kind: 'document', offset: ownHidden[0].action.start, reason: 'the whole document is printed by an action' });
    return;
  }
  if (!isRelevantKind(skim.kind)) {
    doc.skipped = 'not-rbac-relevant';
    return;
  }
  const counted = RBAC_KINDS.has(skim.kind);
  // Not strict: masking keeps offsets, so an action that trims the line breaks before it leaves one long line;
  // YAML's 1024-character limit on an implicit key then applies to text Helm never prints.
  const parsed = parseDocument(masked, { prettyErrors: false, uniqueKeys: false, strict: false });
  if (parsed.errors.length > 0) {
    doc.skipped = 'template';
    doc.error = { message: parsed.errors[0].message, offset: parsed.errors[0].pos[0] };
    if (counted) info.skipped.push({ kind: skim.kind, offset: doc.start, reason: `the template does not read as YAML here: ${parsed.errors[0].message.split('\n')[0]}` });
    return;
  }
  const { templated, unknown, consumed } = substituteScalars(parsed, doc.start, original, inline, loopExpander(parsed, doc.start, masked, original, template));
  info.templated.push(...templated);
  if (!isMap(parsed.contents)) {
    doc.skipped = 'not-kubernetes';
    return;
  }
  const root = parsed.contents as YAMLMap;
  notePrintedInline(doc, root, templated);
  const unknowns = settle(root, skim.kind, unknown, consumed.size ? ownHidden.filter((h) => !consumed.has(h)) : ownHidden, doc, (start, end) => unknownCause(info.actions, undecided, start, end));
  doc.yaml = parsed;
  const offsetsOf = (key: string, indexes: Set<number>) => {
    const seq = root.get(key, true) as { items?: { range?: number[] }[] } | undefined;
    return [...indexes].map((i) => doc.start + (seq?.items?.[i]?.range?.[0] ?? 0));
  };
  const droppedRules = offsetsOf('rules', unknowns.dropRules);
  const rulesSeq = root.get('rules', true) as { items?: unknown[] } | undefined;
  const partial = [...unknowns.dropRules].map((i) => partialRule(rulesSeq?.items?.[i]));
  const droppedSubjects = offsetsOf('subjects', unknowns.dropSubjects);
  dropUnknownItems(root, unknowns);
  // Rules and subjects left out for unknown values: kept as "might", so that no answer takes their absence as "no".
  const unread = (kind: 'rules' | 'subjects', offsets: number[], generated: boolean) => [
    ...offsets.map((offset, i) => ({ offset: offset - doc.start, why: `a ${kind === 'rules' ? 'rule' : 'subject'} here holds a value that is not known`, ...(kind === 'rules' ? { rule: partial[i] } : {}) })),
    ...(generated ? [{ offset: 0, why: `${kind} are printed from values or helpers that are not known` }] : []),
  ];
  // A selector that could not be read might select any ClusterRole: the role might grant anything.
  const unreadSelectors = unknowns.selectorsDropped.map((offset) => ({ offset, why: 'an aggregationRule selector is printed from values or helpers that are not known, so it might select any ClusterRole' }));
  const unreadRules = [...unread('rules', droppedRules, unknowns.rulesGenerated), ...unreadSelectors];
  const unreadSubjects = unread('subjects', droppedSubjects, unknowns.subjectsGenerated);
  if (unknowns.dropObject) {
    doc.skipped = 'template';
    // What it might grant is still judged on its known parts: it is left out, never read as granting nothing.
    const known = counted ? partialObject(root, skim.kind, unknowns, skim.kind.endsWith('Binding') ? [] : unreadRules) : undefined;
    if (counted) info.skipped.push({ kind: skim.kind, offset: doc.start, reason: unknowns.dropObject, ...(known ? { partial: known } : {}) });
    return;
  }
  doc.objects = extractObjects(root, doc, false);
  readPrintedServiceAccounts(doc.objects, ownHidden);
  markUndecided(doc.objects, doc.start, undecided);
  // Labels printed where they cannot be read might be any labels: an aggregationRule might select the role.
  if (unknowns.parts.has('metadata.labels') || unknowns.parts.has('metadata.')) {
    for (const object of doc.objects) if (object.kind === 'ClusterRole') object.undecided = { ...object.undecided, labels: 'its labels are printed from values or helpers that are not known' };
  }
  for (const object of doc.objects) {
    const own = object.kind === 'Role' || object.kind === 'ClusterRole' ? unreadRules : object.kind === 'RoleBinding' || object.kind === 'ClusterRoleBinding' ? unreadSubjects : [];
    if (own.length > 0) object.unread = own;
  }
  if (doc.objects.length === 0) doc.skipped = 'not-rbac-relevant';
  for (const object of doc.objects) if (RBAC_KINDS.has(object.kind)) info.analysed.push({ kind: object.kind, offset: doc.start });
  const note = (what: string, reason: string, offset = doc.start) => info.notJudged.push({ kind: what, offset, reason });
  for (const offset of droppedRules) note('rule', 'it holds a value that is not known', offset);
  if (unknowns.rulesGenerated) note('rules', 'rules printed from values or helpers cannot be judged');
  for (const offset of droppedSubjects) note('subject', 'it holds a value that is not known', offset);
  if (unknowns.subjectsGenerated) note('subjects', 'subjects printed from values or helpers cannot be judged');
  for (const offset of unknowns.selectorsDropped) note('aggregationRule', 'a selector printed from values or helpers that are not known: the rules it would aggregate are not counted', doc.start + offset);
}

/** The top-level `kind:` of a document as it renders, when its value is an action; undefined if unknown. */
function renderedKind(masked: string, docStart: number, original: string, inline: PrintedAction[]): string | undefined {
  const line = /^kind:[ \t]*/m.exec(masked);
  if (!line) return undefined;
  const start = docStart + line.index + line[0].length;
  const lineEnd = original.indexOf('\n', start);
  const end = lineEnd === -1 ? original.length : lineEnd;
  let text = '';
  let at = start;
  for (const printed of actionsWithin(inline, start, end)) {
    if (isUnknown(printed.value)) return undefined;
    text += original.slice(at, printed.action.start) + String(printed.value);
    at = printed.action.end;
  }
  const kind = (text + original.slice(at, end)).replace(/#.*$/, '').trim().replace(/^["']|["']$/g, '');
  return /^[A-Za-z][A-Za-z0-9]*$/.test(kind) ? kind : undefined;
}
