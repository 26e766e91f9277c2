import { splitResource, type ResourceCatalog } from '../catalog/catalog';
import { KNOWN_VERBS, VERB_INTENTS } from '../catalog/verbs';
import type { CheckContext } from '../checks/check';
import { suggestVerb } from '../checks/rules/rbac001-unknown-verb';
import { effectiveRules } from '../rbac/effective-permissions';
import type { PolicyIndex } from '../rbac/policy-index';
import { identityOf, subjectUserName } from '../rbac/subjects';
import type { Origin, PolicyRule, RbacBinding, Subject } from '../rbac/types';
import { whyNoPermissions } from './why-no-permissions';

function link(origin: Origin, text: string): string {
  if (origin.source === 'builtin') return `${text} *(default${origin.cluster ? `, live from cluster ${origin.cluster}` : ''})*`;
  if (origin.cluster) return `${text} *(live from cluster ${origin.cluster})*`;
  return origin.file ? `[${text}](file://${encodeURI(origin.file)}#L${(origin.line ?? 0) + 1})` : text;
}

/**
 * One rule as a table row: its resources and verbs. A resource no listed group serves (`deployments` in
 * `""`: what RBAC002 and RBAC003 report) is marked ⚠ and not listed as granted; a rule with no resource
 * left grants nothing. Only groups whose every resource the catalog knows are judged.
 */
export function ruleRow(rule: PolicyRule, catalog?: ResourceCatalog): string {
  const names = rule.resourceNames?.length ? ` named ${rule.resourceNames.join(', ')}` : '';
  if (rule.nonResourceURLs?.length) return row(`${rule.nonResourceURLs.join(', ')}${names}`, verbsCell(rule));
  const groups = rule.apiGroups ?? [];
  const groupText = groups.map((g) => (g === '' ? '""' : g)).join(', ');
  const resources = rule.resources ?? [];
  const invalid = catalog ? resources.filter((r) => notServed(catalog, groups, r)) : [];
  const valid = resources.filter((r) => !invalid.includes(r));
  const what = [
    ...(valid.length ? [`${valid.join(', ')} (${groupText})${names}`] : []),
    ...invalid.map((r) => `⚠ \`${r}\` not served by ${groupText}`),
  ].join('; ');
  return row(what, valid.length ? verbsCell(rule) : 'none: no resource of this rule exists');
}

/** A table row whose cells cannot break the table: `|` and line breaks in user text are escaped. */
function row(...cells: string[]): string {
  return `| ${cells.map((c) => c.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ')).join(' | ')} |`;
}

function notServed(catalog: ResourceCatalog, groups: string[], resource: string): boolean {
  const [base] = splitResource(resource);
  if (base === '*' || groups.length === 0 || groups.includes('*')) return false;
  if (!groups.every((g) => catalog.isKnownGroup(g) && catalog.listsAllResourcesOf(g))) return false;
  return !groups.some((g) => catalog.isKnownResource(g, resource));
}

/**
 * The verbs a rule grants, with a misspelt or made-up verb (`lsit`, `GET`, `read`: what RBAC001 reports)
 * marked rather than listed as granted: no request ever matches it. Verbs of non-resource URLs are HTTP
 * methods and are listed as written.
 */
function verbsCell(rule: PolicyRule): string {
  if (rule.nonResourceURLs?.length) return rule.verbs.join(', ');
  const mistaken = (verb: string) => !KNOWN_VERBS.includes(verb) && (suggestVerb(verb) !== undefined || verb.toLowerCase() in VERB_INTENTS);
  const granted = rule.verbs.filter((v) => !mistaken(v));
  const marked = rule.verbs.filter(mistaken).map((v) => `⚠ \`${v}\` not a verb Kubernetes checks`);
  return [...(granted.length ? [granted.join(', ')] : []), ...marked].join('; ');
}

/** A role's effective rules (aggregation included) and who is bound to it. */
export function roleMarkdown(context: CheckContext, index: PolicyIndex, kind: string, name: string, namespace: string | undefined): string {
  const role = kind === 'Role' || kind === 'ClusterRole' ? index.getRole(kind, name, namespace) : undefined;
  if (!role) return `**${kind} ${name}** is not defined in the workspace${context.builtinPolicy.roles.length ? ' nor among the default roles' : ''}${context.cluster ? ` nor in cluster ${context.cluster.context}` : ''}.`;
  const rules = index.rulesOf(role);
  const source = [
    role.origin.source === 'builtin' ? ' — default role of Kubernetes' : '',
    role.origin.cluster ? ` — live from cluster ${role.origin.cluster}` : '',
  ].join('');
  const aggregated = role.aggregationRule ? `\n\nAggregated from every ClusterRole matching ${JSON.stringify(role.aggregationRule.clusterRoleSelectors)}.` : '';
  const row = (rule: PolicyRule) => {
    const undecided = index.undecidedRule(rule) ?? (role.undecided?.object ? { why: `${role.kind} ${role.name} ${role.undecided.object}` } : undefined);
    return undecided ? `${ruleRow(rule, context.catalog).slice(0, -1)} *(might: ${undecided.why})* |` : ruleRow(rule, context.catalog);
  };
  const table = rules.length ? `\n\n| resources | verbs |\n|---|---|\n${rules.slice(0, 40).map(row).join('\n')}${rules.length > 40 ? `\n| … ${rules.length - 40} more | |` : ''}` : '\n\nNo rules: it grants nothing.';
  const bindings = index.bindingsOfRole(role);
  const bound = bindings.length
    ? `\n\nBound by ${bindings.map((b) => link(b.origin, `${b.kind} ${b.namespace ? `${b.namespace}/` : ''}${b.name}`)).join(', ')}`
    : '\n\nBound by nothing.';
  return `**${role.kind} ${role.namespace ? `${role.namespace}/` : ''}${role.name}**${source}${aggregated}${table}${bound}`;
}

const EVERYONE = new Set(['system:authenticated', 'system:unauthenticated', 'system:serviceaccounts']);

/** Default bindings that give every authenticated user discovery and self-review: shown as one note, not rules. */
export function isEveryonesDefault(binding: RbacBinding): boolean {
  return binding.origin.source === 'builtin' && binding.subjects.every((s) => s.kind === 'Group' && EVERYONE.has(s.name));
}

/** A subject's effective permissions in a namespace: the union over all bindings, cluster-wide grants marked. */
export function permissionsMarkdown(context: CheckContext, index: PolicyIndex, subject: Subject, namespace: string | undefined): string {
  const title = subject.kind === 'ServiceAccount' ? `ServiceAccount ${subject.namespace ?? namespace}/${subject.name}` : `${subject.kind} ${subject.name}`;
  if (subject.kind === 'Group') {
    const bindings = index.bindingsOfGroup(subject.name);
    return `**${title}**\n\nBound by ${bindings.map((b) => link(b.origin, `${b.kind} ${b.name}`)).join(', ') || 'nothing'}.`;
  }
  const user = identityOf(subjectUserName(subject, namespace));
  const rules = effectiveRules(index, user, namespace).filter((r) => !isEveryonesDefault(r.binding));
  if (rules.length === 0) {
    const why = whyNoPermissions(context, index, subject.kind === 'ServiceAccount' ? { ...subject, namespace: subject.namespace ?? namespace } : subject, namespace);
    return `**${title}**${namespace ? ` in \`${namespace}\`` : ''}: no permissions from these manifests, because${why.length === 1 ? ` ${why[0]}.` : `:\n${why.map((w) => `\n- ${w}`).join('')}`}`;
  }
  const rows = rules.slice(0, 40).map(({ rule, binding, role, clusterWide, undecided }) =>
    `${ruleRow(rule, context.catalog).slice(0, -1)}| ${link(binding.origin, `${binding.kind} ${binding.name}`)} → ${role.kind} ${role.name}${clusterWide ? ' *(cluster-wide)*' : ''}${undecided ? ` **might, not known**: ${undecided.why}` : ''} |`);
  const more = rules.length > 40 ? `\n\n… and ${rules.length - 40} more rules.` : '';
  const might = rules.filter((r) => r.undecided).length;
  return `**${title}**${namespace ? ` in \`${namespace}\`` : ''}: ${rules.length - might} rule(s)${might ? ` + ${might} that might be held (not known: a chart renders them only under a condition that could not be decided)` : ''}\n\n| resources | verbs | granted by |\n|---|---|---|\n${rows.join('\n')}${more}\n\nPlus what every authenticated user may do (API discovery, self reviews).`;
}

