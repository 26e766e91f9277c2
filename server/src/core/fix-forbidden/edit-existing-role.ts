import { isSeq, type YAMLSeq } from 'yaml';
import { appendToSeq, insertAfterLineOf, nodeOffsets } from '../edits/yaml-edits';
import { styleOf } from '../edits/file-style';
import type { TextEdit } from '../edits/types';
import { offsetsToRange } from '../model/positions';
import { mapItems, seqAt, stringListAt } from '../model/yaml-nodes';
import type { RoleObject, SourceFile } from '../model/types';
import type { PolicyRule } from '../rbac/types';
import { renderRules } from './render-grant';

const sameSet = (a: string[] | undefined, b: string[] | undefined) =>
  JSON.stringify([...(a ?? [])].sort()) === JSON.stringify([...(b ?? [])].sort());

/**
 * The smallest edit that makes a role grant `rule` and nothing more: add the missing verbs to a rule
 * with exactly the same groups, resources and names, or else append the rule to `rules`. Undefined when the YAML cannot be
 * edited safely (no parsed document, flow-style rules).
 */
export function editRoleToGrant(file: SourceFile, role: RoleObject, rule: PolicyRule): TextEdit[] | undefined {
  return editRoleToGrantAll(file, role, [rule]);
}

/**
 * The same for several rules at once (distinct groups/resources/names, as compactRules leaves them): verbs
 * added where a rule over exactly the same resources exists, every other rule appended in one edit, so
 * that no two edits touch the same text.
 */
export function editRoleToGrantAll(file: SourceFile, role: RoleObject, rules: PolicyRule[]): TextEdit[] | undefined {
  if (!role.doc.yaml) return undefined;
  const rulesSeq = seqAt(role.node, 'rules');
  const edits: TextEdit[] = [];
  const appended: PolicyRule[] = [];
  for (const rule of rules) {
    const edit = addVerbs(file, role, rulesSeq, rule);
    if (edit === undefined) appended.push(rule);
    else if (edit) edits.push(edit);
  }
  if (appended.length === 0) return edits;
  const append = appendRules(file, role, rulesSeq, appended);
  return append ? [...edits, append] : undefined;
}

/** The edit adding the missing verbs to a rule over exactly the rule's groups, resources and names; null: nothing missing; undefined: no such rule. */
function addVerbs(file: SourceFile, role: RoleObject, rulesSeq: YAMLSeq | undefined, rule: PolicyRule): TextEdit | null | undefined {
  for (const node of mapItems(rulesSeq)) {
    const groups = stringListAt(node, 'apiGroups');
    const resources = stringListAt(node, 'resources');
    const names = stringListAt(node, 'resourceNames');
    if (!sameSet(groups, rule.apiGroups) || !sameSet(names, rule.resourceNames) || seqAt(node, 'nonResourceURLs') || rule.nonResourceURLs) continue;
    // Only a rule over exactly these resources: adding a verb to a rule that also names other resources
    // would grant that verb on them too.
    if (!sameSet(resources, rule.resources)) continue;
    const verbs = node.get('verbs', true);
    if (!isSeq(verbs)) continue;
    const have = stringListAt(node, 'verbs') ?? [];
    const missing = rule.verbs.filter((v) => !have.includes(v));
    if (missing.length === 0) return null;
    return appendToSeq(file, role.doc, verbs as YAMLSeq, missing);
  }
  return undefined;
}

/** One edit appending rules after the last one (or as the first ones of an empty or missing `rules`). */
function appendRules(file: SourceFile, role: RoleObject, rulesSeq: YAMLSeq | undefined, rules: PolicyRule[]): TextEdit | undefined {
  const style = styleOf(file);
  if (rulesSeq && !rulesSeq.flow && rulesSeq.items.length > 0) {
    const first = rulesSeq.items[0] as { range?: [number, number, number] };
    const [firstStart] = nodeOffsets(role.doc, first as never, file.text);
    const lineStart = file.text.lastIndexOf('\n', firstStart - 1) + 1;
    const itemIndent = file.text.slice(lineStart, firstStart).replace(/- $/, '').replace(/-\s*$/, '');
    const last = rulesSeq.items[rulesSeq.items.length - 1] as never;
    return insertAfterLineOf(file, nodeOffsets(role.doc, last, file.text)[1], renderRules(rules, itemIndent, style));
  }
  // Items under a new or empty `rules:` are indented as the file indents its other lists.
  const under = (keyIndent: string) => `${keyIndent}${style.indentSequences ? ' '.repeat(style.indent) : ''}`;
  const pair = role.node.items.find((p) => (p.key as { value?: unknown })?.value === 'rules');
  if (!pair) {
    const end = role.doc.start + (role.node.range?.[1] ?? 0);
    return insertAfterLineOf(file, end, `rules:\n${renderRules(rules, under(''), style)}`);
  }
  if (rulesSeq && rulesSeq.flow && rulesSeq.items.length === 0) {
    const [start, end] = nodeOffsets(role.doc, rulesSeq, file.text);
    const lineStart = file.text.lastIndexOf('\n', start - 1) + 1;
    const keyIndent = /^\s*/.exec(file.text.slice(lineStart, start))?.[0] ?? '';
    return { file: file.path, range: offsetsToRange(file.lineStarts, start, end), newText: `\n${renderRules(rules, under(keyIndent), style)}` };
  }
  return undefined;
}
