import { dirname, join } from 'path';
import type { CheckContext } from '../checks/check';
import { lookupOf, subjectNamespace } from '../model/object-lookup';
import type { BindingObject } from '../model/types';
import type { Subject } from '../rbac/types';

/** Where the YAML generated for one subject goes: its file name, and the workspace file to save it beside. */
export interface AccessFile {
  /** `<subject>-access.yaml`: `checkout-access.yaml` for ServiceAccount shop/checkout, `alice-example-com-access.yaml` for User alice@example.com. */
  fileName: string;
  /** The manifest of a role bound to the subject, else of a binding naming it, else of its ServiceAccount. */
  beside?: string;
  /** `beside`'s folder joined with `fileName`. */
  path?: string;
}

export function accessFileOf(context: CheckContext, subject: Subject): AccessFile {
  const stem = subject.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 200) || 'subject';
  const fileName = `${stem}-access.yaml`;
  const beside = besideFile(context, subject);
  return beside ? { fileName, beside, path: join(dirname(beside), fileName) } : { fileName };
}

function besideFile(context: CheckContext, subject: Subject): string | undefined {
  const lookup = lookupOf(context.index);
  const bindings = subject.kind === 'ServiceAccount'
    ? lookup.bindingsOfServiceAccount(subject.namespace, subject.name)
    : context.index.bindings.filter((b) => b.subjects.some((s) => s.kind === subject.kind && s.name === subject.name));
  const naming = bindings.filter((b) => namesSubject(b, subject));
  for (const binding of naming) {
    const role = lookup.rolesNamed(binding.roleRef.kind as 'Role' | 'ClusterRole', binding.roleRef.name)
      .find((r) => r.kind === 'ClusterRole' || r.namespace?.value === binding.namespace?.value);
    if (role) return role.doc.file;
  }
  if (naming[0]) return naming[0].doc.file;
  return subject.kind === 'ServiceAccount' ? lookup.serviceAccount(subject.namespace, subject.name)?.doc.file : undefined;
}

function namesSubject(binding: BindingObject, subject: Subject): boolean {
  return binding.subjects.some((s) => s.kind === subject.kind && s.name === subject.name
    && (subject.kind !== 'ServiceAccount' || subjectNamespace(binding, s) === subject.namespace));
}
