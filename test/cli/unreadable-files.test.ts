import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { rbacDoctorAsync } from '../helpers/run-cli';

const ROLE = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: reader
  namespace: shop
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get"]
`;

/**
 * Files that would hang or exhaust a reader are never parsed: each is named on standard error with its
 * reason, and everything else is still checked. Every run here would hang or take minutes without it
 * (the FIFO blocks the read for ever; /dev/zero never ends).
 */
describe('rbac-doctor check on files it must not read', function () {
  this.timeout(60_000);
  let dir: string;
  let outside: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'rbac-unreadable-'));
    outside = mkdtempSync(join(tmpdir(), 'rbac-outside-'));
    writeFileSync(join(dir, 'role.yaml'), ROLE);
    execFileSync('mkfifo', [join(dir, 'p.yaml')]);
    symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
    writeFileSync(join(outside, 'secret.yaml'), ROLE.replace('reader', 'outsider'));
    symlinkSync(join(outside, 'secret.yaml'), join(dir, 'linked-out.yaml'));
    mkdirSync(join(dir, 'inner'));
    writeFileSync(join(dir, 'inner', 'real.yaml'), ROLE.replace('reader', 'linked'));
    symlinkSync(join(dir, 'inner', 'real.yaml'), join(dir, 'linked-in.yaml'));
    // A flow-style document on one 5 MB line: the kind of line a YAML parser spends gigabytes on.
    writeFileSync(join(dir, 'one-line.yaml'), `{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}, "data": {"a": "${'x'.repeat(5 * 1024 * 1024)}"}}\n`);
    writeFileSync(join(dir, 'big.yaml'), `${ROLE}---\n${'# padding\n'.repeat(1_200_000)}`);
  });

  after(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('skips a FIFO, a device link, a link out of the workspace, a 5 MB line and a 12 MB file, saying why', async () => {
    const result = await rbacDoctorAsync(['check', '--format', 'json', '.'], { cwd: dir });
    const notices = result.stderr.trim().split('\n').sort();
    assert.deepStrictEqual(notices.map((line) => line.replace(/(\.yaml): .*/, '$1')), [
      'rbac-doctor: skipped big.yaml',
      'rbac-doctor: skipped linked-out.yaml',
      'rbac-doctor: skipped one-line.yaml',
      'rbac-doctor: skipped p.yaml',
      'rbac-doctor: skipped zero.yaml',
    ]);
    assert.match(notices[0], /big\.yaml: 11\.\d MB, above the 10 MB limit/);
    assert.match(notices[1], /a symbolic link to .*secret\.yaml, outside the workspace/);
    assert.match(notices[2], /line 1 is 5\.0 MB long, above the 1 MB/);
    assert.match(notices[3], /a named pipe \(FIFO\)/);
    assert.match(notices[4], /zero\.yaml: a symbolic link to \/dev\/zero, outside the workspace/);
    const summary = (JSON.parse(result.stdout) as { summary: { files: number } }).summary;
    // role.yaml, inner/real.yaml and the link to it inside the workspace.
    assert.strictEqual(summary.files, 3);
  });

  it('--max-file-size raises the limit', async () => {
    const result = await rbacDoctorAsync(['check', '--format', 'json', '--max-file-size', '20', '.'], { cwd: dir });
    assert.doesNotMatch(result.stderr, /big\.yaml/);
    assert.match(result.stderr, /p\.yaml/);
    assert.strictEqual((JSON.parse(result.stdout) as { summary: { files: number } }).summary.files, 4);
  });

  it('refuses a size that is not a number of megabytes', async () => {
    const result = await rbacDoctorAsync(['check', '--max-file-size', 'ten', '.'], { cwd: dir });
    assert.strictEqual(result.code, 2);
    assert.match(result.stderr, /--max-file-size takes a size in megabytes/);
  });

  it('names a FIFO given on the command line without opening it', async () => {
    const result = await rbacDoctorAsync(['check', 'p.yaml', 'role.yaml'], { cwd: dir });
    assert.match(result.stderr, /skipped p\.yaml: a named pipe/);
  });
});
