import { parseDocument } from 'yaml';
import { isKustomizationFile } from './relevant-kinds';
import type { SourceDocument, SourceFile } from './types';

export interface SyntaxError {
  message: string;
  /** Offset in the document's text. */
  offset: number;
}

/** Documents skimmed by kind only, parsed in full on first question: the answer depends on their text alone. */
const skimmedVerdicts = new WeakMap<SourceDocument, SyntaxError | null>();

/**
 * Why a document of a Kubernetes manifest cannot be read as YAML, or undefined when it can (or when
 * it is not Kubernetes YAML, or is a Helm template: not YAML until rendered). Documents the model only
 * skimmed (kinds RBAC does not need) are parsed here once, on first question, so that an edit of a
 * large ConfigMap costs nothing until someone asks.
 */
export function syntaxErrorOf(file: SourceFile, doc: SourceDocument): SyntaxError | undefined {
  if (doc.skipped === 'broken') return doc.error && looksLikeKubernetes(file, doc) ? doc.error : undefined;
  if (doc.skipped !== 'not-rbac-relevant' || doc.yaml) return undefined;
  let verdict = skimmedVerdicts.get(doc);
  if (verdict === undefined) {
    const text = file.text.slice(doc.start, doc.end);
    const parsed = text.includes('{{') ? undefined : parseDocument(text, { prettyErrors: false, uniqueKeys: false });
    const first = parsed?.errors[0];
    verdict = first ? { message: first.message, offset: first.pos[0] } : null;
    skimmedVerdicts.set(doc, verdict);
  }
  return verdict ?? undefined;
}

/** A kustomization, a top-level kind or apiVersion was read, or (for JSON-like text) both keys appear. */
function looksLikeKubernetes(file: SourceFile, doc: SourceDocument): boolean {
  if (doc.kind !== undefined || doc.apiVersion !== undefined || isKustomizationFile(file.path)) return true;
  const text = file.text.slice(doc.start, doc.end);
  return /["']?apiVersion["']?\s*:/.test(text) && /["']?kind["']?\s*:/.test(text);
}
