import { VERB_MEANINGS } from '../catalog/verbs';
import { splitResource } from '../catalog/catalog';
import type { CheckContext } from '../checks/check';
import { nodeRange } from '../model/locate';
import { describeBuild } from '../kustomize/describe-build';
import { nodeAt } from '../model/node-at';
import { offsetsToRange, positionToOffset } from '../model/positions';
import { describeTemplatedValue, templatedAt } from '../helm/read/describe-template-value';
import type { K8sObject, Position, Range, RoleObject, SourceFile } from '../model/types';
import { indexOf, type PolicyIndex } from '../rbac/policy-index';
import type { PolicyRule } from '../rbac/types';
import { describeRule } from './describe-rule';
import { permissionsMarkdown, roleMarkdown } from './permissions-markdown';

export interface HoverResult {
  markdown: string;
  range?: Range;
}

export function policyIndexOf(context: CheckContext): PolicyIndex {
  return indexOf(context.policy);
}

/** What the cursor is on, explained in short, exact Markdown; for an object of a kustomize build, what the build makes of it first. */
export function hoverAt(context: CheckContext, file: SourceFile, position: Position): HoverResult | undefined {
  const template = file.helm ? templateHover(context, file, position) : undefined;
  const at = nodeAt(file, position);
  if (!at?.object || !at.node) return template;
  const explained = joinHovers(template, explainAt(context, file, at));
  const build = describeBuild(at.object, at.path);
  if (!build) return explained;
  return { markdown: explained ? `${build}\n\n${explained.markdown}` : build, range: explained?.range ?? nodeRange(file, at.doc, at.node) };
}

/** A chart template's templated value: what it evaluates to and from where (core/helm). */
function templateHover(context: CheckContext, file: SourceFile, position: Position): HoverResult | undefined {
  const offset = positionToOffset(file.lineStarts, position, file.text.length);
  const markdown = describeTemplatedValue(context.model, file, offset);
  const scalar = markdown ? templatedAt(file, offset) : undefined;
  return markdown && scalar ? { markdown, range: offsetsToRange(file.lineStarts, scalar.start, scalar.end) } : undefined;
}

function joinHovers(first: HoverResult | undefined, second: HoverResult | undefined): HoverResult | undefined {
  if (!first || !second) return first ?? second;
  return { markdown: `${first.markdown}\n\n${second.markdown}`, range: second.range ?? first.range };
}

function explainAt(context: CheckContext, file: SourceFile, at: NonNullable<ReturnType<typeof nodeAt>>): HoverResult | undefined {
  if (!at.object || !at.node) return undefined;
  const object = at.object;
  const range = nodeRange(file, at.doc, at.node);
  const [head, ruleIndex, field, itemIndex] = at.path;
  if ((object.kind === 'Role' || object.kind === 'ClusterRole') && head === 'rules' && typeof ruleIndex === 'number') {
    const rule = object.rules[ruleIndex];
    if (!rule) return undefined;
    const markdown = ruleHover(context, object, rule, field, typeof itemIndex === 'number' ? itemIndex : undefined);
    return markdown ? { markdown, range } : undefined;
  }
  const path = at.path.join('.');
  if (path === 'metadata.name' && (object.kind === 'Role' || object.kind === 'ClusterRole')) {
    return { markdown: roleMarkdown(context, policyIndexOf(context), object.kind, object.name, namespaceOf(object)), range };
  }
  if ((object.kind === 'RoleBinding' || object.kind === 'ClusterRoleBinding') && head === 'roleRef') {
    return { markdown: roleMarkdown(context, policyIndexOf(context), object.roleRef.kind, object.roleRef.name, namespaceOf(object)), range };
  }
  if ((object.kind === 'RoleBinding' || object.kind === 'ClusterRoleBinding') && head === 'subjects' && typeof ruleIndex === 'number') {
    const subject = object.subjects[ruleIndex];
    if (!subject) return undefined;
    const ns = subject.kind === 'ServiceAccount' ? subject.namespace || namespaceOf(object) : namespaceOf(object);
    return { markdown: permissionsMarkdown(context, policyIndexOf(context), subject, ns), range };
  }
  if ('podSpecNode' in object && (at.path.includes('serviceAccountName') || at.path.includes('serviceAccount'))) {
    const ns = namespaceOf(object);
    return { markdown: permissionsMarkdown(context, policyIndexOf(context), { kind: 'ServiceAccount', name: object.serviceAccountName ?? 'default', namespace: ns }, ns), range };
  }
  if (path === 'metadata.name' && object.kind === 'ServiceAccount') {
    const ns = namespaceOf(object);
    return { markdown: permissionsMarkdown(context, policyIndexOf(context), { kind: 'ServiceAccount', name: object.name, namespace: ns }, ns), range };
  }
  return undefined;
}

function namespaceOf(object: K8sObject): string | undefined {
  return object.namespace?.value;
}

function ruleHover(context: CheckContext, role: RoleObject, rule: PolicyRule, field: string | number | undefined, item: number | undefined): string | undefined {
  const scope = role.kind === 'Role' ? `in namespace ${role.namespace?.value ?? '(unset)'}` : 'in every namespace where it is bound (everywhere, with a ClusterRoleBinding)';
  const sentence = `This rule ${describeRule(rule, context.catalog, scope)}.`;
  if (field === 'verbs' && item !== undefined) return verbHover(context, rule, rule.verbs[item]);
  if (field === 'resources' && item !== undefined) return resourceHover(context, rule, (rule.resources ?? [])[item]);
  if (field === 'apiGroups' && item !== undefined) return groupHover(context, rule, (rule.apiGroups ?? [])[item]);
  return sentence;
}

function verbHover(context: CheckContext, rule: PolicyRule, verb: string | undefined): string | undefined {
  if (verb === undefined) return undefined;
  const meaning = VERB_MEANINGS[verb];
  const lines = [`**${verb}** — ${meaning ?? 'not a verb Kubernetes checks (RBAC compares verbs as exact, case-sensitive strings)'}`];
  for (const resource of rule.resources ?? []) {
    const [base, sub] = splitResource(resource);
    for (const group of rule.apiGroups ?? []) {
      const verbs = context.catalog.verbsOf(group, base, sub);
      if (verbs && verb !== '*' && !verbs.includes(verb)) lines.push(`- \`${resource}\` does not support \`${verb}\` (it supports ${verbs.join(', ')})`);
    }
    if (base === 'secrets' && (verb === 'list' || verb === 'watch' || verb === '*')) lines.push('- on `secrets`, this returns every Secret\'s data, not just names');
  }
  return lines.join('\n');
}

function resourceHover(context: CheckContext, rule: PolicyRule, resource: string | undefined): string | undefined {
  if (resource === undefined) return undefined;
  if (resource === '*') return '**\\*** — every resource of the listed groups, including subresources and resources added later';
  const [base, sub] = splitResource(resource);
  const groups = rule.apiGroups ?? [];
  const found = groups.map((g) => context.catalog.lookup(g, base)).filter((i) => i !== undefined);
  if (found.length === 0) {
    const serving = context.catalog.groupsServing(base);
    const suggestion = context.catalog.suggest(groups, resource);
    if (serving.length) return `**${resource}** is not served by ${groups.map((g) => `\`${g === '' ? '""' : g}\``).join(', ')}; it lives in ${serving.map((g) => `\`${g === '' ? '""' : g}\``).join(', ')}.`;
    const where = context.cluster ? `, the workspace's CRDs or cluster ${context.cluster.context} define` : ' or the workspace\'s CRDs define';
    return `**${resource}** is not a resource Kubernetes${where}${suggestion ? `; did you mean \`${suggestion.resource}\`?` : '.'}`;
  }
  return found.map((info) => {
    const subs = Object.keys(info!.subresources);
    return [
      `**${info!.resource}${sub ? `/${sub}` : ''}** — ${info!.kind} in \`${info!.group === '' ? 'core ("")' : info!.group}\`, versions ${info!.versions.join(', ')}`,
      `- ${info!.namespaced ? 'namespaced' : 'cluster-scoped (a Role cannot grant it)'}`,
      info!.source === 'cluster' ? `- served by cluster ${context.cluster?.context ?? ''} (from its discovery)` : '',
      subs.length ? `- subresources: ${subs.join(', ')} (each needs its own rule entry, e.g. \`${info!.resource}/${subs[0]}\`)` : '',
    ].filter(Boolean).join('\n');
  }).join('\n\n');
}

function groupHover(context: CheckContext, rule: PolicyRule, group: string | undefined): string | undefined {
  if (group === undefined) return undefined;
  const label = group === '' ? 'the core group ("")' : group === '*' ? 'every API group' : `\`${group}\``;
  if (group === '*') return `**${label}**`;
  const served = (rule.resources ?? []).filter((r) => r === '*' || context.catalog.lookup(group, splitResource(r)[0]));
  return `**${label}** serves ${served.length ? served.map((r) => `\`${r}\``).join(', ') : 'none'} of this rule's resources`;
}
