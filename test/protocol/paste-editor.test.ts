import * as assert from 'assert';
import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { pathToFileURL } from 'url';
import type { CodeLens } from 'vscode-languageserver-protocol';
import type { ForbiddenResult } from '../../server/src/protocol/custom-messages';
import { startInMemory, type TestClient } from '../helpers/lsp-client';

// The manager may already get pods and watch configmaps, through a Role it shares with the helper
// (so a whole log never edits it: new objects instead).
const RBAC = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: manager-reader, namespace: ctrl}
rules:
  - apiGroups: [""]
    resources: ["pods"]
    verbs: ["get"]
  - apiGroups: [""]
    resources: ["configmaps"]
    verbs: ["watch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: manager-reader, namespace: ctrl}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: manager-reader}
subjects:
  - {kind: ServiceAccount, name: manager, namespace: ctrl}
  - {kind: ServiceAccount, name: helper, namespace: ctrl}
`;
const SA = 'system:serviceaccount:ctrl:manager';
const denied = (verb: string, resource: string, group: string) =>
  `E1129 10:00:01.000000 1 reflector.go:147] ${resource} is forbidden: User "${SA}" cannot ${verb} resource "${resource}" in API group "${group}" in the namespace "ctrl"`;
/** Five denials; get pods is already allowed by the manifests. */
export const PASTED_LOG = [
  'I1129 10:00:00.000000 1 main.go:88] starting manager',
  denied('list', 'pods', ''), denied('get', 'pods', ''), denied('list', 'configmaps', ''), denied('get', 'leases', 'coordination.k8s.io'), denied('list', 'secrets', ''),
  '',
].join('\n');

describe('the paste editor over LSP: counts that add up, one file per subject, companions as comments', () => {
  let client: TestClient;
  let dir: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rbac-doctor-paste-'));
    mkdirSync(join(dir, 'ctrl'));
    writeFileSync(join(dir, 'ctrl/rbac.yaml'), RBAC);
    client = startInMemory();
    await client.initialize(dir);
    // Lenses asked for while the workspace is read count what is read so far (and are refreshed after).
    while ((await client.connection.sendRequest('rbacDoctor/workspaceStatus') as { state: string }).state !== 'ready') await new Promise((r) => setTimeout(r, 20));
  });
  afterEach(() => client.dispose());

  const lensTitles = async (uri: string) =>
    ((await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as CodeLens[]).map((l) => [l.range.start.line, l.command?.title]);
  const openUntitled = (uri: string, text: string) =>
    client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'kubernetes-log', version: 1, text } });

  it('an empty paste editor has its lens on the first line, saying what to do', async () => {
    const uri = 'untitled:Kubernetes%20log';
    await openUntitled(uri, '');
    assert.deepStrictEqual(await lensTitles(uri), [[0, 'Fix the denials in this text (none yet: paste a log or 403 messages here)']]);
  });

  it('the lens and the command count the same: 5 denials, 1 already allowed by your manifests', async () => {
    const uri = 'untitled:Kubernetes%20log';
    await openUntitled(uri, PASTED_LOG);
    const titles = await lensTitles(uri);
    assert.deepStrictEqual(titles[0], [0, 'Fix the denials in this text (5 denials, 1 already allowed by your manifests)']);
    const result = (await client.connection.sendRequest('rbacDoctor/forbidden', { text: PASTED_LOG })) as ForbiddenResult;
    const { text, fixTitle, ...counts } = result.tally;
    assert.strictEqual(text, '5 denials, 1 already allowed by your manifests');
    assert.strictEqual(fixTitle, 'Fix 4 of 5 denials (1 subject)');
    assert.deepStrictEqual(counts, { denials: 5, toFix: 4, alreadyAllowed: 1, leftOut: 0, notRbac: 0, subjects: 1 });
    assert.strictEqual(result.changes?.reduce((sum, c) => sum + c.denials, 0), counts.toFix);

    // A saved log says the same in its own words.
    const file = join(dir, 'start-up.log');
    await client.open(file, PASTED_LOG, 'kubernetes-log');
    assert.deepStrictEqual((await lensTitles(pathToFileURL(file).toString()))[0], [1, 'Fix 4 of 5 denials (1 subject): 5 denials, 1 already allowed by your manifests']);
  });

  it('the new objects are named <subject>-access.yaml, beside the role bound to the subject, with companions as comments, never one already granted', async () => {
    const result = (await client.connection.sendRequest('rbacDoctor/forbidden', { text: PASTED_LOG })) as ForbiddenResult;
    const [change] = result.changes!;
    assert.strictEqual(change.fileName, 'manager-access.yaml');
    assert.strictEqual(change.suggestedPath, join(dir, 'ctrl/manager-access.yaml'));
    const yaml = change.yaml!;
    assert.doesNotMatch(yaml, /resources: \["pods"\]\n\s+verbs: \["get"/, 'get pods is already allowed: not granted again');
    const comments = yaml.slice(yaml.indexOf('# Not included'));
    assert.match(comments, /^# Not included: /);
    assert.match(comments, /leader election: create, update on leases\.coordination\.k8s\.io in namespace ctrl/);
    assert.match(comments, /an informer: watch on pods, secrets in namespace ctrl/);
    // The manager may already watch configmaps: the informer's companion for its list is not offered.
    assert.doesNotMatch(comments, /configmaps/);
    assert.deepStrictEqual(change.notIncluded, [
      'an informer: watch on pods, secrets in namespace ctrl',
      'leader election: create, update on leases.coordination.k8s.io in namespace ctrl',
    ]);
    // The comments are comments: the objects are those without them.
    assert.ok(yaml.split('\n').filter((l) => l.startsWith('# Not included') || l.startsWith('#   ')).length >= 3);
  });

  it('a single pasted 403 names its new file after the subject too', async () => {
    const result = (await client.connection.sendRequest('rbacDoctor/forbidden', { text: denied('list', 'secrets', '') })) as ForbiddenResult;
    const fresh = result.suggestions.find((s) => s.kind === 'new' && s.title.startsWith('New '));
    assert.strictEqual(fresh?.fileName, 'manager-access.yaml');
    assert.strictEqual(fresh?.suggestedPath, join(dir, 'ctrl/manager-access.yaml'));
    assert.deepStrictEqual(result.tally.text, '1 denial');
  });
});
