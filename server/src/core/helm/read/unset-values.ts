import type { SourceFile } from '../../model/types';
import { helmInfo } from './read-template';

/**
 * True when the text between `start` and `end` of a chart template (after a key's colon) is printed by actions that read values
 * and printed nothing but nil (`{{ .Values.x }}` gives '', `{{ toJson .Values.x }}` gives `null`): a value
 * no values file sets, or sets to null, which a chart leaves for the install to give. What the field
 * holds then is not known; an empty list a values file does set (`verbs: []`) is known and judged.
 */
export function printedFromUnsetValues(file: SourceFile, start: number, end: number): boolean {
  const info = helmInfo(file);
  if (!info) return false;
  const within = info.templated.filter((t) => t.start >= start && t.end <= end && t.actions.length > 0);
  if (within.length > 0) {
    return within.every((t) => (t.value === null || t.value === undefined || t.value === '') && t.actions.every((a) =>
      (a.value === '' || a.value === 'null') && [...(a.origins ?? [])].some((o) => o.startsWith('values:'))));
  }
  // An action that printed nothing leaves no scalar behind (`verbs: {{ .Values.verbs }}`): one that reads values.
  const actions = info.actions.filter((a) => a.start >= start && a.end <= end);
  return actions.length > 0 && file.text.slice(start, end).replace(/\{\{[\s\S]*?\}\}/g, '').replace(/^\s*:/, '').trim() === '' && actions.every((a) => /(^|[\s(|])\$?\.Values\b/.test(a.body));
}
