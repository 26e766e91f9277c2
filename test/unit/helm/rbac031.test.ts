import * as assert from 'assert';
import { analyse } from '../../../server/src/core/analysis';
import type { Finding } from '../../../server/src/core/checks/types';
import { DEFAULT_SETTINGS } from '../../../server/src/protocol/settings';
import { CHART, chartFiles, chartModel } from './chart-harness';

const ROLE = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: reader
rules:
  - apiGroups: [""]
    resources: ["pods"]
    verbs: ["get", "lsit"]
`;
const DRAFT = `${CHART}/templates/draft-role.yaml`;
const SUB = `${CHART}/charts/sub`;
const SUB_ROLE = `${SUB}/templates/role.yaml`;

const findingsOf = (files: Record<string, string>): Finding[] => analyse(chartModel(files), DEFAULT_SETTINGS).findings;
const rbac031 = (found: Finding[]) => found.filter((f) => f.code === 'RBAC031').map((f) => ({ file: f.file, line: f.range.start.line, severity: f.severity, message: f.message }));

/** A parent chart whose dependency `sub` has a template with a typo verb; `condition` decides whether Helm renders it. */
function withSubchart(parentValues: string): Record<string, string> {
  return {
    ...chartFiles({}, parentValues),
    [`${CHART}/Chart.yaml`]: 'apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n  - name: sub\n    version: 1.0.0\n    repository: file://charts/sub\n    condition: sub.enabled\n',
    [`${SUB}/Chart.yaml`]: 'apiVersion: v2\nname: sub\nversion: 1.0.0\n',
    [SUB_ROLE]: ROLE,
  };
}

describe('RBAC031 chart template Helm does not render', () => {
  it('a template the chart\'s .helmignore leaves out: said at its first line, instead of passing as clean', () => {
    const found = findingsOf({ ...chartFiles({ 'draft-role.yaml': ROLE }), [`${CHART}/.helmignore`]: 'draft-*.yaml\n' });
    assert.deepStrictEqual(rbac031(found), [{
      file: DRAFT, line: 0, severity: 'information',
      message: 'Helm does not render this template: the .helmignore of chart leaves it out, so Helm never loads it. Nothing in it is checked.',
    }]);
    assert.deepStrictEqual(found.filter((f) => f.file === DRAFT && f.code !== 'RBAC031'), [], 'its typo is not judged');
  });

  it('a template of a dependency the parent\'s values switch off', () => {
    const found = findingsOf(withSubchart('sub:\n  enabled: false\n'));
    assert.deepStrictEqual(rbac031(found).map((f) => [f.file, f.line]), [[SUB_ROLE, 0]]);
    assert.match(rbac031(found)[0].message, /its chart is a dependency of chart that the values read switch off/);
  });

  it('silent where Helm renders the template: no .helmignore rule for it, the dependency on, a file outside any chart', () => {
    assert.deepStrictEqual(rbac031(findingsOf({ ...chartFiles({ 'draft-role.yaml': ROLE }), [`${CHART}/.helmignore`]: 'other-*.yaml\n' })), []);
    const on = findingsOf(withSubchart('sub:\n  enabled: true\n'));
    assert.deepStrictEqual(rbac031(on), []);
    assert.ok(on.some((f) => f.code === 'RBAC001' && f.file === SUB_ROLE), 'the rendered subchart is checked');
    assert.deepStrictEqual(rbac031(findingsOf({ '/w/plain/templates/role.yaml': ROLE })), []);
  });

  it('a disable comment on its first line silences it, as for every check', () => {
    const found = findingsOf({ ...chartFiles({ 'draft-role.yaml': `# rbac-doctor-disable RBAC031\n${ROLE}` }), [`${CHART}/.helmignore`]: 'draft-*.yaml\n' });
    assert.deepStrictEqual(rbac031(found), []);
  });
});
