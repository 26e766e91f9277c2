import type { KustomizationObject, SourceFile } from '../model/types';
import type { BuildSource } from './read-patches';
import type { BuildNote, Resource } from './types';

/**
 * What a kustomization's accumulation (or a whole build) read and said: the files and kustomizations it
 * looked up (also those it did not find), its notes, the files it read as patches or transformer input,
 * and the kustomizations it reached. Enough to tell when it is stale and to replay it in another build.
 */
export interface Recording {
  files: Map<string, SourceFile | undefined>;
  kustomizations: Map<string, KustomizationObject | undefined>;
  /** By what they say and where (a note reached along several paths is said once). */
  notes: Map<string, BuildNote>;
  auxiliary: Set<string>;
  reached: Set<string>;
}

export function newRecording(): Recording {
  return { files: new Map(), kustomizations: new Map(), notes: new Map(), auxiliary: new Set(), reached: new Set() };
}

export function mergeRecording(into: Recording, from: Recording): void {
  for (const [path, file] of from.files) into.files.set(path, file);
  for (const [dir, kustomization] of from.kustomizations) into.kustomizations.set(dir, kustomization);
  for (const [key, note] of from.notes) into.notes.set(key, note);
  for (const path of from.auxiliary) into.auxiliary.add(path);
  for (const path of from.reached) into.reached.add(path);
}

/** Still what the workspace holds: every file and kustomization it looked up is the same version (or still missing). */
export function noteKey(note: BuildNote): string {
  return `${note.file}|${note.field}|${note.entry ?? ''}|${note.message}`;
}

export function stillCurrent(recording: Recording, source: BuildSource): boolean {
  for (const [path, file] of recording.files) if (source.file(path) !== file) return false;
  for (const [dir, kustomization] of recording.kustomizations) if (source.kustomizationIn(dir) !== kustomization) return false;
  return true;
}

interface Kept<T> {
  kustomization: KustomizationObject;
  value: T;
  recording: Recording;
}

/**
 * Builds and accumulations kept from one version of the workspace to the next, by kustomization file.
 * One is used again while none of the file versions it read changed (a keystroke elsewhere leaves it
 * alone), so after an edit only what read the edited file is built again. Only what completed without a
 * refusal or a stop is kept: those depend on the way in (cycles) or on the clock (budgets).
 */
export class BuildCache<Accumulation> {
  private accumulations = new Map<string, Kept<Accumulation>>();
  private builds = new Map<string, Kept<Resource[]>>();
  private usedAccumulations = new Map<string, Kept<Accumulation>>();
  private usedBuilds = new Map<string, Kept<Resource[]>>();

  accumulation(kustomization: KustomizationObject, source: BuildSource): Kept<Accumulation> | undefined {
    return this.current(this.accumulations, this.usedAccumulations, kustomization, source);
  }

  build(kustomization: KustomizationObject, source: BuildSource): Kept<Resource[]> | undefined {
    return this.current(this.builds, this.usedBuilds, kustomization, source);
  }

  keepAccumulation(kustomization: KustomizationObject, value: Accumulation, recording: Recording): void {
    this.usedAccumulations.set(kustomization.doc.file, { kustomization, value, recording });
  }

  keepBuild(kustomization: KustomizationObject, value: Resource[], recording: Recording): void {
    this.usedBuilds.set(kustomization.doc.file, { kustomization, value, recording });
  }

  /** Ends one version of the workspace: what it did not use is let go. */
  settle(): void {
    this.accumulations = this.usedAccumulations;
    this.builds = this.usedBuilds;
    this.usedAccumulations = new Map();
    this.usedBuilds = new Map();
  }

  private current<T>(kept: Map<string, Kept<T>>, used: Map<string, Kept<T>>, kustomization: KustomizationObject, source: BuildSource): Kept<T> | undefined {
    const file = kustomization.doc.file;
    const entry = used.get(file) ?? kept.get(file);
    if (!entry || entry.kustomization !== kustomization || !stillCurrent(entry.recording, source)) return undefined;
    used.set(file, entry);
    return entry;
  }
}
