import * as assert from 'assert';
import { rbac033 } from '../../../server/src/core/checks/rules/rbac033-kustomize-input-not-read';
import { compact, run, runAll } from '../../helpers/check-harness';
import { lineOf } from '../../helpers/text-position';

const KUSTOMIZATION = `namespace: shop
resources:
- https://github.com/example/app//config?ref=v1.2.0
- rbac.yaml
configMapGenerator:
- name: settings
  literals: [a=b]
`;
const RBAC = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: app}\nrules:\n- {apiGroups: [""], resources: [configmaps], resourceNames: [settings], verbs: [get]}\n';

describe('RBAC033 part of a kustomize build not read', () => {
  it('fires at each entry a build cannot read: a remote base, a generator', () => {
    const findings = run(rbac033, { '/w/kustomization.yaml': KUSTOMIZATION, '/w/rbac.yaml': RBAC });
    assert.deepStrictEqual(compact(findings), [
      { code: 'RBAC033', line: lineOf(KUSTOMIZATION, 'https://'), severity: 'information' },
      { code: 'RBAC033', line: lineOf(KUSTOMIZATION, '- name: settings'), severity: 'information' },
    ]);
    assert.match(findings[0].message, /remote base is not fetched/);
    assert.deepStrictEqual(findings.flatMap((f) => f.fixes), []);
  });

  it('fires for a resource outside the files read, and names it', () => {
    const text = 'resources:\n- ../elsewhere/rbac.yaml\n';
    const [finding] = run(rbac033, { '/w/app/kustomization.yaml': text });
    assert.strictEqual(finding.range.start.line, 1);
    assert.match(finding.message, /\.\.\/elsewhere\/rbac\.yaml: not in the files read/);
  });

  it('is silent for a build it reads in full, and can be silenced on a line', () => {
    assert.deepStrictEqual(run(rbac033, { '/w/kustomization.yaml': 'namespace: shop\nresources:\n- rbac.yaml\n', '/w/rbac.yaml': RBAC }), []);
    const silenced = KUSTOMIZATION.replace('- https://', '# rbac-doctor-disable-next-line RBAC033\n- https://').replace('configMapGenerator:\n', '');
    const findings = runAll({ '/w/kustomization.yaml': silenced.replace(/- name: settings\n {2}literals: \[a=b\]\n/, ''), '/w/rbac.yaml': RBAC });
    assert.deepStrictEqual(findings.filter((f) => f.code === 'RBAC033'), []);
  });
});
