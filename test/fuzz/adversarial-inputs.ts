/**
 * Workspaces built to hurt: the inputs that once ended the server or held it up, as in-memory files
 * (path → text). Unit, CLI and protocol tests and `npm run fuzz` share them.
 */
export type Files = Record<string, string>;

const KUSTOMIZATION = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n';
const COMPONENT = 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n';

/**
 * `resources`: each kN{a,b} lists ../k(N+1)a and ../k(N+1)b, and the last level holds a Role each (the
 * same Role reached 2^depth times). `components`: the same with components. `transforming components`:
 * only k0{a,b} hold a Role, the components add a label (kubectl applies each 2^N times).
 */
export type DiamondShape = 'resources' | 'components' | 'transforming components';

export function kustomizeDiamond(root: string, depth: number, shape: DiamondShape): Files {
  const files: Files = {};
  const field = shape === 'resources' ? 'resources' : 'components';
  for (let n = 0; n <= depth; n++) {
    for (const side of ['a', 'b']) {
      const dir = `${root}/k${n}${side}`;
      const role = `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: ${n === 0 ? `top-${side}` : `leaf-${side}`}\n  namespace: ns\nrules:\n- apiGroups: [""]\n  resources: ["pods"]\n  verbs: ["get"]\n`;
      let text = n > 0 && shape !== 'resources' ? COMPONENT : KUSTOMIZATION;
      const holdsRole = shape === 'transforming components' ? n === 0 : n === depth;
      if (holdsRole) {
        text += 'resources:\n- role.yaml\n';
        files[`${dir}/role.yaml`] = role;
      }
      if (n < depth) text += `${field}:\n- ../k${n + 1}a\n- ../k${n + 1}b\n`;
      else if (shape === 'transforming components') text += 'labels:\n- pairs:\n    leaf: "yes"\n';
      files[`${dir}/kustomization.yaml`] = text;
    }
  }
  return files;
}

/** A chart whose values.yaml holds a self-referencing alias, printed with toYaml into a Role's rules. */
export function selfReferencingAliasChart(root: string): Files {
  return {
    [`${root}/Chart.yaml`]: 'apiVersion: v2\nname: alias\nversion: 0.1.0\n',
    [`${root}/values.yaml`]: 'a: &x\n  b: 1\n  c: *x\n',
    [`${root}/templates/role.yaml`]: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: alias\n  namespace: shop\n  annotations:\n    copy: {{ toYaml .Values.a | quote }}\nrules:\n{{ toYaml .Values.a | indent 2 }}\n',
  };
}

/** A chart whose template builds a dict nested `depth` deep and prints it with toYaml and toJson. */
export function deepDictChart(root: string, depth = 1000): Files {
  return {
    [`${root}/Chart.yaml`]: 'apiVersion: v2\nname: deep\nversion: 0.1.0\n',
    [`${root}/values.yaml`]: '{}\n',
    [`${root}/templates/deep.yaml`]: `{{- $d := dict }}\n${'{{- $d = dict "k" $d }}\n'.repeat(depth)}apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n  yaml: |\n{{ toYaml $d | indent 4 }}\n  json: {{ toJson $d | quote }}\n`,
  };
}

/** A values.yaml of `entries` flow-map entries under one key (7.8 MB at 200,000), that no template reads. */
export function largeFlowValues(entries: number): string {
  const parts: string[] = [];
  for (let i = 0; i < entries; i++) parts.push(`key${i}: {name: v${i}, size: ${i}, on: true}`);
  return `big:\n  ${parts.join('\n  ')}\nrbac:\n  create: true\n`;
}

/** A chart with a large values.yaml and one template that does not read it. */
export function largeValuesChart(root: string, entries: number): Files {
  return {
    [`${root}/Chart.yaml`]: 'apiVersion: v2\nname: large\nversion: 0.1.0\n',
    [`${root}/values.yaml`]: largeFlowValues(entries),
    [`${root}/templates/role.yaml`]: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: large\n  namespace: shop\nrules:\n- apiGroups: [""]\n  resources: ["pods"]\n  verbs: ["*"]\n',
  };
}

/** A plain Role with a wildcard (RBAC101 and RBAC024): the finding that proves the rest of the workspace was checked. */
export const WILDCARD_ROLE = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: other\n  namespace: shop\nrules:\n- apiGroups: [""]\n  resources: ["pods"]\n  verbs: ["*"]\n';

/** A line that makes test/helpers/server-with-planted-fault.ts throw while reading the file that holds it. */
export const PLANTED_FAULT = '# planted fault: reading this file throws';
