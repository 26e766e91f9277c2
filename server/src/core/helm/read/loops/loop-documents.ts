import type { SourceDocument } from '../../../model/types';
import type { LoopIteration } from '../../template/evaluate';
import { actionsStartingWithin, type MaskedTemplate, type PrintedAction } from '../mask-template';
import type { RangeNode } from '../../template/parse-template';
import type { HelmFileInfo } from '../read-template';
import type { TemplatedScalar } from '../templated-scalars';
import { isUnknown, UNKNOWN, type Value } from '../../template/template-values';

/**
 * A document that a `range` prints whole, once per entry (`{{- range $namespaces }}` … `---` … `kind: RoleBinding`
 * … `namespace: {{ . }}`): the template as each iteration renders it, so that each becomes an object of its own.
 * Undefined unless every part of the document is inside one range that ran once over two or more known entries.
 * Lines an iteration did not run are blank in its document.
 */
export function documentIterations(masked: MaskedTemplate, docText: string, start: number, end: number): MaskedTemplate[] | undefined {
  const inline = actionsStartingWithin(masked.inline, start, end);
  const hidden = actionsStartingWithin(masked.hidden, start, end);
  const first = inline[0] ?? hidden[0];
  const contentStart = start + docText.search(/\S/);
  const contentEnd = start + docText.trimEnd().length;
  if (!first || contentStart < start) return undefined;
  const loop = first.ranges?.find((range) => range.action.end <= contentStart && (range.bodyEnd ?? Infinity) >= contentEnd);
  if (!loop || ![...inline, ...hidden].every((p) => p.ranges?.includes(loop))) return undefined;
  const runs = masked.loops.get(loop);
  if (!runs || runs.runs !== 1 || runs.iterations.length < 2 || runs.iterations.some((i) => i.unknown)) return undefined;
  const texts: MaskedTemplate['loopText'] = [];
  let at = 0;
  for (let high = masked.loopText.length; at < high;) {
    const mid = (at + high) >> 1;
    if (masked.loopText[mid].node.end <= start) at = mid + 1;
    else high = mid;
  }
  for (; at < masked.loopText.length && masked.loopText[at].node.start < end; at++) if (masked.loopText[at].ranges.includes(loop)) texts.push(masked.loopText[at]);
  return runs.iterations.map((iteration) => {
    const ran = (p: PrintedAction) => iteration.executed.has(p.node);
    // Lines an iteration did not run (`{{- if has . $list }}` inside the range) are blank in its document.
    const skippedText = texts.filter((t) => !iteration.executed.has(t.node)).map((t): [number, number] => [t.node.start, t.node.end]);
    const skippedInline = inline.filter((p) => !ran(p)).map((p): [number, number] => [p.action.start, p.action.end]);
    const blanks = [...skippedText, ...skippedInline].sort((a, b) => a[0] - b[0]);
    return {
      ...masked,
      text: blanks.length ? blankSpans(masked.text, blanks) : masked.text,
      inline: inline.filter(ran).map((p) => inIteration(p, iteration, loop)),
      hidden: hidden.filter(ran).map((p) => inIteration(p, iteration, loop)),
    };
  });
}

/** The text with each span (sorted) blanked, line breaks kept: offsets stay where they were. */
function blankSpans(text: string, spans: [number, number][]): string {
  const parts: string[] = [];
  let at = 0;
  for (const [start, end] of spans) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    parts.push(text.slice(at, from), text.slice(from, end).replace(/[^\n\r]/g, ' '));
    at = end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** What an action printed in one iteration; an action inside an inner range keeps that range's values. */
function inIteration(printed: PrintedAction, iteration: LoopIteration, loop: RangeNode): PrintedAction {
  const value: Value = iteration.printed.has(printed.node) ? iteration.printed.get(printed.node)! : UNKNOWN;
  const variants = iteration.variants.get(printed.node);
  // Inner ranges ran once per iteration: within one iteration they are item loops of their own.
  return { ...printed, value, variants: variants && !variants.some(isUnknown) ? variants : undefined, ranges: printed.ranges?.slice(0, printed.ranges.indexOf(loop)) };
}

/**
 * A document a `range` prints once per entry: one object per iteration, each read with that iteration's
 * values, all at the template's positions. What is reported about them is told once.
 */
export function readDocumentPerIteration(doc: SourceDocument, iterations: MaskedTemplate[], info: HelmFileInfo, read: (template: MaskedTemplate, into: HelmFileInfo) => void): void {
  const objects: SourceDocument['objects'] = [];
  let first: Pick<SourceDocument, 'yaml' | 'skipped' | 'error' | 'kind' | 'apiVersion'> | undefined;
  const seen = new Set<string>();
  const templated = new Map<string, TemplatedScalar>();
  const once = <T>(list: T[], into: T[]) => { for (const entry of list) { const key = JSON.stringify(entry); if (!seen.has(key)) { seen.add(key); into.push(entry); } } };
  for (const template of iterations) {
    const own: HelmFileInfo = { ...info, templated: [], analysed: [], skipped: [], notJudged: [], problems: [], documentReadings: [] };
    doc.objects = [];
    delete doc.skipped;
    read(template, own);
    first ??= { yaml: doc.yaml, skipped: doc.skipped, error: doc.error, kind: doc.kind, apiVersion: doc.apiVersion };
    objects.push(...doc.objects);
    info.analysed.push(...own.analysed);
    once(own.skipped, info.skipped);
    once(own.notJudged, info.notJudged);
    own.templated.forEach((scalar) => {
      const key = `${scalar.start}:${scalar.end}`;
      const merged = templated.get(key) ?? { ...scalar, iterations: [] };
      merged.iterations!.push(scalar.value);
      if (JSON.stringify(merged.value) !== JSON.stringify(scalar.value)) merged.value = undefined;
      templated.set(key, merged);
    });
  }
  // One templated value per place: its value when every iteration agrees, else each iteration's.
  for (const scalar of templated.values()) info.templated.push(scalar.value === undefined ? scalar : { ...scalar, iterations: undefined });
  Object.assign(doc, first, { objects });
  if (objects.length > 0) delete doc.skipped;
}
