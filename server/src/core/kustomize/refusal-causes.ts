import type { BuildNote } from './types';

/**
 * The refusals to say, each with its cause (itself when it is one). kubectl stops a build at its first refusal, and every build
 * that includes a refused one fails with the same error: a diamond 22 deep would repeat it at every entry
 * of every level. Said instead: where kubectl stops (a refusal not repeated from an included build, the
 * first of its kustomization), and, for a refused build no other kustomization includes (the one a user
 * builds), its first entry that leads there, naming the cause.
 */
export function refusalsToSay(notes: readonly BuildNote[]): Map<BuildNote, BuildNote> {
  const refused = notes.filter((n) => n.refused);
  const firstCause = new Map<string, BuildNote>();
  const firstRepeat = new Map<string, BuildNote>();
  const included = new Set<string>();
  for (const note of refused) {
    if (note.via) {
      included.add(note.via);
      if (!firstRepeat.has(note.file)) firstRepeat.set(note.file, note);
    } else if (!firstCause.has(note.file)) firstCause.set(note.file, note);
  }
  const causeOf = (file: string): BuildNote | undefined => {
    const seen = new Set<string>();
    for (let at: string | undefined = file; at !== undefined && !seen.has(at); at = firstRepeat.get(at)?.via) {
      seen.add(at);
      const cause = firstCause.get(at);
      if (cause) return cause;
    }
    return undefined;
  };
  const said = new Map<BuildNote, BuildNote>();
  for (const cause of firstCause.values()) said.set(cause, cause);
  for (const [file, repeat] of firstRepeat) {
    if (firstCause.has(file) || included.has(file)) continue;
    said.set(repeat, causeOf(repeat.via!) ?? repeat);
  }
  return said;
}
