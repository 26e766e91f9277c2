import * as assert from 'assert';
import { analyse } from '../../../server/src/core/analysis';
import { DEFAULT_SETTINGS } from '../../../server/src/protocol/settings';
import { CHART, chartFiles, chartModel, codesAt, findingsOf } from './chart-harness';

// Helm installs an object whose template names no namespace into the release namespace.
const ACCOUNT = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "app.serviceAccountName" . }}
`;
const BINDING = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: {{ include "app.fullname" . }}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: view
subjects:
  - kind: ServiceAccount
    name: {{ include "app.serviceAccountName" . }}
    namespace: monitoring
`;
const SUBJECT_LINE = BINDING.split('\n').findIndex((l) => l.includes('namespace: monitoring'));

describe('chart templates: objects without a namespace are in the release namespace', () => {
  const files = chartFiles({ 'serviceaccount.yaml': ACCOUNT, 'clusterrolebinding.yaml': BINDING });
  const mismatch = (releaseNamespace?: string) =>
    codesAt(findingsOf(files, { valuesFiles: [], releaseNamespace }), `${CHART}/templates/clusterrolebinding.yaml`).filter((f) => f.code === 'RBAC013');

  it('a subject in another namespace than the release is the wrong namespace (RBAC013), as for an explicit {{ .Release.Namespace }}', () => {
    assert.deepStrictEqual(mismatch(), [{ code: 'RBAC013', line: SUBJECT_LINE }]);
    assert.deepStrictEqual(mismatch('kube-system'), [{ code: 'RBAC013', line: SUBJECT_LINE }]);
  });

  it('installed in the subject\'s namespace, the chart agrees with itself', () => {
    assert.deepStrictEqual(mismatch('monitoring'), []);
  });

  it('the same model follows the setting both ways (documents read before are placed again)', () => {
    const model = chartModel(files);
    const rbac013 = () => analyse(model, DEFAULT_SETTINGS).findings.filter((f) => f.code === 'RBAC013').length;
    assert.strictEqual(rbac013(), 1);
    model.setHelmOptions({ valuesFiles: [], releaseNamespace: 'monitoring' });
    assert.strictEqual(rbac013(), 0);
    model.setHelmOptions({ valuesFiles: [], releaseNamespace: 'kube-system' });
    assert.strictEqual(rbac013(), 1);
  });
});
