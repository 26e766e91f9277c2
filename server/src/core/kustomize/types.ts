import type { K8sObject, SourceDocument } from '../model/types';

/** Plain data as YAML reads it (what kustomize transforms). */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonMap = { [key: string]: Json };

/** What identifies a resource in a build: kustomize's ResId (version is not part of matching here). */
export interface ResId {
  group: string;
  kind: string;
  name: string;
  /** '' when the object has none. */
  namespace: string;
}

/** One resource flowing through a build: its data, where it was written, and the ids it had before. */
export interface Resource {
  data: JsonMap;
  origin: { doc: SourceDocument; object?: K8sObject; listIndex?: number };
  /** The id as written, before any transformer ran. */
  original: ResId;
  /** Every id the resource had before a transformer renamed or moved it (kustomize's previous ids). */
  previous: ResId[];
  /** The prefixes and suffixes added to its name, innermost first (kustomize compares them to pick a referral). */
  prefixes: string[];
  suffixes: string[];
  /** The files whose patches changed it (normalised; an inline patch's is its kustomization's), '*' for one not known. */
  patchedIn?: string[];
}

/** kustomize's target selector of patches and transformers. Name and namespace are anchored regular expressions. */
export interface Selector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

export type Patch =
  | { type: 'strategic-merge'; documents: JsonMap[]; target?: Selector; source: string }
  | { type: 'json6902'; operations: Json[]; target?: Selector; source: string };

/** A `nameReference` entry: fields of other kinds that hold the name of an object of `kind`. */
export interface NameReference {
  kind: string;
  group?: string;
  fieldSpecs: FieldSpec[];
}

export interface FieldSpec {
  path: string;
  kind?: string;
  group?: string;
}

/** Something a build could not read or apply: said to the user, never silently dropped. */
export interface BuildNote {
  /** The kustomization file that asked for it. */
  file: string;
  /** The key of the kustomization (`resources`, `configMapGenerator`…) and the entry, to point at. */
  field: string;
  entry?: string;
  message: string;
  /** kubectl refuses the build for this (load restrictor, cycle): nothing of the build counts. */
  refused?: boolean;
  /** A refusal repeated from the kustomization (file) this entry includes: kubectl stopped there, not here. */
  via?: string;
}
