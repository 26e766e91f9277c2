import * as assert from 'assert';
import { analyse } from '../../../server/src/core/analysis';
import { hoverAt } from '../../../server/src/core/explain/hover';
import { definitionAt } from '../../../server/src/core/navigation/navigation';
import { DEFAULT_SETTINGS } from '../../../server/src/protocol/settings';
import { lineOf } from '../../helpers/text-position';
import { CHART, chartFiles, chartModel, HELPER_ROLE_BINDING_HEAD } from './chart-harness';

const ROLE = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: {{ include "app.fullname" . }}
  namespace: {{ .Release.Namespace }}
rules:
  - apiGroups: [""]
    resources: [pods]
    verbs: [get]
`;
const BINDING = `${HELPER_ROLE_BINDING_HEAD}  - kind: ServiceAccount
    name: {{ .Values.serviceAccount.name | default "web" }}
`;

const position = (text: string, needle: string, after = 0) => ({ line: lineOf(text, needle), character: text.split('\n')[lineOf(text, needle)].indexOf(needle) + after });
/** Inside the roleRef's `{{ include … }}` (the line before `subjects:`). */
const roleRefAction = () => {
  const line = lineOf(BINDING, 'subjects:') - 1;
  return { line, character: BINDING.split('\n')[line].indexOf('{{') + 3 };
};

describe('chart templates: hovers and go to definition', () => {
  const files = chartFiles({ 'role.yaml': ROLE, 'rolebinding.yaml': BINDING });
  const model = chartModel(files);
  const context = analyse(model, DEFAULT_SETTINGS).context;
  const bindingFile = model.getFile(`${CHART}/templates/rolebinding.yaml`)!;

  it('a templated roleRef says what it evaluates to and where each part comes from, then what the role grants', () => {
    const hover = hoverAt(context, bindingFile, roleRefAction())!;
    assert.match(hover.markdown, /evaluates to `release-app`/);
    assert.match(hover.markdown, /helper `app.fullname` from `templates\/_helpers.tpl` line 6/);
    assert.ok(hover.markdown.includes('`.Release.Name` = `release` (assumed; [set `rbacDoctor.helm.releaseName`…](command:workbench.action.openSettings?%5B%22rbacDoctor.helm.releaseName%22%5D))'), hover.markdown);
    assert.doesNotMatch(hover.markdown, /--release|--values|--namespace/, 'an editor hover names settings, not CLI flags');
    assert.match(hover.markdown, /pods/);
  });

  it('a value from values.yaml names its line; an unset one says so', () => {
    const hover = hoverAt(context, bindingFile, position(BINDING, '.Values.serviceAccount.name'))!;
    assert.match(hover.markdown, /evaluates to `web`/);
    assert.match(hover.markdown, /`.Values.serviceAccount.name` from `chart\/values.yaml` line 4/);
  });

  it('go to definition from a templated roleRef lands on the role template', () => {
    const locations = definitionAt(model, bindingFile, roleRefAction());
    assert.deepStrictEqual(locations.map((l) => [l.file, l.range.start.line]), [[`${CHART}/templates/role.yaml`, lineOf(ROLE, 'name: {{')]]);
  });
});
