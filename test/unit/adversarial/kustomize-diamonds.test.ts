import * as assert from 'assert';
import { analyse } from '../../../server/src/core/analysis';
import { BUILD_BUDGET } from '../../../server/src/core/kustomize/build-budget';
import type { WorkspaceModel } from '../../../server/src/core/model/workspace-model';
import { createWorkspaceModel } from '../../../server/src/core/workspace';
import { DEFAULT_SETTINGS } from '../../../server/src/protocol/settings';
import { kustomizeDiamond, type DiamondShape } from '../../fuzz/adversarial-inputs';

function modelOf(files: Record<string, string>): WorkspaceModel {
  const model = createWorkspaceModel();
  for (const [path, text] of Object.entries(files)) model.setFile(path, text);
  return model;
}

/** CPU milliseconds of the fastest of `runs` calls (other processes on a shared machine do not count). */
function cpuMs(work: () => unknown, runs = 3): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const began = process.cpuUsage();
    work();
    const spent = process.cpuUsage(began);
    best = Math.min(best, (spent.user + spent.system) / 1000);
  }
  return best;
}

const indexNotes = (shape: DiamondShape, depth: number) => modelOf(kustomizeDiamond('/w', depth, shape)).index.kustomizeNotes;

describe('kustomize diamonds: the same resource reached twice stops the build, as kubectl does', () => {
  it('resources: the note is kubectl\'s error, at the entry where kubectl stops (checked with kubectl kustomize 5.5)', () => {
    // kubectl kustomize k0a (depth 4): "recursed merging from path '…/k3b': may not add resource with an
    // already registered id: Role.v1.rbac.authorization.k8s.io/leaf-a.ns", in k2a's accumulation.
    const notes = indexNotes('resources', 4);
    // Every kustomization that includes k2a or k2b is refused by kubectl too: each says so at its entry.
    const message = 'may not add resource with an already registered id: Role.v1.rbac.authorization.k8s.io/leaf-a.ns';
    const described = notes.map((n) => `${n.file.replace('/w/', '').replace('/kustomization.yaml', '')} ${n.entry}`).sort();
    assert.deepStrictEqual(described, ['k0a ../k1a', 'k0a ../k1b', 'k0b ../k1a', 'k0b ../k1b', 'k1a ../k2a', 'k1a ../k2b', 'k1b ../k2a', 'k1b ../k2b', 'k2a ../k3b', 'k2b ../k3b']);
    assert.ok(notes.every((n) => n.refused && n.message === message), notes.map((n) => n.message).join('\n'));
  });

  it('components: the leaf component\'s resource reached twice (kubectl: "merging resources from \'role.yaml\'")', () => {
    const notes = indexNotes('components', 4);
    assert.ok(notes.some((n) => n.file === '/w/k4a/kustomization.yaml' && n.entry === 'role.yaml'), notes.map((n) => `${n.file} ${n.entry}`).join('\n'));
    assert.ok(notes.every((n) => n.refused && /already registered id: Role\.v1\.rbac\.authorization\.k8s\.io\/leaf-[ab]\.ns/.test(n.message)));
  });

  it('a failed build emits nothing: its objects are checked as written, and the workspace is still checked', () => {
    const files = { ...kustomizeDiamond('/w', 22, 'resources'), '/w/other.yaml': 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: other, namespace: shop}\nrules: [{apiGroups: [""], resources: [pods], verbs: ["*"]}]\n' };
    const { findings, failedChecks } = analyse(modelOf(files), DEFAULT_SETTINGS);
    assert.deepStrictEqual(failedChecks, []);
    // RBAC035, in kubectl's words; nothing of the budget (RBAC033).
    // Refused at every level above k20 (each build there fails in kubectl too), a note per entry: linear, never a crash.
    const refused = findings.filter((f) => f.code === 'RBAC035' || f.code === 'RBAC033');
    assert.ok(refused.every((f) => f.code === 'RBAC035'), refused.filter((f) => f.code !== 'RBAC035').map((f) => f.message).join('\n'));
    assert.ok(refused.length >= 2 && refused.length <= 4 * 22, `${refused.length} notes`);
    assert.match(findings.find((f) => f.code === 'RBAC035')!.message, /kubectl kustomize refuses this build: may not add resource with an already registered id: Role\.v1\.rbac\.authorization\.k8s\.io\/leaf-a\.ns/);
    assert.ok(findings.some((f) => f.file === '/w/other.yaml' && f.code === 'RBAC101'));
    assert.ok(!findings.some((f) => f.code === 'RBAC034'));
  });

  it('said once per cause and once per build a user runs, never once per path (22 deep: 4 notes, not 82)', () => {
    const findings = analyse(modelOf(kustomizeDiamond('/w', 22, 'resources')), DEFAULT_SETTINGS).findings.filter((f) => f.code === 'RBAC035');
    const described = findings.map((f) => `${f.file.replace('/w/', '').replace('/kustomization.yaml', '')}:${f.range.start.line}`).sort();
    // Where kubectl stops (k20a and k20b each add ../k21b's Roles again), and the two roots, at their first entry.
    assert.deepStrictEqual(described, ['k0a:3', 'k0b:3', 'k20a:4', 'k20b:4']);
    const root = findings.find((f) => f.file === '/w/k0a/kustomization.yaml')!;
    assert.strictEqual(root.message, 'kubectl kustomize refuses this build: may not add resource with an already registered id: Role.v1.rbac.authorization.k8s.io/leaf-a.ns (in ../k20a, at ../k21b). Nothing it would emit is counted here.');
    // Two levels deeper, the same four.
    assert.strictEqual(analyse(modelOf(kustomizeDiamond('/w', 24, 'resources')), DEFAULT_SETTINGS).findings.filter((f) => f.code === 'RBAC035').length, 4);
  });

  it('a cycle is said where it closes and at the build that starts it', () => {
    const files = { '/w/a/kustomization.yaml': 'resources:\n- ../b\n', '/w/b/kustomization.yaml': 'resources:\n- ../a\n' };
    const findings = analyse(modelOf(files), DEFAULT_SETTINGS).findings.filter((f) => f.code === 'RBAC035');
    assert.ok(findings.length >= 1 && findings.length <= 2, findings.map((f) => f.message).join('\n'));
    assert.ok(findings.every((f) => /cycle detected/.test(f.message)));
  });

  it('the same id spelt with and without `namespace: default` is the same resource; another namespace is not', () => {
    const role = (ns: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r${ns}}\nrules: []\n`;
    const same = modelOf({ '/w/kustomization.yaml': 'resources:\n- a.yaml\n- b.yaml\n', '/w/a.yaml': role(''), '/w/b.yaml': role('').replace('{name: r}', '{name: r, namespace: default}') });
    assert.match(same.index.kustomizeNotes[0]?.message ?? '', /already registered id: Role\.v1\.rbac\.authorization\.k8s\.io\/r\.default/);
    const apart = modelOf({ '/w/kustomization.yaml': 'resources:\n- a.yaml\n- b.yaml\n', '/w/a.yaml': role(''), '/w/b.yaml': role('').replace('{name: r}', '{name: r, namespace: other}') });
    assert.deepStrictEqual(apart.index.kustomizeNotes, []);
  });
});

describe('kustomize builds within a budget', () => {
  it('components that only transform, in a diamond 24 deep: stopped after the component budget, said at the entry', function () {
    this.timeout(60_000);
    const began = Date.now();
    const notes = indexNotes('transforming components', 24);
    assert.ok(Date.now() - began < 20_000, `${Date.now() - began} ms`);
    assert.ok(notes.length > 0);
    assert.ok(notes.every((n) => n.message.includes(`applies components more than ${BUILD_BUDGET.maxComponents.toLocaleString('en-US')} times`) && !n.refused), notes.map((n) => n.message).join('\n'));
  });

  it('a chain of kustomizations deeper than the nesting budget stops with a note, not a stack overflow', () => {
    const files: Record<string, string> = {};
    const depth = BUILD_BUDGET.maxDepth + 50;
    for (let i = 0; i < depth; i++) files[`/w/k${i}/kustomization.yaml`] = `resources:\n- ../k${i + 1}\n`;
    files[`/w/k${depth}/kustomization.yaml`] = 'resources:\n- sa.yaml\n';
    files[`/w/k${depth}/sa.yaml`] = 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: sa}\n';
    const notes = modelOf(files).index.kustomizeNotes;
    assert.strictEqual(notes.length, 1);
    assert.match(notes[0].message, new RegExp(`nested more than ${BUILD_BUDGET.maxDepth} deep`));
  });

  for (const shape of ['resources', 'components', 'transforming components'] as const) {
    it(`growth: a diamond of ${shape} two levels deeper costs about the same, not four times as much`, function () {
      this.timeout(120_000);
      const build = (depth: number) => () => modelOf(kustomizeDiamond('/w', depth, shape)).index;
      build(20)();
      const small = cpuMs(build(20));
      const large = cpuMs(build(22));
      // Exponential work (a copy per path) gives 4; linear work gives 22/20 plus noise.
      assert.ok(large / small < 2.5, `depth 20: ${small.toFixed(1)} ms, depth 22: ${large.toFixed(1)} ms (×${(large / small).toFixed(2)})`);
    });
  }
});
