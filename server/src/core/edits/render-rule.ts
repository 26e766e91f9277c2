import { DEFAULT_STYLE, echo, emitSeqItems, plain, type YamlMap, type YamlStyle } from '../emit/yaml-document';
import type { PolicyRule, Subject } from '../rbac/types';

export { flowList } from '../emit/yaml-scalar';

/**
 * A rule as a block-sequence item. `itemIndent` is the text before `- ` on the rules' lines, so the new
 * item lines up with its siblings.
 */
export function renderRuleItem(rule: PolicyRule, itemIndent: string, style: YamlStyle = DEFAULT_STYLE): string {
  const { apiGroups, resources, resourceNames, nonResourceURLs, verbs } = rule;
  return emitSeqItems([{ apiGroups, resources, resourceNames, nonResourceURLs, verbs }], itemIndent, style);
}

/** A subject as a block-sequence item, for quick-fixes that echo names from the user's files. */
export function renderSubjectItem(subject: Subject, indent = '', style: YamlStyle = DEFAULT_STYLE): string {
  const item = subjectItem(subject);
  return emitSeqItems([item], indent, style);
}

/** A subject as a mapping of a new document, names echoed from the user's files. */
export function subjectItem(subject: Subject): YamlMap {
  return subject.kind === 'ServiceAccount'
    ? { kind: plain('ServiceAccount'), name: echo(subject.name), namespace: subject.namespace === undefined ? undefined : echo(subject.namespace) }
    : { kind: echo(subject.kind), name: echo(subject.name), apiGroup: plain('rbac.authorization.k8s.io') };
}
