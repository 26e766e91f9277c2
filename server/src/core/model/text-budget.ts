import { BUDGETS } from '../budgets';

/**
 * How much text one manifest may hold before it is skipped instead of parsed. Real manifests are far
 * below both limits; a file above them is generated data, a log or a mistake, and parsing it would
 * hold the whole workspace up (a YAML parser's memory grows with the longest line and the file).
 */
export interface TextBudget {
  /** Largest file read, in bytes (the setting `rbacDoctor.maxFileSize` is in megabytes). */
  maxFileSize: number;
  /** Longest line parsed, in characters. */
  maxLineLength: number;
}

export const MEGABYTE = 1024 * 1024;

export const DEFAULT_TEXT_BUDGET: TextBudget = { ...BUDGETS.text };

/** `12.3 MB`, `512 KB`, `80 bytes`. */
export function formatSize(bytes: number): string {
  if (bytes >= MEGABYTE) return `${(bytes / MEGABYTE).toFixed(bytes % MEGABYTE === 0 ? 0 : 1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** Why a file of this size is not read, or undefined when it may be. */
export function fileSizeOverBudget(bytes: number, budget: TextBudget): string | undefined {
  if (bytes <= budget.maxFileSize) return undefined;
  return `${formatSize(bytes)}, above the ${formatSize(budget.maxFileSize)} limit (rbacDoctor.maxFileSize, --max-file-size)`;
}

/** Why this text is not parsed (too large, or a line too long), or undefined when it may be. */
export function textOverBudget(text: string, budget: TextBudget): string | undefined {
  const size = fileSizeOverBudget(text.length, budget);
  if (size) return size;
  let line = 1;
  for (let start = 0; start < text.length; line++) {
    const end = text.indexOf('\n', start);
    const length = (end === -1 ? text.length : end) - start;
    if (length > budget.maxLineLength) {
      return `line ${line} is ${formatSize(length)} long, above the ${formatSize(budget.maxLineLength)} a manifest line may have`;
    }
    if (end === -1) break;
    start = end + 1;
  }
  return undefined;
}
