import { VERB_MEANINGS } from '../catalog/verbs';
import { splitResource } from '../catalog/catalog';
import type { CheckContext } from '../checks/check';
import { nodeRange } from '../model/locate';
import { describeBuild } from '../kustomize/describe-build';
import { nodeAt } from '../model/node-at';
import { offsetsToRange, positionToOffset } from '../model/positions';
import { describeTemplatedValue, templatedAt } from '../helm/read/describe-template-value';
import type { BindingObject, K8sObject, Position, Range, RoleObject, SourceFile } from '../model/types';
import { nearest } from '../catalog/suggest';
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
    const index = policyIndexOf(context);
    const { kind, name } = object.roleRef;
    const found = (kind === 'Role' || kind === 'ClusterRole') && index.getRole(kind, name, object.kind === 'RoleBinding' ? namespaceOf(object) : undefined);
    return { markdown: found ? roleMarkdown(context, index, kind, name, namespaceOf(object)) : missingRoleHover(context, index, object), range };
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

/**
 * A roleRef to a role that does not exist: its diagnostic says so; the hover shows what it may have
 * meant instead — the nearest role's rules, the same name in another namespace, or the roles there are.
 */
function missingRoleHover(context: CheckContext, index: PolicyIndex, binding: BindingObject): string {
  const { kind, name } = binding.roleRef;
  if (kind !== 'Role' && kind !== 'ClusterRole') return '`roleRef.kind` is `Role` or `ClusterRole`.';
  const namespace = binding.kind === 'RoleBinding' ? namespaceOf(binding) : undefined;
  const names = index.roleNamesIn(kind, kind === 'Role' ? namespace : undefined);
  const near = nearest(name, names);
  if (near) return `Did you mean this ${kind}?\n\n${roleMarkdown(context, index, kind, near, namespace)}`;
  const elsewhere = kind === 'Role' ? index.rolesNamed('Role', name) : [];
  if (elsewhere.length) return `A RoleBinding uses the Role of its own namespace; this one is in namespace ${elsewhere.map((r) => r.namespace).join(', ')}:\n\n${roleMarkdown(context, index, kind, name, elsewhere[0].namespace)}`;
  const own = names.filter((n) => index.getRole(kind, n, kind === 'Role' ? namespace : undefined)?.origin.source !== 'builtin');
  const place = kind === 'Role' ? `in namespace ${namespace ?? '(unset)'}` : 'in the workspace';
  return own.length ? `${kind}s ${place}: ${own.slice(0, 12).map((n) => `\`${n}\``).join(', ')}${own.length > 12 ? `, … ${own.length - 12} more` : ''}.` : `No ${kind} ${place} yet.`;
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
      // An unknown verb has its diagnostic (RBAC001): the hover lists the verbs there are instead.
      if (verbs && !meaning) lines.push(`- \`${resource}\` supports ${verbs.join(', ')}`);
      else if (verbs && verb !== '*' && !verbs.includes(verb)) lines.push(`- \`${resource}\` does not support \`${verb}\` (it supports ${verbs.join(', ')})`);
    }
    if (base === 'secrets' && (verb === 'list' || verb === 'watch' || verb === '*')) lines.push('- on `secrets`, this returns every Secret\'s data, not just names');
  }
  return lines.join('\n');
}

/**
 * What a resource entry names. An entry no listed group serves has its diagnostic (RBAC002, RBAC003); the
 * hover adds what the diagnostic does not say: the resource it most likely means, described.
 */
function resourceHover(context: CheckContext, rule: PolicyRule, resource: string | undefined): string | undefined {
  if (resource === undefined) return undefined;
  if (resource === '*') return '**\\*** — every resource of the listed groups, including subresources and resources added later';
  const [base, sub] = splitResource(resource);
  const groups = rule.apiGroups ?? [];
  const found = groups.map((g) => context.catalog.lookup(g, base)).filter((i) => i !== undefined);
  if (found.length > 0) return found.map((info) => describeResource(context, info!, sub)).join('\n\n');
  const serving = context.catalog.groupsServing(base).map((g) => context.catalog.lookup(g, base)).filter((i) => i !== undefined);
  if (serving.length) return serving.map((info) => describeResource(context, info!, sub)).join('\n\n');
  const suggestion = context.catalog.suggest(groups, resource);
  const meant = suggestion ? context.catalog.lookup(suggestion.group, splitResource(suggestion.resource)[0]) : undefined;
  if (suggestion && meant) return `Did you mean \`${suggestion.resource}\`?\n\n${describeResource(context, meant, splitResource(suggestion.resource)[1])}`;
  const known = context.cluster ? `Kubernetes, the workspace's CRDs and cluster ${context.cluster.context}` : 'Kubernetes and the workspace\'s CRDs';
  return `**${resource}** — no resource of that name among those ${known} define.`;
}

function describeResource(context: CheckContext, info: NonNullable<ReturnType<CheckContext['catalog']['lookup']>>, sub: string | undefined): string {
  const subs = Object.keys(info.subresources);
  return [
    `**${info.resource}${sub ? `/${sub}` : ''}** — ${info.kind} in \`${info.group === '' ? 'core ("")' : info.group}\`, versions ${info.versions.join(', ')}`,
    `- ${info.namespaced ? 'namespaced' : 'cluster-scoped (a Role cannot grant it)'}`,
    info.source === 'cluster' ? `- served by cluster ${context.cluster?.context ?? ''} (from its discovery)` : '',
    subs.length ? `- subresources: ${subs.join(', ')} (each needs its own rule entry, e.g. \`${info.resource}/${subs[0]}\`)` : '',
  ].filter(Boolean).join('\n');
}

function groupHover(context: CheckContext, rule: PolicyRule, group: string | undefined): string | undefined {
  if (group === undefined) return undefined;
  const label = group === '' ? 'the core group ("")' : group === '*' ? 'every API group' : `\`${group}\``;
  if (group === '*') return `**${label}**`;
  const served = (rule.resources ?? []).filter((r) => r === '*' || context.catalog.lookup(group, splitResource(r)[0]));
  return `**${label}** serves ${served.length ? served.map((r) => `\`${r}\``).join(', ') : 'none'} of this rule's resources`;
}
