import { splitResource } from '../../catalog/catalog';
import { LEGACY_PROXY_RESOURCES } from '../../catalog/permission-only';
import { KNOWN_VERBS, STANDARD_VERBS } from '../../catalog/verbs';
import { removeSeqItem, replaceScalar } from '../../edits/yaml-edits';
import type { Fix } from '../../edits/types';
import { checkInfo } from '../check-catalog';
import type { Check } from '../check';
import { finding, judgeableGroups, rangeOfNode, ruleNodes, scalarItems, type RuleNodes } from '../helpers';
import { insertRuleAfter, ruleData } from '../rule-edits';
import { seqAt } from '../../model/yaml-nodes';
import type { Finding } from '../types';

const info = checkInfo('RBAC022')!;

export const rbac022: Check = {
  ...info,
  run(context) {
    const { catalog } = context;
    const findings: Finding[] = [];
    for (const rule of ruleNodes(context)) {
      const groups = judgeableGroups(context, rule);
      if (!groups) continue;
      const resources = scalarItems(rule.fields.resources).map((r) => r.value);
      if (resources.length === 0 || resources.some((r) => r.startsWith('*'))) continue;
      const verbs = scalarItems(rule.fields.verbs);
      for (const verb of verbs) {
        // Custom verbs are checked by their own components; `*` is RBAC101's business.
        if (verb.value === '*' || !KNOWN_VERBS.includes(verb.value)) continue;
        const unsupported = resources.filter((r) => {
          const [base, sub] = splitResource(r);
          const supported = groups.map((g) => catalog.verbsOf(g, base, sub)).filter((v): v is string[] => v !== undefined);
          return supported.length > 0 && supported.every((v) => !v.includes(verb.value));
        });
        // Precision: extra standard verbs next to supported ones are harmless copy-paste; report a verb
        // only when no resource of the rule supports it and it is either a special verb (use,
        // impersonate, bind…) or the rule grants nothing at all on those resources.
        if (unsupported.length !== resources.length) continue;
        const special = !(STANDARD_VERBS as readonly string[]).includes(verb.value);
        const ruleIsDead = unsupported.every((r) => {
          const [base, sub] = splitResource(r);
          return verbs.every((v) => groups.every((g) => !(catalog.verbsOf(g, base, sub) ?? [v.value]).includes(v.value)));
        });
        if (!special && !ruleIsDead) continue;
        if (verb.value === 'proxy' && groups.includes('') && unsupported.some((r) => LEGACY_PROXY_RESOURCES.includes(r))) {
          findings.push(legacyProxyFinding(rule, verb));
          continue;
        }
        const samples = unsupported.map((r) => {
          const [base, sub] = splitResource(r);
          const verbsOf = groups.map((g) => catalog.verbsOf(g, base, sub)).find((v) => v !== undefined)!;
          return `\`${r}\` (supports ${verbsOf.join(', ')})`;
        });
        findings.push(finding(info, rule.file, rangeOfNode(rule.file, rule.role, verb.node),
          `No request ever checks \`${verb.value}\` on ${samples.join(', ')}: this verb grants nothing there.`,
          [{ title: `Remove ${verb.value}`, isPreferred: true, edits: [removeSeqItem(rule.file, rule.role.doc, rule.fields.verbs!, verb.index)] }]));
      }
    }
    return findings;
  },
};

type Item = ReturnType<typeof scalarItems>[number];

/**
 * `proxy` on nodes, services or pods: it only matched the root `/proxy/` paths that Kubernetes 1.10
 * removed (kubernetes/kubernetes PR 59884). The fix grants the subresource with `get`; information
 * when another rule of the role already grants that subresource (the entry is then a leftover).
 */
function legacyProxyFinding(rule: RuleNodes, verb: Item): Finding {
  const resources = scalarItems(rule.fields.resources).map((r) => r.value);
  const legacy = resources.filter((r) => LEGACY_PROXY_RESOURCES.includes(r));
  const target = legacy.map((r) => `${r}/proxy`);
  const present = target.every((t) => grantsSubresourceElsewhere(rule, t));
  const message = `The \`proxy\` verb on ${legacy.map((r) => `\`${r}\``).join(', ')} only matched the \`/proxy/\` paths that Kubernetes 1.10 removed: it grants nothing. ` +
    (present ? `The role already grants ${target.map((t) => `\`${t}\``).join(', ')}, so this entry is a leftover.` : `The working form is the subresource: ${target.map((t) => `\`${t}\``).join(', ')} with \`get\`.`);
  const fixes = present ? [removeVerbFix(rule, verb)].filter((f): f is Fix => f !== undefined) : proxyFixes(rule, verb, legacy);
  const f = finding(info, rule.file, rangeOfNode(rule.file, rule.role, verb.node), message, fixes);
  return present ? { ...f, severity: 'information' } : f;
}

/** Whether another rule lists `sub` (or `*`) in a core-group rule with `get` (names ignored: the entry is judged, not the request). */
function grantsSubresourceElsewhere(rule: RuleNodes, sub: string): boolean {
  return rule.role.rules.some((other, index) => index !== rule.index &&
    (other.apiGroups ?? []).some((g) => g === '' || g === '*') &&
    (other.resources ?? []).some((r) => r === sub || r === '*' || r === `*/proxy`) &&
    other.verbs.some((v) => v === 'get' || v === '*'));
}

/** Drops the leftover: the verb, or the whole rule when `proxy` on these resources is all it holds. */
function removeVerbFix(rule: RuleNodes, verb: Item): Fix | undefined {
  if (scalarItems(rule.fields.verbs).length >= 2) {
    return { title: 'Remove proxy', isPreferred: true, edits: [removeSeqItem(rule.file, rule.role.doc, rule.fields.verbs!, verb.index)] };
  }
  const onlyLegacy = scalarItems(rule.fields.resources).every((r) => LEGACY_PROXY_RESOURCES.includes(r.value));
  const rules = seqAt(rule.role.node, 'rules');
  if (!onlyLegacy || !rules) return undefined;
  return { title: 'Remove this rule (it grants nothing)', isPreferred: true, edits: [removeSeqItem(rule.file, rule.role.doc, rules, rule.index)] };
}

/**
 * A rule of only `proxy` on only these resources becomes `<resource>/proxy` with `get`, in place;
 * otherwise `proxy` leaves the rule and a rule for the subresources follows it.
 */
function proxyFixes(rule: RuleNodes, verb: Item, legacy: string[]): Fix[] {
  const verbs = scalarItems(rule.fields.verbs);
  const resources = scalarItems(rule.fields.resources);
  const title = `Change to ${legacy.map((r) => `${r}/proxy`).join(', ')} with get`;
  if (verbs.length === 1 && resources.length === legacy.length) {
    const edits = [replaceScalar(rule.file, rule.role.doc, verb.node, 'get'),
      ...resources.map((r) => replaceScalar(rule.file, rule.role.doc, r.node, `${r.value}/proxy`))];
    return [{ title, isPreferred: true, edits }];
  }
  if (verbs.length < 2) return [];
  const data = ruleData(rule);
  const subresourceRule = { ...data, apiGroups: [''], resources: legacy.map((r) => `${r}/proxy`), verbs: ['get'] };
  return [{ title, isPreferred: true, edits: [removeSeqItem(rule.file, rule.role.doc, rule.fields.verbs!, verb.index), insertRuleAfter(rule, subresourceRule)] }];
}
