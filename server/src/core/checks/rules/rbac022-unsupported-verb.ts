import { splitResource } from '../../catalog/catalog';
import { KNOWN_VERBS, STANDARD_VERBS } from '../../catalog/verbs';
import { removeSeqItem } from '../../edits/yaml-edits';
import { checkInfo } from '../check-catalog';
import type { Check } from '../check';
import { finding, judgeableGroups, rangeOfNode, ruleNodes, scalarItems } from '../helpers';
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
