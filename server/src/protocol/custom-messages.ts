/**
 * Custom requests between the extension and the language server, declared once with their types.
 * Self-contained on purpose: the client compiles this file without the server's core.
 */

export interface Pos { line: number; character: number }
export interface Rng { start: Pos; end: Pos }
export interface FileEdit { file: string; range: Rng; newText: string }

/** `rbacDoctor/forbidden`: parse a pasted 403 and propose RBAC changes. */
export const ForbiddenRequest = 'rbacDoctor/forbidden';
export interface ForbiddenParams { text: string; options?: { resourceNames?: boolean; companions?: boolean } }
export interface ForbiddenSuggestion {
  title: string;
  /** `edit`: changes to files of the workspace; `new`: a new YAML document. */
  kind: 'edit' | 'new';
  detail?: string;
  yaml?: string;
  edits?: FileEdit[];
  /** Where a new file would best be saved (next to the subject's manifests). */
  suggestedPath?: string;
}
export interface ForbiddenDenialSummary {
  rbac: boolean;
  kind: string;
  summary: string;
  explanation?: string;
}
export interface ForbiddenResult {
  denials: ForbiddenDenialSummary[];
  suggestions: ForbiddenSuggestion[];
}

/** `rbacDoctor/canI`: may a subject do something, per the workspace's manifests. */
export const CanIRequest = 'rbacDoctor/canI';
export interface CanIParams { user: string; groups?: string[]; verb: string; resource: string; namespace?: string; subresource?: string }
export interface ChainStep { text: string; file?: string; line?: number }
export interface CanIResult { allowed: boolean; chain: ChainStep[]; warnings: string[] }

/** `rbacDoctor/whoCan`: every subject that may do something. */
export const WhoCanRequest = 'rbacDoctor/whoCan';
export interface WhoCanParams { verb: string; resource: string; namespace?: string; subresource?: string }
export interface WhoCanEntry { subject: string; kind: string; via: ChainStep[] }
export interface WhoCanResult { subjects: WhoCanEntry[]; warnings: string[] }

/** `rbacDoctor/effectivePermissions`: a subject's rules, as Markdown (resources × verbs per namespace). */
export const EffectivePermissionsRequest = 'rbacDoctor/effectivePermissions';
export interface EffectivePermissionsParams { uri: string; position: Pos }
export interface EffectivePermissionsResult { subject?: string; markdown: string }
