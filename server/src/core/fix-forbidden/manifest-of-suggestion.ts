import { parseAllDocuments, stringify } from 'yaml';
import { applyEdits } from '../edits/apply-edits';
import type { FixSuggestion } from './suggest-fixes';

/**
 * The RBAC objects a suggestion leaves behind, as YAML a cluster can take: the new YAML as is, or,
 * for an edit of workspace files, each edited document as it reads after the edit (with its comments
 * gone: the cluster keeps none). `readFile` gives a workspace file's current text.
 */
export function manifestOfSuggestion(suggestion: FixSuggestion, readFile: (file: string) => string | undefined): string | undefined {
  if (suggestion.kind === 'new') return suggestion.yaml;
  if (!suggestion.edits?.length) return undefined;
  const parts: string[] = [];
  for (const file of new Set(suggestion.edits.map((e) => e.file))) {
    const before = readFile(file);
    if (before === undefined) return undefined;
    const edits = suggestion.edits.filter((e) => e.file === file);
    const touched = new Set(edits.map((e) => documentIndexAt(before, offsetOf(before, e.range.start))));
    // Edits add or change lines inside a document, never a `---`: documents keep their index.
    const after = parseAllDocuments(applyEdits(before, edits));
    for (const index of [...touched].sort((a, b) => a - b)) {
      const doc = after[index];
      if (!doc || doc.errors.length) return undefined;
      parts.push(stringify(doc.toJS()));
    }
  }
  return parts.join('---\n');
}

function offsetOf(text: string, position: { line: number; character: number }): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return offset + position.character;
}

function documentIndexAt(text: string, offset: number): number {
  const docs = parseAllDocuments(text);
  const index = docs.findIndex((doc) => doc.range && offset <= doc.range[2]);
  return index < 0 ? docs.length - 1 : index;
}
