import { type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { splitResource, type ResourceCatalog } from '../catalog/catalog';
import { isKnownVerb, VERB_INTENTS } from '../catalog/verbs';
import { suggestVerb } from '../checks/rules/rbac001-unknown-verb';
import { stripVersion } from '../checks/rules/rbac004-version-in-api-groups';
import { appendToSeq, replaceScalar } from '../edits/yaml-edits';
import type { TextEdit } from '../edits/types';
import type { RoleObject, SourceFile } from '../model/types';
import { mapItems, scalarString, seqAt, stringListAt } from '../model/yaml-nodes';
import type { PolicyRule } from '../rbac/types';

/** What a repair changes, for titles: `pods/logs` → `pods/log`. */
export interface EntryChange {
  field: 'apiGroups' | 'resources' | 'verbs';
  from: string;
  to: string;
}

/** Edits that make an existing rule of a role grant `rule` by correcting its misspelt entries. */
export interface NearMissRepair {
  ruleIndex: number;
  changes: EntryChange[];
  /** Verbs of `rule` the repaired rule still lacks, appended to its verbs. */
  addedVerbs: string[];
  edits: TextEdit[];
}

interface Item { node: Node; value: string }
type Verdict = { kind: 'match' } | { kind: 'near'; item: Item } | { kind: 'miss' };

/**
 * The rule of `role` that was meant to grant `rule` (one group, one resource) but never matches
 * because of a near miss: a resource typo (`pods/logs` for `pods/log`, `Deployment`), a wrong group
 * (`""` or `core` for `apps`), or a misspelt verb (`lsit`, `read`). The repair changes those entries
 * instead of adding a second rule. Undefined when no rule comes that close. Pure: reads the role's
 * parsed YAML and the catalog, writes nothing.
 */
export function repairNearMiss(file: SourceFile, role: RoleObject, rule: PolicyRule, catalog: ResourceCatalog): NearMissRepair | undefined {
  if (!role.doc.yaml || rule.nonResourceURLs || rule.apiGroups?.length !== 1 || rule.resources?.length !== 1) return undefined;
  const [group] = rule.apiGroups;
  const [resource] = rule.resources;
  const rules = mapItems(seqAt(role.node, 'rules'));
  for (let ruleIndex = 0; ruleIndex < rules.length; ruleIndex++) {
    const node = rules[ruleIndex];
    if (seqAt(node, 'nonResourceURLs') || !sameNames(stringListAt(node, 'resourceNames'), rule.resourceNames)) continue;
    const groups = items(seqAt(node, 'apiGroups'));
    const resources = items(seqAt(node, 'resources'));
    const verbs = items(seqAt(node, 'verbs'));
    const resourceVerdict = judgeResource(catalog, groups, resources, group, resource);
    const groupVerdict = judgeGroup(catalog, groups, resources, group, resource, resourceVerdict);
    if (resourceVerdict.kind === 'miss' || groupVerdict.kind === 'miss') continue;
    const verbVerdicts = rule.verbs.map((verb) => ({ verb, verdict: judgeVerb(verbs, verb) }));
    const nearVerbs = verbVerdicts.filter((v) => v.verdict.kind === 'near');
    if (resourceVerdict.kind !== 'near' && groupVerdict.kind !== 'near' && nearVerbs.length === 0) continue;
    return buildRepair(file, role, node, ruleIndex, { groupVerdict, resourceVerdict, group, resource, verbVerdicts });
  }
  return undefined;
}

function buildRepair(
  file: SourceFile, role: RoleObject, node: YAMLMap, ruleIndex: number,
  found: { groupVerdict: Verdict; resourceVerdict: Verdict; group: string; resource: string; verbVerdicts: { verb: string; verdict: Verdict }[] },
): NearMissRepair {
  const changes: EntryChange[] = [];
  const edits: TextEdit[] = [];
  const change = (field: EntryChange['field'], item: Item, to: string) => {
    changes.push({ field, from: item.value, to });
    edits.push(replaceScalar(file, role.doc, item.node, to));
  };
  if (found.groupVerdict.kind === 'near') change('apiGroups', found.groupVerdict.item, found.group);
  if (found.resourceVerdict.kind === 'near') change('resources', found.resourceVerdict.item, found.resource);
  const replaced = new Set<Node>();
  for (const { verb, verdict } of found.verbVerdicts) {
    // One misspelt entry (`read`) can stand for several verbs: it is replaced once, the rest appended.
    if (verdict.kind === 'near' && !replaced.has(verdict.item.node)) {
      replaced.add(verdict.item.node);
      change('verbs', verdict.item, verb);
    }
  }
  const repairedVerbs = new Set(changes.filter((c) => c.field === 'verbs').map((c) => c.to));
  const addedVerbs = found.verbVerdicts.filter((v) => v.verdict.kind !== 'match' && !repairedVerbs.has(v.verb)).map((v) => v.verb);
  const verbsSeq = seqAt(node, 'verbs');
  if (addedVerbs.length && verbsSeq) edits.push(appendToSeq(file, role.doc, verbsSeq, addedVerbs));
  return { ruleIndex, changes, addedVerbs, edits };
}

function items(seq: YAMLSeq | undefined): Item[] {
  const out: Item[] = [];
  for (const node of seq?.items ?? []) {
    const value = scalarString(node);
    if (value !== undefined) out.push({ node: node as Node, value });
  }
  return out;
}

function sameNames(written: string[] | undefined, wanted: string[] | undefined): boolean {
  return JSON.stringify([...(written ?? [])].sort()) === JSON.stringify([...(wanted ?? [])].sort());
}

/** The resource entry: listed (or `*`, `*` + `/sub`), or written so that the checks would correct it to `resource`. */
function judgeResource(catalog: ResourceCatalog, groups: Item[], resources: Item[], group: string, resource: string): Verdict {
  const [, sub] = splitResource(resource);
  if (resources.some((r) => r.value === resource || r.value === '*' || (sub !== undefined && r.value === `*/${sub}`))) return { kind: 'match' };
  const written = groups.map((g) => g.value);
  for (const item of resources) {
    const meant = catalog.suggest([...written, group], item.value);
    if (meant?.resource === resource && meant.group === group) return { kind: 'near', item };
  }
  return { kind: 'miss' };
}

/**
 * The group entry: listed (or `*`), or a near miss: a version inside it (`apps/v1`), `core` for the
 * core group, or the one group of a rule whose resource that group does not serve (`""` for deployments).
 */
function judgeGroup(catalog: ResourceCatalog, groups: Item[], resources: Item[], group: string, resource: string, resourceVerdict: Verdict): Verdict {
  if (groups.some((g) => g.value === group || g.value === '*')) return { kind: 'match' };
  const spelled = groups.find((g) => stripVersion(g.value) === group || (g.value === 'core' && group === ''));
  if (spelled) return { kind: 'near', item: spelled };
  if (groups.length !== 1) return { kind: 'miss' };
  // The one group may change only when it serves none of the rule's other resources.
  const [base] = splitResource(resource);
  const others = resources.filter((r) => r.value !== resource && !(resourceVerdict.kind === 'near' && r === resourceVerdict.item));
  const servesOthers = others.some((r) => r.value === '*' || catalog.lookup(groups[0].value, splitResource(r.value)[0]));
  const servesResource = catalog.lookup(groups[0].value, base) !== undefined;
  return !servesResource && !servesOthers && catalog.lookup(group, base) ? { kind: 'near', item: groups[0] } : { kind: 'miss' };
}

/** The verb entry: listed (or `*`), misspelt (`lsit`, `GET`), or a word for verbs (`read`); else missing. */
function judgeVerb(verbs: Item[], verb: string): Verdict {
  if (verbs.some((v) => v.value === verb || v.value === '*')) return { kind: 'match' };
  // A real verb that is not the requested one is a different grant, never a misspelling.
  const item = verbs.find((v) => !isKnownVerb(v.value) && suggestVerb(v.value) === verb || VERB_INTENTS[v.value.toLowerCase()]?.includes(verb));
  return item ? { kind: 'near', item } : { kind: 'miss' };
}
