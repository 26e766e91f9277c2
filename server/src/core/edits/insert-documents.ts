import { emitDocuments, type YamlDocument } from '../emit/yaml-document';
import type { SourceDocument, SourceFile } from '../model/types';
import { styleOf } from './file-style';
import type { TextEdit } from './types';
import { insertAfterLineOf } from './yaml-edits';

/**
 * New documents right after `after`, each behind its own `---`, laid out as the file lays out its YAML
 * (indentation, sequences, lists of names): the quick-fixes' new objects read as if the user wrote them.
 */
export function insertDocumentsAfter(file: SourceFile, after: SourceDocument, documents: YamlDocument[]): TextEdit {
  const end = file.text.slice(after.start, after.end).trimEnd().length + after.start;
  const text = emitDocuments(documents, styleOf(file)).trimEnd();
  return insertAfterLineOf(file, end, `---\n${text}`);
}
