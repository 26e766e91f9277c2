import * as assert from 'node:assert';
import { execFileSync } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { delimiter, join } from 'path';
import { stringify } from 'yaml';
import { ClusterError, redact } from '../../../server/src/cluster/cluster-error';
import { kubeconfigFiles, loadKubeconfig, selectContext } from '../../../server/src/cluster/kubeconfig';

function kubeconfig(dir: string, name: string, config: object): string {
  const path = join(dir, name);
  writeFileSync(path, stringify({ apiVersion: 'v1', kind: 'Config', ...config }));
  return path;
}

describe('cluster: kubeconfig files, merged as kubectl merges them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rbac-doctor-kubeconfig-'));
  const first = kubeconfig(dir, 'first', {
    'current-context': 'dev',
    clusters: [{ name: 'c', cluster: { server: 'https://first.example:6443', 'certificate-authority': 'ca.crt' } }],
    users: [{ name: 'u', user: { token: 'first-token' } }],
    contexts: [{ name: 'dev', context: { cluster: 'c', user: 'u', namespace: 'shop' } }],
  });
  const second = kubeconfig(dir, 'second', {
    'current-context': 'prod',
    clusters: [{ name: 'c', cluster: { server: 'https://second.example:6443' } }, { name: 'p', cluster: { server: 'https://prod.example:6443' } }],
    users: [{ name: 'u', user: { token: 'second-token' } }],
    contexts: [{ name: 'dev', context: { cluster: 'p', user: 'u' } }, { name: 'prod', context: { cluster: 'p', user: 'u' } }],
  });

  it('KUBECONFIG is a path list; ~/.kube/config without it; an explicit list wins', () => {
    assert.deepStrictEqual(kubeconfigFiles(undefined, { KUBECONFIG: `${first}${delimiter}${second}` }), [first, second]);
    assert.deepStrictEqual(kubeconfigFiles(undefined, { HOME: '/home/me' }), ['/home/me/.kube/config']);
    assert.deepStrictEqual(kubeconfigFiles(first, { KUBECONFIG: second }), [first]);
    assert.deepStrictEqual(kubeconfigFiles('~/.kube/dev', { HOME: '/home/me' }), ['/home/me/.kube/dev']);
  });

  it('the first file to define a name wins, and the first current-context is current', () => {
    const merged = loadKubeconfig([first, second]);
    assert.strictEqual(merged.currentContext, 'dev');
    assert.deepStrictEqual(merged.contexts.map((c) => c.name), ['dev', 'prod']);
    assert.strictEqual(merged.getCluster('c')?.server, 'https://first.example:6443');
    assert.strictEqual(merged.getUser('u')?.token, 'first-token');
    assert.strictEqual(merged.getContextObject('dev')?.cluster, 'c');
  });

  it('relative certificate paths are relative to their own file', () => {
    assert.strictEqual(loadKubeconfig([first]).getCluster('c')?.caFile, join(dir, 'ca.crt'));
  });

  it('a missing file in a list is skipped; a missing explicit file or an empty list is an error', () => {
    assert.strictEqual(loadKubeconfig([join(dir, 'absent'), second]).currentContext, 'prod');
    assert.throws(() => loadKubeconfig([join(dir, 'absent')], true), (e: Error) => e instanceof ClusterError && /no kubeconfig at .*absent/.test(e.message));
    assert.throws(() => loadKubeconfig([join(dir, 'absent')]), /set KUBECONFIG or pass --kubeconfig/);
  });

  it('an unreadable kubeconfig names the file', () => {
    const broken = join(dir, 'broken');
    writeFileSync(broken, 'clusters: [oops\n');
    assert.throws(() => loadKubeconfig([broken]), (e: Error) => e instanceof ClusterError && e.message.includes(broken));
  });

  it('a kubeconfig that is a FIFO, a device or a directory is refused at once, never read', () => {
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    for (const [path, reason] of [[fifo, /a named pipe \(FIFO\)/], ['/dev/zero', /a device/], [dir, /a directory/]] as const) {
      assert.throws(() => loadKubeconfig([path], true), (error: Error) => error instanceof ClusterError && reason.test(error.message) && error.message.includes('is not read'));
    }
  });

  it('--context picks a context, --cluster replaces its cluster, unknown names list the known ones', () => {
    const merged = loadKubeconfig([first, second]);
    assert.strictEqual(selectContext(merged, 'prod').getCurrentCluster()?.server, 'https://prod.example:6443');
    assert.strictEqual(selectContext(merged, undefined, 'p').getCurrentCluster()?.server, 'https://prod.example:6443');
    assert.strictEqual(selectContext(merged).getCurrentContext(), 'dev');
    assert.throws(() => selectContext(merged, 'staging'), /no context "staging" \(it has: dev, prod\)/);
    assert.throws(() => selectContext(merged, 'dev', 'nope'), /no cluster "nope"/);
  });
});

describe('cluster: messages never carry credentials', () => {
  const cases: [string, string][] = [
    ['Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.payload.sig', 'Authorization: Bearer [redacted]'],
    ['{"token":"s3cr3t-value","kind":"ExecCredential"}', '{"token":"[redacted]","kind":"ExecCredential"}'],
    ['refresh-token=abc123 other', 'refresh-token=[redacted] other'],
    ['key: -----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----', 'key: [redacted private key]'],
    ['cannot list pods', 'cannot list pods'],
  ];
  for (const [text, expected] of cases) {
    it(`redacts ${JSON.stringify(text.slice(0, 30))}`, () => assert.strictEqual(redact(text), expected));
  }

  it('a ClusterError is redacted when built', () => {
    assert.strictEqual(new ClusterError('plugin said: Bearer abc.def').message, 'plugin said: Bearer [redacted]');
  });
});
