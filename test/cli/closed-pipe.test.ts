import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { CLI } from '../helpers/run-cli';

/** Enough bindings that who-can writes far more than a pipe buffers (64 KiB): the writer meets the closed pipe. */
function manyBindings(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'rbac-doctor-pipe-'));
  const docs = ['apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: reader, namespace: shop}\nrules:\n- apiGroups: [""]\n  resources: ["pods"]\n  verbs: ["get"]'];
  for (let i = 0; i < count; i++) {
    docs.push(`apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: reader-${i}, namespace: shop}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}\nsubjects:\n- kind: ServiceAccount\n  name: account-with-a-long-name-${i}`);
  }
  writeFileSync(join(dir, 'rbac.yaml'), docs.join('\n---\n'));
  return dir;
}

describe('rbac-doctor writing into a pipe that closes early', () => {
  it('`who-can … | head -1` ends quietly with exit 0 (a real shell pipe)', () => {
    const dir = manyBindings(1500);
    // PIPESTATUS[0] is the CLI's own exit status, not head's.
    const script = `"${process.execPath}" "${CLI}" who-can get pods -n shop | head -1; echo "cli-exit=\${PIPESTATUS[0]}" >&2`;
    for (let run = 0; run < 3; run++) {
      const result = spawnSync('bash', ['-c', script], { cwd: dir, encoding: 'utf8' });
      assert.match(result.stdout, /^KIND +SUBJECT +BINDING +ROLE +SOURCE\n$/);
      assert.strictEqual(result.stderr, 'cli-exit=0\n', 'no stack trace, exit 0');
    }
  });
});
