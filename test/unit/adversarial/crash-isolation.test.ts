import * as assert from 'assert';
import { analyse } from '../../../server/src/core/analysis';
import { ALL_CHECKS } from '../../../server/src/core/checks/all-checks';
import type { Check } from '../../../server/src/core/checks/check';
import { checkInfo } from '../../../server/src/core/checks/check-catalog';
import { describeSummary, readingSummary } from '../../../server/src/core/model/reading-summary';
import { createWorkspaceModel } from '../../../server/src/core/workspace';
import { DEFAULT_SETTINGS } from '../../../server/src/protocol/settings';
import { CHART, chartFiles, chartModel } from '../helm/chart-harness';

const WILDCARD_ROLE = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: other, namespace: shop}
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["*"]
`;

const CHART_ROLE = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: app, namespace: shop}
rules:
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["*"]
`;

/** A fault no budget foresaw, planted in one step of the reading of one file. */
function failing(message: string): never {
  throw new RangeError(message);
}

describe('a failure in one file is caught at that file', () => {
  it('a template whose reading throws is RBAC034 at its first line; the other files are checked', () => {
    const files = { ...chartFiles({ 'role.yaml': CHART_ROLE }), '/w/other.yaml': WILDCARD_ROLE };
    const model = createWorkspaceModel();
    const readTemplate = model.charts.readTemplate.bind(model.charts);
    model.charts.readTemplate = (path, text) => (path.endsWith('role.yaml') ? failing('Maximum call stack size exceeded') : readTemplate(path, text));
    for (const [path, text] of Object.entries(files)) model.setFile(path, text);
    const { findings, failedChecks } = analyse(model, DEFAULT_SETTINGS);
    const template = `${CHART}/templates/role.yaml`;
    const notAnalysed = findings.filter((f) => f.code === 'RBAC034');
    assert.deepStrictEqual(notAnalysed.map((f) => [f.file, f.range.start.line, f.severity]), [[template, 0, 'warning']]);
    assert.match(notAnalysed[0].message, /could not be analysed \(Maximum call stack size exceeded\): nothing in it is checked/);
    assert.ok(!findings.some((f) => f.file === template && f.code !== 'RBAC034'), 'nothing else is claimed about the file');
    assert.ok(findings.some((f) => f.file === '/w/other.yaml' && f.code === 'RBAC101'), 'the other file is still checked');
    assert.deepStrictEqual(failedChecks, []);
    assert.match(describeSummary(readingSummary(model.allFiles())), /1 file not analysed/);
  });

  it('a plain file whose parsing throws is RBAC034; a later good text of it is read again', () => {
    const model = createWorkspaceModel();
    const note = model.charts.note.bind(model.charts);
    let broken = true;
    model.charts.note = (path, text) => (broken && path === '/w/bad.yaml' ? failing('Tag not resolved for Symbol value') : note(path, text));
    model.setFile('/w/bad.yaml', WILDCARD_ROLE.replace('other', 'bad'));
    model.setFile('/w/other.yaml', WILDCARD_ROLE);
    let findings = analyse(model, DEFAULT_SETTINGS).findings;
    assert.deepStrictEqual(findings.filter((f) => f.file === '/w/bad.yaml').map((f) => f.code), ['RBAC034']);
    assert.ok(findings.some((f) => f.file === '/w/other.yaml' && f.code === 'RBAC101'));
    broken = false;
    model.setFile('/w/bad.yaml', `${WILDCARD_ROLE.replace('other', 'bad')}\n`);
    findings = analyse(model, DEFAULT_SETTINGS).findings;
    assert.ok(!findings.some((f) => f.code === 'RBAC034'));
    assert.ok(findings.some((f) => f.file === '/w/bad.yaml' && f.code === 'RBAC101'));
  });

  it('a long or multi-line reason is cut to one readable line', () => {
    const model = createWorkspaceModel();
    model.charts.note = () => failing(`${'x'.repeat(5000)}\nsecond line`);
    model.setFile('/w/bad.yaml', WILDCARD_ROLE);
    const [finding] = analyse(model, DEFAULT_SETTINGS).findings.filter((f) => f.code === 'RBAC034');
    assert.ok(!finding.message.includes('\n') && !finding.message.includes('second line'));
    assert.ok(finding.message.length < 400, `${finding.message.length} characters`);
  });

  it('`# rbac-doctor-disable RBAC034` in the file silences it', () => {
    const model = createWorkspaceModel();
    model.charts.note = () => failing('boom');
    model.setFile('/w/bad.yaml', `# rbac-doctor-disable RBAC034\n${WILDCARD_ROLE}`);
    assert.deepStrictEqual(analyse(model, DEFAULT_SETTINGS).findings.filter((f) => f.code === 'RBAC034'), []);
  });

  it('a check that throws loses its own findings only, and is told', () => {
    const throwing: Check = { ...checkInfo('RBAC024')!, run: () => failing('a defect in a check') };
    const index = ALL_CHECKS.findIndex((c) => c.code === 'RBAC024');
    const original = ALL_CHECKS[index];
    (ALL_CHECKS as Check[])[index] = throwing;
    try {
      const model = chartModel({ '/w/other.yaml': WILDCARD_ROLE });
      const { findings, failedChecks } = analyse(model, DEFAULT_SETTINGS);
      assert.deepStrictEqual(failedChecks, [{ code: 'RBAC024', reason: 'a defect in a check' }]);
      assert.ok(findings.some((f) => f.code === 'RBAC101'), 'the other checks ran');
    } finally {
      (ALL_CHECKS as Check[])[index] = original;
    }
  });
});

describe('a failure in one kustomize build', () => {
  it('ends that build only, said as RBAC033 at its kustomization; the objects are checked as written', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { KustomizeBuilder } = require('../../../server/src/core/kustomize/build') as typeof import('../../../server/src/core/kustomize/build');
    const build = KustomizeBuilder.prototype.build;
    KustomizeBuilder.prototype.build = function (kustomization) {
      return kustomization.doc.file.startsWith('/w/a/') ? failing('Maximum call stack size exceeded') : build.call(this, kustomization);
    };
    try {
      const model = createWorkspaceModel();
      for (const dir of ['a', 'b']) {
        model.setFile(`/w/${dir}/kustomization.yaml`, 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: shop\nresources:\n- role.yaml\n');
        model.setFile(`/w/${dir}/role.yaml`, WILDCARD_ROLE.replace('other', dir).replace('namespace: shop', 'namespace: written'));
      }
      const { findings } = analyse(model, DEFAULT_SETTINGS);
      const note = findings.find((f) => f.code === 'RBAC033');
      assert.strictEqual(note?.file, '/w/a/kustomization.yaml');
      assert.match(note!.message, /the build could not be completed \(Maximum call stack size exceeded\)/);
      assert.strictEqual(findings.filter((f) => f.code === 'RBAC033').length, 1, 'the failure is said once');
      assert.ok(!findings.some((f) => f.code === 'RBAC036'), 'a file a failed build includes is not "part of no build"');
      // The other build still runs: its Role is moved to the build's namespace.
      const namespaces = new Map(model.index.roles.map((r) => [r.name, r.namespace?.value]));
      assert.strictEqual(namespaces.get('b'), 'shop');
    } finally {
      KustomizeBuilder.prototype.build = build;
    }
  });
});
