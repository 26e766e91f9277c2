import * as assert from 'assert';
import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { analyse } from '../../../server/src/core/analysis';
import { buildCounters } from '../../../server/src/core/kustomize/build';
import type { WorkspaceModel } from '../../../server/src/core/model/workspace-model';
import { createWorkspaceModel } from '../../../server/src/core/workspace';
import { DEFAULT_SETTINGS } from '../../../server/src/protocol/settings';

// Builds are kept from one version of a workspace to the next and made again only when a file they read
// changed. After any sequence of edits in a kustomize tree, a long-lived model must report what a model
// read from scratch reports: findings, build notes, and what the builds make of every object.

const FIXTURES = join(__dirname, '../../../../test/fixtures/kustomize');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : /\.ya?ml$/.test(entry) ? [path] : [];
  });
}

function trees(): string[] {
  return ['trees', 'synthetic'].flatMap((group) => readdirSync(join(FIXTURES, group)).sort().map((name) => join(FIXTURES, group, name)));
}

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** What a user sees of the model: findings, build notes, and each object's built name, namespace, subjects, roleRef, rules and account. */
function shape(model: WorkspaceModel): string[] {
  const analysis = analyse(model, DEFAULT_SETTINGS);
  const index = model.index;
  return [
    ...analysis.findings.map((f) => `finding ${JSON.stringify(f)}`),
    ...index.kustomizeNotes.map((n) => `note ${JSON.stringify(n)}`),
    ...index.kustomizeNotBuilt.map((n) => `not built ${n.object.doc.file} ${n.object.kind}/${n.object.name} ${n.refusedBuilds.join(',')}`),
    ...index.objects.map((o) => {
      const view = o as unknown as Record<string, unknown>;
      return `object ${o.doc.file} ${o.kind} ${JSON.stringify([o.name, o.namespace, view.rules, view.roleRef, view.subjects, view.serviceAccountName, o.kustomize])}`;
    }),
    ...[...index.kustomizePatchedRoles].map(([role, views]) => `patched ${role.doc.file} ${role.name} ${JSON.stringify(views.map((v) => [v.role.doc.file, v.role.node.range, v.role.rules, v.within]))}`),
  ].sort();
}

/** Edits a person makes in a kustomization or a patch: a character typed in a value, a line removed, a line put back. */
function edit(text: string, pick: () => number): string {
  const values = [...text.matchAll(/: [A-Za-z0-9./-]+$/gm)];
  const lines = [...text.matchAll(/^.*$/gm)];
  const choice = pick();
  if (choice < 0.6 && values.length > 0) {
    const match = values[Math.floor(pick() * values.length)];
    const at = match.index! + match[0].length;
    return `${text.slice(0, at)}x${text.slice(at)}`;
  }
  if (choice < 0.8 && lines.length > 1) {
    const line = lines[Math.floor(pick() * lines.length)];
    return text.slice(0, line.index!) + text.slice(line.index! + line[0].length + 1);
  }
  const line = lines[Math.floor(pick() * lines.length)];
  return `${text.slice(0, line.index!)}  - extra.yaml\n${text.slice(line.index!)}`;
}

describe('kustomize builds kept between versions of a workspace', () => {
  for (const tree of trees()) {
    const name = tree.slice(FIXTURES.length + 1);
    it(`equal a fresh read after every edit: ${name}`, function () {
      this.timeout(120_000);
      const paths = filesUnder(tree);
      const originals = new Map(paths.map((p) => [p, readFileSync(p, 'utf8')]));
      const texts = new Map(originals);
      const model = createWorkspaceModel();
      for (const [path, text] of texts) model.setFile(path, text);
      shape(model);
      const kept = new Set(model.index.objects.map((o) => o.doc.file));
      const editable = paths.filter((p) => /(^|\/)kustomization\.ya?ml$/.test(p) || !kept.has(p));
      const pick = random(name.length * 7919);
      const history: string[] = [];
      // Fewer steps in the largest tree: each step reads the whole tree again from scratch.
      for (let step = 0, steps = paths.length > 100 ? 5 : 12; step < steps; step++) {
        const path = editable[Math.floor(pick() * editable.length)];
        const restore = pick() < 0.3;
        texts.set(path, restore ? originals.get(path)! : edit(texts.get(path)!, pick));
        history.push(`${restore ? 'restore' : 'edit'} ${path.slice(tree.length + 1)}`);
        model.setFile(path, texts.get(path)!);
        const fresh = createWorkspaceModel();
        for (const [p, text] of texts) fresh.setFile(p, text);
        const incremental = shape(model);
        const expected = shape(fresh);
        const missing = expected.filter((line) => !incremental.includes(line));
        const extra = incremental.filter((line) => !expected.includes(line));
        assert.deepStrictEqual(incremental, expected, `after: ${history.join('; ')}\nmissing:\n${missing.join('\n')}\nextra:\n${extra.join('\n')}`);
      }
    });
  }

  it('build again only the builds that read the edited file', () => {
    const model = createWorkspaceModel();
    const base = '/w/base';
    model.setFile(`${base}/kustomization.yaml`, 'resources:\n  - rbac.yaml\n');
    model.setFile(`${base}/rbac.yaml`, 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app\n');
    for (const overlay of ['a', 'b', 'c']) {
      model.setFile(`/w/overlays/${overlay}/kustomization.yaml`, `namespace: ns-${overlay}\nresources:\n  - ../../base\n`);
    }
    model.setFile('/w/other/kustomization.yaml', 'resources:\n  - sa.yaml\n');
    model.setFile('/w/other/sa.yaml', 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: other\n');
    analyse(model, DEFAULT_SETTINGS);
    const made = () => {
      const before = { ...buildCounters };
      analyse(model, DEFAULT_SETTINGS);
      return { builds: buildCounters.builds - before.builds, accumulations: buildCounters.accumulations - before.accumulations };
    };
    model.setFile('/w/overlays/b/kustomization.yaml', 'namespace: ns-bx\nresources:\n  - ../../base\n');
    // Only overlay b is built again; the base it includes is kept.
    assert.deepStrictEqual(made(), { builds: 1, accumulations: 1 });
    model.setFile(`${base}/rbac.yaml`, 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app2\n');
    // The base changed: the three overlays that include it, and the base once; not the other tree.
    assert.deepStrictEqual(made(), { builds: 3, accumulations: 4 });
    model.setFile('/w/other/sa.yaml', 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: other2\n');
    assert.deepStrictEqual(made(), { builds: 1, accumulations: 1 });
    const app = model.index.serviceAccounts.find((sa) => sa.kustomize?.written.name === 'app2');
    assert.deepStrictEqual(app?.kustomize?.variants?.map((v) => `${v.namespace}/${v.name}`), ['ns-a/app2', 'ns-bx/app2', 'ns-c/app2']);
  });
});
