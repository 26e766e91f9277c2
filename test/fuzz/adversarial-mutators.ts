import { analyse } from '../../server/src/core/analysis';
import { createWorkspaceModel } from '../../server/src/core/workspace';
import { DEFAULT_SETTINGS } from '../../server/src/protocol/settings';
import { deepDictChart, kustomizeDiamond, selfReferencingAliasChart, WILDCARD_ROLE, type DiamondShape, type Files } from './adversarial-inputs';
import type { Random } from './mutate';

/**
 * Mutators that build what hurts readers and builders, over a fixture workspace: Helm templates with deep
 * nesting, aliases and recursive defines; kustomize trees with diamonds, cycles and deep chains. Sizes are
 * drawn at random, around and past the budgets of server/src/core/budgets.ts. Each case adds a plain Role
 * with a wildcard beside them: its finding proves the rest of the workspace was still checked.
 */
export interface AdversarialMutator {
  name: string;
  kind: 'template' | 'kustomize';
  apply: (root: string, random: Random) => Files;
}

const between = (random: Random, low: number, high: number) => low + Math.floor(random() * (high - low + 1));
const CHART_YAML = (name: string) => `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`;
const ROLE_HEAD = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: app\n  namespace: shop\n';

function chart(root: string, values: string, templates: Record<string, string>): Files {
  const files: Files = { [`${root}/Chart.yaml`]: CHART_YAML('fuzz'), [`${root}/values.yaml`]: values };
  for (const [name, text] of Object.entries(templates)) files[`${root}/templates/${name}`] = text;
  return files;
}

/** `a: {a: {a: … }}` `depth` deep, in block or flow style. */
function nestedValues(depth: number, flow: boolean): string {
  if (flow) return `deep: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}\n`;
  return `deep:\n${Array.from({ length: depth }, (_, i) => `${'  '.repeat(i + 1)}a:`).join('\n')} 1\n`;
}

const PRINTERS = ['{{ toYaml %s | indent 2 }}', '{{ toJson %s }}', '{{ %s }}', '{{ toPrettyJson %s | quote }}', '{{ range $k, $v := %s }}{{ $k }}{{ end }}'];

export const ADVERSARIAL_MUTATORS: readonly AdversarialMutator[] = [
  {
    name: 'template: dict nested deep in a loop, printed',
    kind: 'template',
    apply: (root, random) => deepDictChart(root, between(random, 50, 2500)),
  },
  {
    name: 'template: self-referencing alias in values, printed',
    kind: 'template',
    apply: (root) => selfReferencingAliasChart(root),
  },
  {
    name: 'template: values nested deep, printed',
    kind: 'template',
    apply: (root, random) => {
      const printer = PRINTERS[Math.floor(random() * PRINTERS.length)].replace('%s', '.Values.deep');
      return chart(root, nestedValues(between(random, 20, 3000), random() < 0.5), { 'role.yaml': `${ROLE_HEAD}  annotations:\n    x: |\n      ${printer}\nrules: []\n` });
    },
  },
  {
    name: 'template: alias bomb in values (each level doubles), printed',
    kind: 'template',
    apply: (root, random) => {
      const levels = between(random, 5, 40);
      const lines = ['l0: &l0 [x, x]'];
      for (let i = 1; i < levels; i++) lines.push(`l${i}: &l${i} [*l${i - 1}, *l${i - 1}]`);
      const printer = PRINTERS[Math.floor(random() * PRINTERS.length)].replace('%s', `.Values.l${levels - 1}`);
      return chart(root, `${lines.join('\n')}\n`, { 'role.yaml': `${ROLE_HEAD}rules:\n${printer}\n` });
    },
  },
  {
    name: 'template: a define that includes itself',
    kind: 'template',
    apply: (root, random) => {
      const calls = '{{ include "loop" . }}'.repeat(between(random, 1, 3));
      return chart(root, '{}\n', {
        '_helpers.tpl': `{{- define "loop" }}${calls}{{- end }}\n`,
        'role.yaml': `${ROLE_HEAD}  annotations:\n    x: {{ include "loop" . | quote }}\nrules: []\n`,
      });
    },
  },
  {
    name: 'template: a range over a long list, nested',
    kind: 'template',
    apply: (root, random) => {
      const n = between(random, 10, 5000);
      return chart(root, `n: ${n}\n`, { 'role.yaml': `${ROLE_HEAD}rules:\n{{- range until (int .Values.n) }}{{- range until (int $.Values.n) }}\n- apiGroups: [""]\n  resources: [pods]\n  verbs: [get]\n{{- end }}{{- end }}\n` });
    },
  },
  ...(['resources', 'components', 'transforming components'] as DiamondShape[]).map((shape): AdversarialMutator => ({
    name: `kustomize: diamond of ${shape}`,
    kind: 'kustomize',
    apply: (root, random) => kustomizeDiamond(root, between(random, 2, 26), shape),
  })),
  {
    name: 'kustomize: cycle of bases',
    kind: 'kustomize',
    apply: (root, random) => {
      const n = between(random, 1, 30);
      const files: Files = {};
      for (let i = 0; i < n; i++) files[`${root}/k${i}/kustomization.yaml`] = `resources:\n- ../k${(i + 1) % n}\n- role.yaml\n`;
      for (let i = 0; i < n; i++) files[`${root}/k${i}/role.yaml`] = WILDCARD_ROLE.replace('name: other', `name: r${i}`);
      return files;
    },
  },
  {
    name: 'kustomize: chain deeper than the nesting budget',
    kind: 'kustomize',
    apply: (root, random) => {
      const depth = between(random, 100, 600);
      const files: Files = {};
      for (let i = 0; i < depth; i++) files[`${root}/k${i}/kustomization.yaml`] = `resources:\n- ../k${i + 1}\n`;
      files[`${root}/k${depth}/kustomization.yaml`] = 'resources:\n- sa.yaml\n';
      files[`${root}/k${depth}/sa.yaml`] = 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: sa, namespace: shop}\n';
      return files;
    },
  },
];

export interface AdversarialCase {
  mutator: string;
  files: Files;
  /** The plain file whose findings must still be there. */
  witness: string;
}

/** One case: a mutator applied at random beside a fixture workspace's files. */
export function adversarialCase(workspace: Files, random: Random): AdversarialCase {
  const mutator = ADVERSARIAL_MUTATORS[Math.floor(random() * ADVERSARIAL_MUTATORS.length)];
  const witness = '/fuzz/witness/role.yaml';
  return { mutator: mutator.name, files: { ...workspace, ...mutator.apply(`/fuzz/${mutator.kind}`, random), [witness]: WILDCARD_ROLE }, witness };
}

/** What went wrong with a case, or undefined: a throw, a file not analysed, a check that failed, the witness unchecked. */
export function checkAdversarialCase(c: AdversarialCase): string | undefined {
  try {
    const model = createWorkspaceModel();
    for (const [path, text] of Object.entries(c.files)) model.setFile(path, text);
    const { findings, failedChecks } = analyse(model, DEFAULT_SETTINGS);
    if (failedChecks.length) return `check ${failedChecks[0].code} threw: ${failedChecks[0].reason}`;
    const notAnalysed = findings.find((f) => f.code === 'RBAC034');
    if (notAnalysed) return `a file was not analysed: ${notAnalysed.file}: ${notAnalysed.message}`;
    if (!findings.some((f) => f.file === c.witness && f.code === 'RBAC101')) return 'the plain Role beside it was not checked';
    return undefined;
  } catch (error) {
    return `check threw: ${(error as Error)?.stack ?? String(error)}`;
  }
}
