// Regenerates the kustomize oracle fixtures: copies the kustomize trees of a corpus (every tree of
// corpus/kustomize, and every folder of corpus/real that holds a kustomization) into
// test/fixtures/kustomize/trees and renders every kustomization there and in
// test/fixtures/kustomize/synthetic (hand-written cases: components, patches, subjects) with the real
// `kubectl kustomize` into test/fixtures/kustomize/expected (all committed; the tests never run kubectl).
//   node scripts/render-kustomize-fixtures.mjs PATH/TO/corpus
// Only what RBAC reads is kept from the rendered output (kind, namespace, name, subjects, roleRef, rules,
// serviceAccountName). CRD schemas are dropped from the copies: neither RBAC nor kustomize's
// transformers read them, and they are most of the bytes.
import { spawnSync } from 'child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { dirname, join, relative } from 'path';
import { fileURLToPath } from 'url';
import { parseAllDocuments, parseDocument, stringify } from 'yaml';

const RBAC_KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'ServiceAccount', 'Namespace', 'Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController']);
const CLUSTER_SCOPED = new Set(['ClusterRole', 'ClusterRoleBinding', 'Namespace']);
const POD_SPEC = {
  Pod: ['spec'], Deployment: ['spec', 'template', 'spec'], ReplicaSet: ['spec', 'template', 'spec'], StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'], Job: ['spec', 'template', 'spec'], ReplicationController: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

const corpus = process.argv[2];
if (!corpus) {
  console.error('usage: node scripts/render-kustomize-fixtures.mjs PATH/TO/corpus');
  process.exit(2);
}
const kubectl = spawnSync('kubectl', ['version', '--client', '-o', 'json'], { encoding: 'utf8' });
if (kubectl.error || kubectl.status !== 0) {
  console.error('kubectl is not installed (or does not run): the expected output cannot be rendered. The committed fixtures are left as they are.');
  process.exit(1);
}
const versions = JSON.parse(kubectl.stdout);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'kustomize');
const trees = join(root, 'trees');
const expected = join(root, 'expected');
rmSync(trees, { recursive: true, force: true });
rmSync(expected, { recursive: true, force: true });
mkdirSync(expected, { recursive: true });

// PATH/TO/corpus/kustomize alone (as before) or the corpus root with kustomize/ and real/.
const kustomizeTrees = existsSync(join(corpus, 'kustomize')) ? join(corpus, 'kustomize') : corpus;
for (const tree of readdirSync(kustomizeTrees).sort()) {
  if (!statSync(join(kustomizeTrees, tree)).isDirectory()) continue;
  cpSync(join(kustomizeTrees, tree), join(trees, tree), { recursive: true });
}
// Real projects: each folder holding a kustomization, with its files (the folders a build names are such folders too).
const real = join(corpus, 'real');
if (existsSync(real)) {
  for (const file of walk(real).filter(isKustomization)) {
    const folder = dirname(file);
    for (const entry of readdirSync(folder)) {
      const from = join(folder, entry);
      if (statSync(from).isFile()) cpSync(from, join(trees, relative(real, folder), entry));
    }
  }
}
for (const file of walk(trees)) if (file.endsWith('.yaml') || file.endsWith('.yml')) stripCrdSchemas(file);

const unbuildable = [];
let rendered = 0;
const kustomizations = [...walk(trees), ...walk(join(root, 'synthetic'))].filter(isKustomization);
for (const file of kustomizations) {
  const dir = relative(root, dirname(file));
  const run = spawnSync('kubectl', ['kustomize', dir], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) {
    unbuildable.push(`${dir}: ${firstErrorLine(run.stderr).replaceAll(`${root}/`, '').replace(/: dial tcp.*$/, ': no network')}`);
    continue;
  }
  const objects = parseAllDocuments(run.stdout).map((d) => d.toJS()).filter((o) => o && RBAC_KINDS.has(o.kind)).map(rbacView);
  writeFileSync(join(expected, `${dir.replaceAll('/', '__')}.yaml`), stringify({ kustomization: dir, objects }));
  rendered++;
}
writeFileSync(join(expected, 'unbuildable.txt'), `${unbuildable.join('\n')}\n`);
writeFileSync(join(expected, 'RENDERED-WITH.txt'), `kubectl ${versions.clientVersion?.gitVersion} (kustomize ${versions.kustomizeVersion})\n`);
console.log(`${rendered} kustomizations rendered, ${unbuildable.length} that kubectl cannot build (listed in expected/unbuildable.txt)`);

function rbacView(object) {
  const view = { kind: object.kind, name: object.metadata?.name };
  if (object.metadata?.namespace !== undefined && !CLUSTER_SCOPED.has(object.kind)) view.namespace = object.metadata.namespace;
  if (object.rules !== undefined) view.rules = object.rules;
  if (object.roleRef !== undefined) view.roleRef = object.roleRef;
  if (object.subjects !== undefined) view.subjects = object.subjects;
  const podSpec = POD_SPEC[object.kind]?.reduce((node, key) => node?.[key], object);
  if (podSpec?.serviceAccountName !== undefined) view.serviceAccountName = podSpec.serviceAccountName;
  return view;
}

function stripCrdSchemas(file) {
  const text = readFileSync(file, 'utf8');
  if (!/^kind:\s*CustomResourceDefinition\s*$/m.test(text)) return;
  const doc = parseDocument(text);
  for (const version of doc.getIn(['spec', 'versions'])?.items ?? []) {
    if (version.hasIn(['schema', 'openAPIV3Schema'])) version.setIn(['schema', 'openAPIV3Schema'], doc.createNode({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true }));
  }
  writeFileSync(file, doc.toString());
}

function firstErrorLine(stderr) {
  const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l && !l.endsWith('err=<') && !l.startsWith('#'));
  // kubectl's log prefix (date, time, process id) would make every render differ: only its message is kept.
  const line = lines.find((l) => !/^E\d{4} /.test(l)) ?? lines[0] ?? '';
  return line.replace(/^E\d{4} [\d:.]+\s+\d+ [\w.]+:\d+\] "command failed" err="?/, '').slice(0, 600);
}

function isKustomization(file) {
  return /(^|\/)(kustomization\.ya?ml|Kustomization)$/.test(file);
}

function walk(dir) {
  return readdirSync(dir).sort().flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
