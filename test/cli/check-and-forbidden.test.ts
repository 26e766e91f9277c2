import * as assert from 'assert';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { isAbsolute, join } from 'path';
import { REPO, rbacDoctor } from '../helpers/run-cli';

function exampleCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rbac-doctor-shop-'));
  cpSync(join(REPO, 'examples/shop'), dir, { recursive: true });
  return dir;
}

describe('rbac-doctor check', () => {
  it('prints compiler-style findings with their fixes and exits 1 on errors', () => {
    const dir = exampleCopy();
    const result = rbacDoctor(['check', '.'], { cwd: dir });
    assert.strictEqual(result.code, 1);
    const deployer = readFileSync(join(dir, 'deployer-rbac.yaml'), 'utf8').split('\n');
    const line = deployer.findIndex((l) => l.includes('"deployments"')) + 1;
    assert.match(result.stdout, new RegExp(`^deployer-rbac\\.yaml:${line}:\\d+ error RBAC002 `, 'm'));
    assert.match(result.stdout, /fix: Change apiGroups to "apps"/);
    assert.match(result.stdout, /warning RBAC001 Unknown verb `lsit`/);
  });

  it('JSON follows the contract, 0-based positions, plus the text form of the position', () => {
    const result = rbacDoctor(['check', '--format', 'json', 'examples/shop']);
    const json = JSON.parse(result.stdout) as { findings: Record<string, unknown>[] };
    const first = json.findings[0];
    assert.deepStrictEqual(Object.keys(first).sort(), ['category', 'code', 'file', 'fixes', 'location', 'message', 'range', 'severity']);
    assert.ok(isAbsolute(first.file as string));
    const start = (first.range as { start: { line: number; character: number } }).start;
    assert.strictEqual(first.location, `examples/shop/deployer-rbac.yaml:${start.line + 1}:${start.character + 1}`);
    // The text output prints the same position for the same finding.
    assert.match(rbacDoctor(['check', 'examples/shop']).stdout, new RegExp(`^${String(first.location)} ${String(first.severity)} ${String(first.code)} `, 'm'));
    const text = readFileSync(first.file as string, 'utf8').split('\n');
    const range = first.range as { start: { line: number; character: number } };
    assert.ok(text[range.start.line].slice(range.start.character).startsWith('"deployments"'));
  });

  it('SARIF 2.1.0 with rules and 1-based regions', () => {
    const sarif = JSON.parse(rbacDoctor(['check', '--format', 'sarif', 'examples/shop']).stdout);
    assert.strictEqual(sarif.version, '2.1.0');
    const rules = sarif.runs[0].tool.driver.rules as { id: string; name: string; shortDescription: { text: string }; fullDescription: { text: string }; helpUri: string }[];
    const rbac002 = rules.find((r) => r.id === 'RBAC002');
    assert.ok(rbac002);
    assert.deepStrictEqual([rules[0].name, rules.find((r) => r.id === 'RBAC009')?.name], ['UnknownVerb', 'RoleRefToMissingRole']);
    for (const rule of rules) {
      assert.match(rule.name, /^(?:[A-Z][a-z0-9]+)+$/, rule.id);
      assert.ok(rule.shortDescription.text && rule.fullDescription.text.length > rule.shortDescription.text.length, rule.id);
      assert.ok(rule.helpUri.endsWith(`docs/checks.md#${rule.id.toLowerCase()}`), rule.id);
    }
    assert.ok(sarif.runs[0].results.every((r: { locations: { physicalLocation: { region: { startLine: number } } }[] }) => r.locations[0].physicalLocation.region.startLine >= 1));
  });

  it('--min-severity error keeps only errors; a clean workspace exits 0', () => {
    const result = rbacDoctor(['check', '--min-severity', 'error', '--format', 'json', 'examples/shop']);
    assert.ok((JSON.parse(result.stdout).findings as { severity: string }[]).every((f) => f.severity === 'error'));
    const clean = mkdtempSync(join(tmpdir(), 'rbac-doctor-clean-'));
    writeFileSync(join(clean, 'sa.yaml'), 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a, namespace: b}\n');
    assert.strictEqual(rbacDoctor(['check', clean]).code, 0);
  });

  it('says what it read: files, documents analysed, unreadable and skipped (text and JSON)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rbac-doctor-summary-'));
    writeFileSync(join(dir, 'sa.yaml'), 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a, namespace: b}\n---\n# only a comment\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: b}\n');
    writeFileSync(join(dir, 'chart.yaml'), 'kind: Role\nmetadata:\n  name: {{ .Release.Name }}-reader\n');
    writeFileSync(join(dir, 'workflow.yml'), 'name: ci\non: push\n');
    const text = rbacDoctor(['check', dir]);
    assert.strictEqual(text.code, 0, text.stderr);
    assert.match(text.stdout, /^No RBAC problems found\.\n3 files read: 2 documents analysed, 2 skipped \(1 template, 1 non-Kubernetes YAML\)\.\n$/);
    const json = JSON.parse(rbacDoctor(['check', '--format', 'json', dir]).stdout);
    assert.deepStrictEqual(json.summary, { files: 3, documents: 2, unreadable: 0, skipped: { templates: 1, notKubernetes: 1 } });
  });

  it('a path without Kubernetes manifests says so and exits 2; next to a good path it is a notice', () => {
    const empty = mkdtempSync(join(tmpdir(), 'rbac-doctor-nothing-'));
    const result = rbacDoctor(['check', '.'], { cwd: empty });
    assert.strictEqual(result.code, 2);
    assert.strictEqual(result.stderr, 'No Kubernetes manifests found in .\n');
    assert.doesNotMatch(result.stdout, /No RBAC problems found/);
    writeFileSync(join(empty, 'values.yaml'), 'replicas: 2\n');
    const good = mkdtempSync(join(tmpdir(), 'rbac-doctor-good-'));
    writeFileSync(join(good, 'sa.yaml'), 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a, namespace: b}\n');
    const mixed = rbacDoctor(['check', good, empty]);
    assert.strictEqual(mixed.code, 0);
    assert.strictEqual(mixed.stderr, `No Kubernetes manifests found in ${empty}\n`);
    assert.strictEqual(rbacDoctor(['check', good]).code, 0);
  });

  it('survives broken YAML and Helm templates with a clear answer', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rbac-doctor-broken-'));
    writeFileSync(join(dir, 'broken.yaml'), 'kind: Role\nmetadata: [unclosed\n');
    writeFileSync(join(dir, 'chart.yaml'), 'kind: Role\nmetadata:\n  name: {{ include "x" . }}\n');
    const result = rbacDoctor(['check', dir], { cwd: dir });
    // The broken document is an error at the parser's position; the template is skipped, not an error.
    assert.strictEqual(result.code, 1, result.stderr);
    assert.match(result.stdout, /^broken\.yaml:2:\d+ error RBAC026 YAML syntax error: /m);
    assert.doesNotMatch(result.stdout, /chart\.yaml/);
    assert.strictEqual(rbacDoctor(['check', '/does/not/exist']).code, 2);
  });
});

describe('rbac-doctor forbidden', () => {
  /** A folder without manifests: the answer is new YAML, not an edit. */
  const empty = mkdtempSync(join(tmpdir(), 'rbac-doctor-empty-'));
  const denial = 'Error from server (Forbidden): pods "web-1" is forbidden: User "system:serviceaccount:shop:deployer" cannot get resource "pods/log" in API group "" in the namespace "shop"';

  it('prints least-privilege YAML that the engine then allows', () => {
    const result = rbacDoctor(['forbidden', denial], { cwd: empty });
    assert.strictEqual(result.code, 0);
    assert.match(result.stdout, /kind: Role\n/);
    assert.match(result.stdout, /resources: \["pods\/log"\]\n {2}verbs: \["get"\]/);
    assert.match(result.stdout, /# {3}kubectl auth can-i get pods -n shop --subresource=log --as system:serviceaccount:shop:deployer/);
    const dir = mkdtempSync(join(tmpdir(), 'rbac-doctor-grant-'));
    writeFileSync(join(dir, 'grant.yaml'), result.stdout);
    const as = ['--as', 'system:serviceaccount:shop:deployer', '-f', dir, '--no-builtin-roles'];
    assert.strictEqual(rbacDoctor(['can-i', 'get', 'pods', '--subresource', 'log', '-n', 'shop', ...as]).code, 0);
    assert.strictEqual(rbacDoctor(['can-i', 'get', 'pods', '-n', 'shop', ...as]).code, 1);
    assert.strictEqual(rbacDoctor(['can-i', 'get', 'pods', '--subresource', 'log', '-n', 'other', ...as]).code, 1);
  });

  it('with -f, repairs the misspelt pods/logs entry of the role already bound to the subject (a unified diff)', () => {
    const dir = exampleCopy();
    const result = rbacDoctor(['forbidden', '-f', '.', denial], { cwd: dir });
    assert.strictEqual(result.code, 0);
    assert.match(result.stdout, /^--- a\/deployer-rbac\.yaml\n\+\+\+ b\/deployer-rbac\.yaml\n@@ /);
    assert.match(result.stdout, /\n- {4}resources: \["pods\/logs"\]\n\+ {4}resources: \["pods\/log"\]\n/);
    assert.strictEqual(result.stdout.match(/^\+ /gm)?.length, 1, 'one changed line, no second rule');
    assert.match(result.stderr, /Change pods\/logs to pods\/log \(the entry never matched\) in Role deployer/);
  });

  it('without -f, reads the current directory, as can-i and who-can do', () => {
    const dir = exampleCopy();
    const implicit = rbacDoctor(['forbidden', denial], { cwd: dir });
    assert.strictEqual(implicit.code, 0, implicit.stderr);
    assert.match(implicit.stdout, /^--- a\/deployer-rbac\.yaml\n/);
    assert.strictEqual(implicit.stdout, rbacDoctor(['forbidden', '-f', '.', denial], { cwd: dir }).stdout);
  });

  it('reads stdin, and --json follows the contract', () => {
    const result = rbacDoctor(['forbidden', '--json', '-'], { input: denial, cwd: empty });
    const json = JSON.parse(result.stdout);
    assert.deepStrictEqual(Object.keys(json.denials[0]).sort(), ['apiGroup', 'kind', 'namespace', 'nonResourceURL', 'rbac', 'resource', 'resourceName', 'scope', 'subject', 'subresource', 'verb']);
    assert.strictEqual(json.suggestions[0].kind, 'new');
    assert.ok(json.suggestions[0].yaml.includes('kind: RoleBinding'));
  });

  it('explains look-alikes and exits 3', () => {
    const result = rbacDoctor(['forbidden', 'pods "x" is forbidden: exceeded quota: compute, requested: cpu=1'], { cwd: empty });
    assert.strictEqual(result.code, 3);
    assert.match(result.stderr, /ResourceQuota/);
    assert.strictEqual(result.stdout, '');
  });
});
