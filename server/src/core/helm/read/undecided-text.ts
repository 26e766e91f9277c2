import { isMap, isNode, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { PolicyRule } from '../../rbac/types';
import type { K8sObject } from '../../model/types';
import { mapItems, pairOf, seqAt } from '../../model/yaml-nodes';
import type { TraceRecorder } from '../template/eval-env';
import type { ActionSpan } from '../template/lex-actions';
import type { TemplateNode } from '../template/parse-template';

/**
 * Text a chart renders only under a condition that could not be decided (an `if`/`with` whose condition,
 * or a `range` whose list, is unknown: the trace assumed the body). Spans of the file's own text, blanks
 * trimmed, sorted. What lies there may not exist when Helm renders the chart.
 */
export function undecidedSpans(text: string, nodes: TemplateNode[], trace: TraceRecorder): UndecidedSpan[] {
  const spans: UndecidedSpan[] = [];
  const assumed = trace.assumed;
  if (!assumed || assumed.size === 0) return spans;
  const lineOf = lineFinder(text);
  const visit = (body: TemplateNode[], outer: Condition | undefined, opener: ActionSpan | undefined) => {
    const because = outer ?? (opener && assumed.has(body) ? condition(text, opener, lineOf) : undefined);
    for (const node of body) {
      if (node.kind === 'text') {
        if (!because || !trace.executed.has(node)) continue;
        let start = node.renderStart;
        let end = node.renderEnd;
        while (start < end && /\s/.test(text[start])) start++;
        while (end > start && /\s/.test(text[end - 1])) end--;
        if (end > start) spans.push({ start, end, because });
      } else if (node.kind === 'output' || node.kind === 'template') {
        if (because && trace.executed.has(node)) spans.push({ start: node.action.start, end: node.action.end, because });
      } else if (node.kind === 'if' || node.kind === 'with') {
        for (const branch of node.branches) visit(branch.body, because, branch.action);
        if (node.elseBody) visit(node.elseBody, because, undefined);
      } else if (node.kind === 'range') {
        visit(node.body, because, node.action);
        if (node.elseBody) visit(node.elseBody, because, undefined);
      }
    }
  };
  visit(nodes, undefined, undefined);
  return spans.sort((a, b) => a.start - b.start);
}

/** The action whose condition (or list) could not be decided, as written, and its line (0-based). */
interface Condition { text: string; line: number }

export interface UndecidedSpan { start: number; end: number; because: Condition }

function condition(text: string, action: ActionSpan, lineOf: (offset: number) => number): Condition {
  const written = text.slice(action.start, action.end).replace(/\s+/g, ' ');
  return { text: written.length > 80 ? `${written.slice(0, 77)}…` : written, line: lineOf(action.start) };
}

function lineFinder(text: string): (offset: number) => number {
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  };
}

/** Why an item may not render: the condition of the first undecided span it meets. */
const why = (span: UndecidedSpan) => `renders only under \`${span.because.text}\` (line ${span.because.line + 1}), which could not be decided`;

/**
 * Marks what of each object lies in undecided text (`docStart`: where the parsed document starts in the
 * file): the object itself when its `kind` does, a binding when its roleRef does, a role when its
 * aggregationRule does; otherwise the rules and subjects that do, one by one.
 */
export function markUndecided(objects: K8sObject[], docStart: number, spans: UndecidedSpan[]): void {
  if (spans.length === 0) return;
  const met = (item: Node | Pair | undefined): UndecidedSpan | undefined => {
    const range = item && (isNode(item) ? item.range : rangeOfPair(item));
    return range ? firstMet(spans, docStart + range[0], docStart + range[1]) : undefined;
  };
  for (const object of objects) {
    if (object.kind !== 'Role' && object.kind !== 'ClusterRole' && object.kind !== 'RoleBinding' && object.kind !== 'ClusterRoleBinding') continue;
    const node = object.node;
    const binding = object.kind.endsWith('Binding');
    const whole = met(pairOf(node, 'kind'));
    const ref = binding ? met(pairOf(node, 'roleRef')) : met(pairOf(node, 'aggregationRule'));
    if (whole) object.undecided = { object: why(whole) };
    else if (ref) object.undecided = { object: `has a${binding ? ' roleRef' : 'n aggregationRule'} that ${why(ref)}` };
    else {
      const items = mapItems(seqAt(node, binding ? 'subjects' : 'rules')).flatMap((item, index) => {
        const span = met(item);
        return span ? [{ index, why: why(span) }] : [];
      });
      if (items.length > 0) object.undecided = { items };
    }
  }
}

function rangeOfPair(pair: Pair): [number, number] | undefined {
  const key = isNode(pair.key) ? pair.key.range : undefined;
  const value = isNode(pair.value) ? pair.value.range : undefined;
  const start = key?.[0] ?? value?.[0];
  const end = value?.[1] ?? key?.[1];
  return start === undefined || end === undefined ? undefined : [start, end];
}

/** The first of the sorted, disjoint spans that [start, end) meets (binary search: the first span ending after start). */
function firstMet(spans: UndecidedSpan[], start: number, end: number): UndecidedSpan | undefined {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (spans[mid].end <= start) low = mid + 1;
    else high = mid;
  }
  return low < spans.length && spans[low].start < end ? spans[low] : undefined;
}

/**
 * A rule left out for values that are not known, as far as it is known: a field whose items are all known
 * strings keeps them, any other field (unknown, printed, or missing where it may be printed) is `*`. What
 * it might grant is then judged exactly on its known parts. `nonResourceURLs` stays absent when not written.
 */
export function partialRule(item: unknown): PolicyRule {
  const field = (key: string): string[] | undefined => {
    const value = isMap(item) ? item.get(key, true) : undefined;
    if (!isSeq(value)) return undefined;
    const strings = value.items.map((v) => (isScalar(v) && typeof v.value === 'string' ? v.value : undefined));
    return strings.every((v): v is string => v !== undefined) ? strings : undefined;
  };
  const rule: PolicyRule = { verbs: field('verbs') ?? ['*'], apiGroups: field('apiGroups') ?? ['*'], resources: field('resources') ?? ['*'] };
  const names = field('resourceNames');
  if (names) rule.resourceNames = names;
  const written = isMap(item) && item.has('nonResourceURLs');
  if (written) rule.nonResourceURLs = field('nonResourceURLs') ?? ['*'];
  return rule;
}
