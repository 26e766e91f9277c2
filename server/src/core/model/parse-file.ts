import { isMap, parseDocument } from 'yaml';
import { registerAliases } from './yaml-aliases';
import { extractObjects } from './extract-objects';
import { flowDepth, MAX_FLOW_DEPTH } from './flow-depth';
import { buildLineStarts } from './positions';
import { isKustomizationFile, isRelevantKind } from './relevant-kinds';
import { skimDocument, stripCrdSchemas } from './skim-document';
import { splitDocuments } from './split-documents';
import { noteSource, PARSE_OPTIONS } from './syntax-trees';
import type { SourceDocument, SourceFile } from './types';

/**
 * Reads one YAML file into documents and the Kubernetes objects RBAC needs. Documents of other kinds
 * are only skimmed. When `previous` is given, documents whose text did not change are reused as they
 * are (their nodes hold document-relative offsets), so an edit re-parses only the edited document.
 */
export function parseFile(path: string, text: string, previous?: SourceFile): SourceFile {
  const kustomization = isKustomizationFile(path);
  const spans = splitDocuments(text);
  // A previous document is reused once at most: identical documents side by side would otherwise share one object.
  const used = new Set<SourceDocument>();
  const documents = spans.map((span, index) => {
    const reused = previous && unchanged(previous, text, span, index, spans.length, used);
    if (reused) {
      used.add(reused);
      reused.start = span.start;
      reused.end = span.end;
      reused.index = index;
      noteSource(reused, text);
      return reused;
    }
    const doc = readDocument(path, text.slice(span.start, span.end), span.start, index, kustomization);
    if (doc.yaml) noteSource(doc, text);
    return doc;
  });
  return { path, text, lineStarts: buildLineStarts(text), documents };
}

/**
 * The previous document with the same text: an edit changes one document, so the document at the same
 * index counted from the start or from the end is the candidate. Compared only when lengths agree.
 */
function unchanged(
  previous: SourceFile, text: string, span: { start: number; end: number }, index: number, count: number, used: Set<SourceDocument>,
): SourceDocument | undefined {
  const fromEnd = previous.documents.length - (count - index);
  for (const candidate of [previous.documents[index], previous.documents[fromEnd]]) {
    if (!candidate || used.has(candidate) || candidate.end - candidate.start !== span.end - span.start) continue;
    if (previous.text.slice(candidate.start, candidate.end) === text.slice(span.start, span.end)) return candidate;
  }
  return undefined;
}

function readDocument(file: string, text: string, start: number, index: number, kustomization: boolean): SourceDocument {
  const doc: SourceDocument = { file, index, start, end: start + text.length, objects: [] };
  const skim = skimDocument(text);
  doc.kind = skim.kind;
  doc.apiVersion = skim.apiVersion;
  if (!kustomization && skim.blockStyle) {
    if (skim.kind === undefined) {
      doc.skipped = onlyMarkersAndComments(text) ? 'empty' : 'not-kubernetes';
      return doc;
    }
    if (!isRelevantKind(skim.kind)) {
      doc.skipped = 'not-rbac-relevant';
      return doc;
    }
  }
  const depth = flowDepth(text);
  if (depth > MAX_FLOW_DEPTH) {
    doc.skipped = 'broken';
    doc.error = { message: `Flow collections ({…} or […]) nested more than ${MAX_FLOW_DEPTH} deep: not parsed`, offset: 0 };
    return doc;
  }
  const isCrd = skim.kind === 'CustomResourceDefinition';
  const parsed = parseDocument(isCrd ? stripCrdSchemas(text) ?? text : text, PARSE_OPTIONS);
  if (parsed.errors.length > 0) {
    doc.skipped = text.includes('{{') ? 'template' : 'broken';
    doc.error = { message: parsed.errors[0].message, offset: parsed.errors[0].pos[0] };
    return doc;
  }
  registerAliases(parsed);
  // A CRD's stripped copy has shifted offsets: its nodes are read for data, not for positions.
  if (!isCrd) doc.yaml = parsed;
  if (!isMap(parsed.contents)) {
    doc.skipped = parsed.contents === null ? 'empty' : 'not-kubernetes';
    return doc;
  }
  doc.objects = extractObjects(parsed.contents, doc, kustomization);
  if (doc.objects.length === 0 && !doc.skipped) doc.skipped = skim.kind ? 'not-rbac-relevant' : 'not-kubernetes';
  return doc;
}

/** A document of nothing but blank lines, comments and its `---` marker: empty, not "some other YAML". */
function onlyMarkersAndComments(text: string): boolean {
  return text.split('\n').every((line) => {
    const trimmed = line.trim();
    return trimmed === '' || trimmed.startsWith('#') || trimmed === '---' || trimmed.startsWith('--- #');
  });
}
