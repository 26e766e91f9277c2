import { emitDocuments, plain, type YamlDocument } from '../emit/yaml-document';
import { renderGrant, ruleMap, subjectMap } from '../fix-forbidden/render-grant';
import type { Subject } from '../rbac/types';
import type { NewBinding, NewRole, SubjectChange } from './types';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

function roleDocument(role: NewRole, comments?: string[]): YamlDocument {
  return {
    comments,
    body: { apiVersion: plain(`${RBAC_GROUP}/v1`), kind: plain(role.kind), metadata: { name: role.name, namespace: role.namespace }, rules: role.rules.map(ruleMap) },
  };
}

function bindingDocument(binding: NewBinding, subject: Subject): YamlDocument {
  return {
    body: {
      apiVersion: plain(`${RBAC_GROUP}/v1`), kind: plain(binding.kind), metadata: { name: binding.name, namespace: binding.namespace },
      roleRef: { apiGroup: plain(RBAC_GROUP), kind: plain(binding.roleRef.kind), name: binding.roleRef.name },
      subjects: [subjectMap(subject)],
    },
  };
}

/** The new objects of a subject's change as one multi-document YAML text (empty when it only edits roles). */
export function renderChange(change: SubjectChange): string {
  if (change.single) return renderGrant(change.single, change.roles[0]?.name);
  if (change.roles.length === 0) return '';
  const documents: YamlDocument[] = [];
  const header = [
    `Everything ${describeSubject(change.subject)} was denied, and nothing more. Verify after applying:`,
    ...change.verify.map((command) => `  ${command}`),
    ...change.notes,
  ];
  change.roles.forEach((role, i) => {
    documents.push(roleDocument(role, i === 0 ? header : undefined));
    for (const binding of change.bindings) {
      if (binding.roleRef.kind === role.kind && binding.roleRef.name === role.name) documents.push(bindingDocument(binding, change.subject));
    }
  });
  return emitDocuments(documents);
}

export function describeSubject(subject: Subject): string {
  return subject.kind === 'ServiceAccount' ? `ServiceAccount ${subject.namespace}/${subject.name}` : `User ${subject.name}`;
}
