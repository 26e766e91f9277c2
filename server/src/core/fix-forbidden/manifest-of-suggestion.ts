import { parseDocument } from 'yaml';
import { emitData } from '../emit/yaml-data';
import { applyEdits } from '../edits/apply-edits';
import type { SourceDocument, SourceFile } from '../model/types';
import { positionToOffset } from '../model/positions';
import type { FixSuggestion } from './suggest-fixes';

/**
 * The RBAC objects a suggestion leaves behind, as YAML a cluster can take: the new YAML as is, or,
 * for an edit of workspace files, each edited document as it reads after the edit (with its comments
 * gone: the cluster keeps none). Only the edited documents are parsed, whatever the file's size.
 */
export function manifestOfSuggestion(suggestion: FixSuggestion, fileOf: (path: string) => SourceFile | undefined): string | undefined {
  if (suggestion.kind === 'new') return suggestion.yaml;
  if (!suggestion.edits?.length) return undefined;
  const parts: string[] = [];
  for (const path of new Set(suggestion.edits.map((e) => e.file))) {
    const file = fileOf(path);
    if (!file) return undefined;
    const edits = suggestion.edits.filter((e) => e.file === path);
    const changes = edits.map((e) => {
      const start = positionToOffset(file.lineStarts, e.range.start, file.text.length);
      const end = positionToOffset(file.lineStarts, e.range.end, file.text.length);
      return { start, delta: e.newText.length - (end - start), doc: file.documents.find((d) => start >= d.start && start <= d.end) };
    });
    const after = applyEdits(file.text, edits);
    const shift = (where: (c: (typeof changes)[number]) => boolean) => changes.filter(where).reduce((sum, c) => sum + c.delta, 0);
    for (const doc of new Set(changes.map((c) => c.doc).filter((d): d is SourceDocument => d !== undefined))) {
      // The document moves by the edits before it and grows by its own; edits never add a `---`.
      const start = doc.start + shift((c) => c.start < doc.start);
      const end = doc.end + shift((c) => c.start <= doc.end);
      const parsed = parseDocument(after.slice(start, end));
      if (parsed.errors.length) return undefined;
      parts.push(emitData(parsed.toJS()));
    }
  }
  return parts.length ? parts.join('---\n') : undefined;
}
