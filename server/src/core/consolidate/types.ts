import type { TextEdit } from '../edits/types';
import type { Denial } from '../forbidden/types';
import type { GrantPlan } from '../fix-forbidden/grant-plan';
import type { NextStep } from './client-patterns';
import type { PolicyRule, Subject } from '../rbac/types';

/** A role the change creates. */
export interface NewRole {
  kind: 'Role' | 'ClusterRole';
  name: string;
  namespace?: string;
  rules: PolicyRule[];
}

/** A binding the change creates, of the subject to a new role. */
export interface NewBinding {
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  name: string;
  namespace?: string;
  roleRef: { kind: 'Role' | 'ClusterRole'; name: string };
}

/** A workspace role already bound to the subject, edited once with every rule it lacks. */
export interface RoleEdit {
  kind: 'Role' | 'ClusterRole';
  name: string;
  namespace?: string;
  /** The binding through which the subject holds it. */
  binding: { kind: string; name: string; namespace?: string };
  rules: PolicyRule[];
  edits: TextEdit[];
}

/** Everything one subject lacked in a log, as one least-privilege change. */
export interface SubjectChange {
  subject: Subject;
  /** The user name the API server saw (`system:serviceaccount:NS:NAME` for ServiceAccounts). */
  asUser: string;
  groups: string[];
  /** Indexes of the denials this change lets through, in the list it was built from. */
  denials: number[];
  roles: NewRole[];
  bindings: NewBinding[];
  edits: RoleEdit[];
  /** `kubectl auth can-i …` for each denied request. */
  verify: string[];
  notes: string[];
  /** What known clients (leader election, informers, kubectl) will ask for next: an alternative, not part of the change. */
  next: NextStep[];
  /** A subject with one denial and nothing to edit gets exactly what a single pasted 403 gets. */
  single?: GrantPlan;
}

/** A denial left out of the consolidated change, and why. */
export interface SkippedDenial {
  denial: number;
  reason: string;
  /** The subject may already do it, per the manifests and roles known here. */
  alreadyAllowed?: boolean;
}

export interface Consolidation {
  changes: SubjectChange[];
  skipped: SkippedDenial[];
}

export type { Denial };
