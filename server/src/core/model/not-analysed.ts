import { buildLineStarts } from './positions';
import type { SourceFile } from './types';

/** Longest reason kept: a message may quote user text (a key, a value) of any length. */
const MAX_REASON = 200;

/**
 * The one-line reason an analysis step failed, from what it threw: its first line, cut to a readable
 * length (a stack overflow or a library's message about a value can carry the value itself).
 */
export function failureReason(error: unknown): string {
  const raw = error instanceof Error ? error.message || error.name : String(error);
  const line = raw.split('\n', 1)[0].trim() || 'unexpected failure';
  return line.length > MAX_REASON ? `${line.slice(0, MAX_REASON)}…` : line;
}

/** The file as the workspace keeps it when reading it failed: its text and lines, no documents, and why. */
export function notAnalysedFile(path: string, text: string, error: unknown): SourceFile {
  return { path, text, lineStarts: buildLineStarts(text), documents: [], notAnalysed: failureReason(error) };
}

/**
 * Runs one file's reading step; a failure no budget foresaw is caught here, at that file, so that one
 * hostile or unusual file never stops the rest of the workspace from being read and checked.
 */
export function readGuarded(path: string, text: string, read: () => SourceFile): SourceFile {
  try {
    return read();
  } catch (error) {
    return notAnalysedFile(path, text, error);
  }
}
