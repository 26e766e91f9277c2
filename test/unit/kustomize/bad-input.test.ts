import * as assert from 'assert';
import { modelOf, runAll, type Files } from '../../helpers/check-harness';

const SA = 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: app}\n';

/** Kustomizations as people get them wrong: every one gives an answer (a note or nothing), never an exception. */
const CASES: Record<string, Files> = {
  'resources that is not a list': { '/w/kustomization.yaml': 'resources: sa.yaml\nnamespace: [a]\n', '/w/sa.yaml': SA },
  'a kustomization that includes itself': { '/w/kustomization.yaml': 'resources:\n- .\n- sa.yaml\n', '/w/sa.yaml': SA },
  'two that include each other': { '/w/a/kustomization.yaml': 'resources:\n- ../b\n', '/w/b/kustomization.yaml': 'resources:\n- ../a\n- sa.yaml\n', '/w/b/sa.yaml': SA },
  'a component listed as a resource': { '/w/kustomization.yaml': 'resources:\n- c\n', '/w/c/kustomization.yaml': 'kind: Component\nresources:\n- ../sa.yaml\n', '/w/sa.yaml': SA },
  'broken patches': {
    '/w/kustomization.yaml': `resources:\n- sa.yaml\npatches:\n- path: nowhere.yaml\n- patch: "[{op: replace, path: /nope/0, value: 1}]"\n  target: {kind: ServiceAccount}\n- patch: "- {op: frobnicate, path: /x}"\n  target: {name: "(["}\n- {}\n- patch: "not: [closed"\npatchesJson6902:\n- {path: x.yaml}\npatchesStrategicMerge:\n- "kind: ServiceAccount\\nmetadata: {name: other}"\n`,
    '/w/sa.yaml': SA,
  },
  'odd transformers and configurations': {
    '/w/kustomization.yaml': 'resources:\n- sa.yaml\ntransformers:\n- t.yaml\n- "apiVersion: example.com/v1\\nkind: MyPlugin"\nconfigurations:\n- c.yaml\n- missing.yaml\n',
    '/w/t.yaml': 'apiVersion: builtin\nkind: PrefixSuffixTransformer\nprefix: p-\nfieldSpecs: [{path: ""}, {path: metadata/name}, {path: "a/b/c"}]\n---\napiVersion: builtin\nkind: NamespaceTransformer\nmetadata: {namespace: [x]}\n',
    '/w/c.yaml': 'nameReference:\n- kind: ServiceAccount\n  fieldSpecs: [{path: spec/x}]\n- nonsense\n',
    '/w/sa.yaml': SA,
  },
  'an empty kustomization and a Kustomization file with flow style': { '/w/kustomization.yaml': '', '/w/k/Kustomization': '{resources: [../sa.yaml], namePrefix: x-}', '/w/sa.yaml': SA },
};

describe('kustomize: bad input gets an answer, never an exception', () => {
  for (const [name, files] of Object.entries(CASES)) {
    it(name, () => {
      const model = modelOf(files);
      assert.doesNotThrow(() => model.index);
      assert.doesNotThrow(() => runAll(files));
    });
  }

  it('says what it could not apply among broken patches', () => {
    const notes = modelOf(CASES['broken patches']).index.kustomizeNotes.map((n) => `${n.field}:${n.entry}`);
    assert.ok(notes.includes('patches:nowhere.yaml'), notes.join('\n'));
    assert.ok(notes.some((n) => n.startsWith('patchesJson6902:')), notes.join('\n'));
  });

  it('applies the readable part of a transformer file and names the plugin it does not run', () => {
    const { index } = modelOf(CASES['odd transformers and configurations']);
    assert.strictEqual(index.serviceAccounts[0].name, 'p-app');
    assert.ok(index.kustomizeNotes.some((n) => /MyPlugin/.test(n.message)), JSON.stringify(index.kustomizeNotes));
    assert.ok(index.kustomizeNotes.some((n) => n.entry === 'missing.yaml'));
  });
});
