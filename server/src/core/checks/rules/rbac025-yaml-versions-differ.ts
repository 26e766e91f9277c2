import { isCollection, isScalar, Scalar, visit, type Node } from 'yaml';
import { quoted, printable } from '../../emit/yaml-scalar';
import { offsetsToRange } from '../../model/positions';
import type { K8sObject, SourceDocument, SourceFile } from '../../model/types';
import { yaml11Breaks } from '../../yaml11/line-breaks';
import { yaml11Reading } from '../../yaml11/plain-scalars';
import { tabsInIndentation } from '../../yaml11/tab-indentation';
import { checkInfo } from '../check-catalog';
import { perDocument } from '../document-memo';
import type { Check } from '../check';
import { finding } from '../helpers';
import type { Finding } from '../types';
import { positioned } from '../../model/syntax-trees';

const info = checkInfo('RBAC025')!;
/** Enough to see the problem; a hostile file must not flood the editor. */
const PER_DOCUMENT = 20;

/**
 * A document kubectl (YAML 1.1) reads differently from the editor (YAML 1.2): NEL, U+2028 and U+2029
 * are line breaks to kubectl (anywhere: in a comment they end it, and what follows is read as YAML);
 * `yes`, `on`, `n` are booleans in RBAC objects, whose fields are all strings; a tab after the
 * indentation is an error to kubectl. Templates are left alone: kubectl never reads them as they are.
 */
export const rbac025: Check = {
  ...info,
  run(context) {
    const findings: Finding[] = [];
    const rbacObjects = new Map<SourceDocument, K8sObject[]>();
    for (const object of [...context.index.roles, ...context.index.bindings]) rbacObjects.set(object.doc, [...(rbacObjects.get(object.doc) ?? []), object]);
    for (const file of context.model.allFiles()) {
      for (const doc of file.documents) {
        findings.push(...documentFindings(file, doc, rbacObjects.get(doc) ?? []));
      }
    }
    return findings;
  },
};

/** A document's findings, read again only when it changed or moved (see perDocument). */
function documentFindings(file: SourceFile, doc: SourceDocument, objects: K8sObject[]): Finding[] {
  return perDocument('RBAC025', file, doc, objects, () => doc.skipped === 'template' || isTemplate(file.text, doc)
    ? []
    : [...lineBreaks(file, doc), ...(positioned(doc) ? tabs(file, doc) : []), ...objects.flatMap((o) => yaml11Scalars(file, o))].slice(0, PER_DOCUMENT));
}

/** A Helm template (`{{ … }}`), even one that happens to parse: kubectl never reads it as written. */
function isTemplate(text: string, doc: SourceDocument): boolean {
  // The document's own text: a search from its start alone would scan to the end of the file for each document.
  return text.slice(doc.start, doc.end).includes('{{');
}

function lineBreaks(file: SourceFile, doc: SourceDocument): Finding[] {
  return yaml11Breaks(file.text, doc.start, doc.end, PER_DOCUMENT).map((b) => finding(info, file, offsetsToRange(file.lineStarts, b.offset, b.offset + 1),
    `kubectl's YAML reader (YAML 1.1) takes ${b.name} as a line break; this editor (YAML 1.2) does not. kubectl reads a new line here, starting "${printable(b.nextLine).slice(0, 80)}": what it applies is not what you see.`,
    [{ title: `Replace ${b.name} with a space`, isPreferred: true, edits: [{ file: file.path, range: offsetsToRange(file.lineStarts, b.offset, b.offset + 1), newText: ' ' }] }]));
}

function yaml11Scalars(file: SourceFile, object: K8sObject): Finding[] {
  const out: Finding[] = [];
  visit(object.node, {
    Scalar(_key, node) {
      if (node.type !== Scalar.PLAIN || typeof node.value !== 'string' || !node.range) return;
      const start = object.doc.start + node.range[0];
      const source = file.text.slice(start, object.doc.start + node.range[1]);
      const reading = yaml11Reading(source);
      if (!reading) return;
      const who = reading.kubectl ? "kubectl's YAML reader (YAML 1.1)" : 'YAML 1.1 tools (PyYAML, Ansible; kubectl keeps the string)';
      const range = offsetsToRange(file.lineStarts, start, start + source.length);
      out.push(finding(info, file, range,
        `${who} read ${printable(source)} as ${reading.reads}, not the string "${printable(source)}" this editor shows; RBAC fields are strings: quote it.`,
        [{ title: `Quote it: ${quoted(source)}`, isPreferred: true, edits: [{ file: file.path, range, newText: quoted(source) }] }]));
    },
  });
  return out;
}

function tabs(file: SourceFile, doc: SourceDocument): Finding[] {
  // Most documents hold no tab at all: their nodes are not visited.
  if (!file.text.slice(doc.start, doc.end).includes('\t')) return [];
  const skipped = allowedTabRanges(doc);
  let next = 0;
  // Queries come in ascending order: one pass over the sorted ranges.
  const skip = (offset: number) => {
    while (next < skipped.length && skipped[next][1] <= offset) next++;
    return next < skipped.length && skipped[next][0] <= offset;
  };
  return tabsInIndentation(file.text, doc.start, doc.end, skip).slice(0, PER_DOCUMENT).map((at) => finding(info, file, offsetsToRange(file.lineStarts, at, at + 1),
    "A tab before this line's content: this editor (YAML 1.2) reads it, kubectl's YAML reader rejects the file (\"found character that cannot start any token\"). Use spaces.",
    [{ title: 'Replace the tab with a space', isPreferred: true, edits: [{ file: file.path, range: offsetsToRange(file.lineStarts, at, at + 1), newText: ' ' }] }]));
}

/** Absolute ranges where a tab is content or allowed: scalars over several lines, flow collections. Sorted. */
function allowedTabRanges(doc: SourceDocument): [number, number][] {
  const out: [number, number][] = [];
  visit(doc.yaml!, (_key, node) => {
    const n = node as Node | null;
    if (!n?.range) return undefined;
    if (isScalar(n) || (isCollection(n) && n.flow)) {
      out.push([doc.start + n.range[0], doc.start + n.range[2]]);
      if (isCollection(n)) return visit.SKIP;
    }
    return undefined;
  });
  return out.sort((a, b) => a[0] - b[0]);
}
