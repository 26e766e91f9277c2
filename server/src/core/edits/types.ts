import type { Range } from '../model/types';

/** A text replacement in a file; ranges are 0-based line/character, as in LSP. */
export interface TextEdit {
  file: string;
  range: Range;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix a "fix all" action applies. */
  isPreferred?: boolean;
}
