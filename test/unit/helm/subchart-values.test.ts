import * as assert from 'assert';
import { CHART, chartFiles, chartModel } from './chart-harness';

// A parent chart with a subchart in charts/sub: the parent's values decide the subchart's.
const SUB = `${CHART}/charts/sub`;
const SUB_FILES = {
  [`${SUB}/Chart.yaml`]: 'apiVersion: v2\nname: sub\nversion: 1.0.0\n',
  [`${SUB}/values.yaml`]: 'rbac:\n  create: true\nrole: reader\nglobal:\n  team: sub-default\n',
  [`${SUB}/templates/role.yaml`]: `{{- if .Values.rbac.create }}
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: {{ .Values.role }}-{{ .Values.global.team }}
rules:
  - apiGroups: [""]
    resources: ["pods"]
    verbs: ["get"]
{{- end }}
`,
};
const parentYaml = (dependency: string) => `apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n  - name: sub\n    version: 1.0.0\n    repository: file://charts/sub\n${dependency}`;

function roles(parentValues: string, dependency = '', extra: Record<string, string> = {}): string[] {
  const files = { ...chartFiles({}, parentValues), [`${CHART}/Chart.yaml`]: parentYaml(dependency), ...SUB_FILES, ...extra };
  return chartModel(files).index.roles.map((r) => r.name);
}

describe('subcharts read with the values their parent passes down', () => {
  it('without a section in the parent, the subchart\'s defaults', () => {
    assert.deepStrictEqual(roles('other: 1\n'), ['reader-sub-default']);
  });

  it('the parent\'s section of the subchart\'s name overrides its defaults, and the parent\'s global reaches it', () => {
    assert.deepStrictEqual(roles('sub:\n  role: writer\nglobal:\n  team: platform\n'), ['writer-platform']);
  });

  it('a subchart always has a `global` map, as Helm gives it one (`.Values.global.x` is nil, not an error)', () => {
    const extra = {
      [`${SUB}/values.yaml`]: 'rbac:\n  create: true\nrole: reader\n',
      [`${SUB}/templates/role.yaml`]: SUB_FILES[`${SUB}/templates/role.yaml`].replace('{{ .Values.global.team }}', '{{ .Values.global.team | default "none" }}'),
    };
    assert.deepStrictEqual(roles('other: 1\n', '', extra), ['reader-none']);
  });

  it('a condition the parent\'s values switch off renders nothing of the subchart', () => {
    assert.deepStrictEqual(roles('sub:\n  enabled: false\n', '    condition: sub.enabled\n'), []);
    assert.deepStrictEqual(roles('sub:\n  enabled: true\n', '    condition: sub.enabled\n'), ['reader-sub-default']);
    assert.deepStrictEqual(roles('other: 1\n', '    condition: sub.enabled\n'), ['reader-sub-default'], 'a condition path with no boolean leaves it on');
  });

  it('tags: on when a listed tag is true, off when the set ones are all false', () => {
    assert.deepStrictEqual(roles('tags:\n  monitoring: false\n', '    tags: [monitoring]\n'), []);
    assert.deepStrictEqual(roles('tags:\n  monitoring: false\n  extra: true\n', '    tags: [monitoring, extra]\n'), ['reader-sub-default']);
    assert.deepStrictEqual(roles('sub:\n  enabled: true\ntags:\n  monitoring: false\n', '    condition: sub.enabled\n    tags: [monitoring]\n'), ['reader-sub-default'], 'the condition decides before the tags');
  });

  it('an alias (a section under another name, maybe several copies) leaves the subchart\'s values unknown: its objects are not read', () => {
    assert.deepStrictEqual(roles('sub:\n  role: writer\n', '    alias: other\n'), []);
  });

  it('an extra values file for the whole release reaches the subchart through its section, not as top-level keys', () => {
    const files = { ...chartFiles({}, 'other: 1\n'), [`${CHART}/Chart.yaml`]: parentYaml(''), ...SUB_FILES };
    const model = chartModel(files, { valuesFiles: [{ path: '/w/prod.yaml', text: 'role: ignored\nsub:\n  role: prod\n' }] });
    assert.deepStrictEqual(model.index.roles.map((r) => r.name), ['prod-sub-default']);
  });

  it('editing the parent\'s values reads the subchart again', () => {
    const files = { ...chartFiles({}, 'sub:\n  role: one\n'), [`${CHART}/Chart.yaml`]: parentYaml(''), ...SUB_FILES };
    const model = chartModel(files);
    assert.deepStrictEqual(model.index.roles.map((r) => r.name), ['one-sub-default']);
    model.setFile(`${CHART}/values.yaml`, 'sub:\n  role: two\n');
    assert.deepStrictEqual(model.index.roles.map((r) => r.name), ['two-sub-default']);
  });

  describe('the parent reads the subchart\'s defaults under its name, as Helm coalesces them', () => {
    /** kube-prometheus-stack's pattern: a parent template switched by a value whose default lives in the subchart. */
    const parentRole = {
      [`${CHART}/templates/proxy-role.yaml`]: `{{- if .Values.sub.proxy.enabled }}
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: proxy-{{ .Values.sub.role }}
rules:
  - apiGroups: ["authentication.k8s.io"]
    resources: ["tokenreviews"]
    verbs: ["create"]
{{- end }}
`,
    };
    const withProxy = (enabled: string) => ({ ...parentRole, [`${SUB}/values.yaml`]: `rbac:\n  create: true\nrole: reader\nproxy:\n  enabled: ${enabled}\nglobal:\n  team: sub-default\n` });

    it('a branch the subchart\'s default switches off is not rendered by the parent (before, the value read as missing and the branch was kept)', () => {
      assert.deepStrictEqual(roles('other: 1\n', '', withProxy('false')), ['reader-sub-default']);
      assert.deepStrictEqual(roles('other: 1\n', '', withProxy('true')).sort(), ['proxy-reader', 'reader-sub-default']);
    });

    it('the parent\'s own section wins over the subchart\'s default', () => {
      assert.deepStrictEqual(roles('sub:\n  proxy:\n    enabled: true\n  role: writer\n', '', withProxy('false')).sort(), ['proxy-writer', 'writer-sub-default']);
    });

    it('a condition whose default lives in the subchart decides; a disabled subchart\'s defaults do not reach the parent', () => {
      const off = { ...parentRole, [`${SUB}/values.yaml`]: 'enabled: false\nrole: reader\nrbac:\n  create: true\nproxy:\n  enabled: true\nglobal:\n  team: sub-default\n' };
      assert.deepStrictEqual(roles('other: 1\n', '    condition: sub.enabled\n', off), []);
    });
  });
});
