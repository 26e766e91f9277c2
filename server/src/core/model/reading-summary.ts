import { syntaxErrorOf } from './syntax-errors';
import type { SourceFile } from './types';

/** What a run read, so that "no problems" can be told apart from "nothing looked at". */
export interface ReadingSummary {
  /** YAML files read. */
  files: number;
  /** Kubernetes documents analysed (RBAC objects, and other kinds read for their kind). */
  documents: number;
  /** Kubernetes documents that are not valid YAML (reported as RBAC026). */
  unreadable: number;
  /** Documents not analysed: templates (Helm `{{ }}`: not YAML until rendered) and YAML that is not Kubernetes. */
  skipped: { templates: number; notKubernetes: number };
  /** Files whose reading failed (reported as RBAC034); present only when there are some. */
  notAnalysed?: number;
}

/** Counts the documents of `files` by how they were read. Empty documents count nowhere. */
export function readingSummary(files: readonly SourceFile[]): ReadingSummary {
  const summary: ReadingSummary = { files: files.length, documents: 0, unreadable: 0, skipped: { templates: 0, notKubernetes: 0 } };
  for (const file of files) {
    if (file.notAnalysed !== undefined) summary.notAnalysed = (summary.notAnalysed ?? 0) + 1;
    for (const doc of file.documents) {
      if (doc.skipped === 'empty') continue;
      if (doc.skipped === 'template') summary.skipped.templates++;
      else if (syntaxErrorOf(file, doc)) summary.unreadable++;
      else if (doc.skipped === 'not-kubernetes' || doc.skipped === 'broken') summary.skipped.notKubernetes++;
      else summary.documents++;
    }
  }
  return summary;
}

/** `3 files read: 12 documents analysed, 1 unreadable, 2 skipped (1 template, 1 non-Kubernetes YAML).` */
export function describeSummary(summary: ReadingSummary): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const parts = [`${plural(summary.documents, 'document')} analysed`];
  if (summary.unreadable) parts.push(`${summary.unreadable} unreadable`);
  if (summary.notAnalysed) parts.push(`${plural(summary.notAnalysed, 'file')} not analysed`);
  const { templates, notKubernetes } = summary.skipped;
  if (templates + notKubernetes) {
    const why = [templates ? plural(templates, 'template') : '', notKubernetes ? `${notKubernetes} non-Kubernetes YAML` : ''].filter(Boolean);
    parts.push(`${templates + notKubernetes} skipped (${why.join(', ')})`);
  }
  return `${plural(summary.files, 'file')} read: ${parts.join(', ')}.`;
}

/** Whether anything Kubernetes was found: analysed or at least recognised as broken Kubernetes YAML. */
export function foundManifests(summary: ReadingSummary): boolean {
  return summary.documents + summary.unreadable + (summary.notAnalysed ?? 0) > 0;
}
