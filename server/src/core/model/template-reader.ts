import type { SourceFile } from './types';

/** Release and values settings for templates: `rbacDoctor.helm.*` in the editor, `--values`/`--release-*` in the CLI. */
export interface TemplateOptions {
  releaseName?: string;
  releaseNamespace?: string;
  /** Extra values files, applied after a chart's own values in this order (as `helm -f`). */
  valuesFiles: { path: string; text: string }[];
}

/**
 * An input reader for templated files (Helm charts): the model hands it every file it is given and
 * asks it to read the templates; the model never asks which reader read a file.
 */
export interface TemplateReader {
  /** Takes note of a file: a file of the reader's own (read now), `'template'` (read later, with its package), or undefined (plain YAML). */
  note(path: string, text: string): SourceFile | 'template' | undefined;
  /** Reads a template with its package, or undefined when it is no longer one. */
  readTemplate(path: string, text: string): SourceFile | undefined;
  remove(path: string): void;
  /** The templates to read again after this file changed. */
  dependents(path: string): string[];
  /** New settings: the templates to read again. */
  setOptions(options: TemplateOptions): string[];
  /** A packed archive found beside the files (a chart's `charts/*.tgz`). */
  noteArchive(path: string): void;
  /** The folders read whole (what is absent from them is absent from disk). */
  setReadFolders(folders: string[]): void;
  /** Why the tool that renders this template never renders it, or undefined. */
  whyNotRendered(path: string): string | undefined;
}
