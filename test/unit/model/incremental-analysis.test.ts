import * as assert from 'assert';
import { analyse, analysisCounters } from '../../../server/src/core/analysis';
import { WorkspaceModel } from '../../../server/src/core/model/workspace-model';
import { createWorkspaceModel } from '../../../server/src/core/workspace';
import { DEFAULT_SETTINGS } from '../../../server/src/protocol/settings';

// After any sequence of edits, what a long-lived model reports (documents, findings and indexes kept
// from earlier versions) must equal what a model built from scratch on the same texts reports.

const RBAC = 'rbac.authorization.k8s.io';
const account = (name: string, ns: string) => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n`;
const role = (name: string, ns: string, verb = 'get') =>
  `apiVersion: ${RBAC}/v1\nkind: Role\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nrules:\n  - apiGroups: [""]\n    resources: ["pods", "secrets"]\n    verbs: ["${verb}"]\n`;
const binding = (name: string, ns: string | undefined, roleName: string, sa: string, saNs?: string) =>
  `apiVersion: ${RBAC}/v1\nkind: RoleBinding\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}roleRef:\n  apiGroup: ${RBAC}\n  kind: Role\n  name: ${roleName}\nsubjects:\n  - kind: ServiceAccount\n    name: ${sa}\n${saNs ? `    namespace: ${saNs}\n` : ''}`;
const deployment = (name: string, ns: string, sa: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  template:\n    spec:\n      serviceAccountName: ${sa}\n      containers: [{name: app, image: app:1}]\n`;

function initialFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (let i = 0; i < 6; i++) {
    const ns = `team-${i % 3}`;
    files.set(`/w/apps/app-${i}/account.yaml`, account(`app-${i}`, ns));
    files.set(`/w/apps/app-${i}/role.yaml`, role(`app-${i}`, ns));
    files.set(`/w/apps/app-${i}/binding.yaml`, binding(`app-${i}`, ns, `app-${i}`, `app-${i}`, ns));
    files.set(`/w/apps/app-${i}/deployment.yaml`, deployment(`app-${i}`, ns, `app-${i}`));
  }
  files.set('/w/multi.yaml', [role('multi-a', 'team-0'), binding('multi-a', 'team-0', 'multi-a', 'app-0'), account('multi-sa', 'team-1')].join('---\n'));
  files.set('/w/base/kustomization.yaml', 'namespace: kz\nnamePrefix: p-\nresources:\n- role.yaml\n- binding.yaml\n- account.yaml\n');
  files.set('/w/base/role.yaml', role('kz-role', 'system'));
  files.set('/w/base/binding.yaml', binding('kz-binding', 'system', 'kz-role', 'kz-sa', 'system'));
  files.set('/w/base/account.yaml', account('kz-sa', 'system'));
  return files;
}

/** A small deterministic generator: the same sequence of edits on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

type Edit = (files: Map<string, string>, pick: <T>(list: T[]) => T) => string;

const EDITS: Edit[] = [
  (files, pick) => {
    const path = pick([...files.keys()].filter((p) => p.endsWith('role.yaml')));
    files.set(path, files.get(path)!.replace(/name: (\S+)\n  namespace/, (_m, name: string) => `name: ${name}x\n  namespace`));
    return `rename the role in ${path}`;
  },
  (files, pick) => {
    const path = pick([...files.keys()].filter((p) => p.endsWith('binding.yaml')));
    const target = pick(['app-0', 'app-1x', 'app-3', 'missing', 'kz-role', 'multi-a']);
    files.set(path, files.get(path)!.replace(/kind: Role\n  name: \S+/, `kind: Role\n  name: ${target}`));
    return `point the roleRef of ${path} at ${target}`;
  },
  (files, pick) => {
    const path = pick([...files.keys()].filter((p) => p.endsWith('account.yaml')));
    files.delete(path);
    return `delete the ServiceAccount ${path}`;
  },
  (files, pick) => {
    const n = files.size;
    const ns = pick(['team-0', 'team-1', 'team-2', undefined]);
    files.set(`/w/added/binding-${n}.yaml`, binding(`added-${n}`, ns, pick(['app-0', 'app-2', 'nothing']), pick(['app-1', 'app-4', 'ghost']), pick(['team-0', 'team-1', undefined])));
    return `add a binding in ${ns ?? 'no namespace'}`;
  },
  (files, pick) => {
    const path = pick([...files.keys()].filter((p) => !p.endsWith('kustomization.yaml')));
    const text = files.get(path)!;
    const at = Math.floor(text.length / 2);
    files.set(path, `${text.slice(0, at)}: [ {${text.slice(at)}`);
    return `break the YAML of ${path}`;
  },
  (files, pick) => {
    const path = '/w/base/kustomization.yaml';
    const text = pick([
      'namespace: kz\nnamePrefix: p-\nresources:\n- role.yaml\n- binding.yaml\n- account.yaml\n',
      'namespace: other\nresources:\n- role.yaml\n- binding.yaml\n',
      'namePrefix: q-\nresources:\n- role.yaml\n- binding.yaml\n- account.yaml\n',
      'resources:\n- role.yaml\n',
      'resources:\n- binding.yaml\n- account.yaml\npatches:\n- path: role.yaml\n',
    ]);
    files.set(path, text);
    return 'edit the kustomization';
  },
  (files, pick) => {
    // A keystroke in the middle of a multi-document file: later documents move.
    const text = files.get('/w/multi.yaml') ?? '';
    files.set('/w/multi.yaml', pick([`# a comment\n${text}`, text.replace('multi-a\n', 'multi-ab\n'), text.replace('get', 'lsit'), `${role('multi-new', 'team-2', 'yes')}---\n${text}`]));
    return 'edit the multi-document file';
  },
  (files, pick) => {
    const path = pick([...files.keys()].filter((p) => p.endsWith('deployment.yaml')));
    files.set(path, files.get(path)!.replace(/serviceAccountName: \S+/, `serviceAccountName: ${pick(['app-0', 'app-5', 'runner', 'default'])}`));
    return `change the ServiceAccount of ${path}`;
  },
  (files, pick) => {
    const path = pick(['/w/multi.yaml', ...[...files.keys()].filter((p) => p.endsWith('role.yaml'))]);
    const resources = pick(['"pods", "nodes"', '"namespaces"', '"pods", "secrets"']);
    files.set(path, (files.get(path) ?? '').replace(/resources: \[[^\]\n]*\]/, `resources: [${resources}]`));
    return `grant ${resources} in ${path}`;
  },
  (files, pick) => {
    const path = pick([...files.keys()].filter((p) => /(role|binding)\.yaml$/.test(p)));
    const name = pick(['a/b', '..', undefined]);
    files.set(path, files.get(path)!.replace(/\n  name: \S+\n/, name ? `\n  name: ${name}\n` : '\n'));
    return `give the object of ${path} ${name ? `the name ${name}` : 'no name'}`;
  },
  (files, pick) => {
    const path = pick(['/w/multi.yaml', ...files.keys()]);
    const text = files.get(path) ?? '';
    const lines = [...text.matchAll(/\n/g)].map((m) => m.index!);
    const at = lines.length > 0 ? pick(lines) + 1 : 0;
    files.set(path, `${text.slice(0, at)}\t\u2028\n${text.slice(at)}`);
    return `insert a tab and a YAML 1.1 line break in ${path}`;
  },
];

const shape = (model: WorkspaceModel) =>
  analyse(model, DEFAULT_SETTINGS).findings.map((f) => JSON.stringify(f)).sort();

/** code, place and message of a finding shaped as JSON, for a readable difference. */
const brief = (json: string) => {
  const f = JSON.parse(json) as { code: string; file: string; range: { start: { line: number; character: number } }; message: string };
  return `${f.code} ${f.file}:${f.range.start.line}:${f.range.start.character} ${f.message}`;
};

describe('incremental analysis equals a fresh analysis after every edit', () => {
  const codes = new Set<string>();
  for (const seed of [1, 7, 42, 2026]) {
    it(`edit sequence ${seed}`, function () {
      this.timeout(60_000);
      const pickFrom = random(seed);
      const pick = <T>(list: T[]): T => list[Math.floor(pickFrom() * list.length)];
      const files = initialFiles();
      const model = createWorkspaceModel();
      for (const [path, text] of files) model.setFile(path, text);
      const history: string[] = [];
      for (let step = 0; step < 60; step++) {
        const before = new Set(files.keys());
        history.push(pick(EDITS)(files, pick));
        for (const path of before) if (!files.has(path)) model.removeFile(path);
        for (const [path, text] of files) model.setFile(path, text);
        const fresh = createWorkspaceModel();
        for (const [path, text] of files) fresh.setFile(path, text);
        const incremental = shape(model);
        // As the language server does: trees of files not open are released, parsed again on use.
        model.releaseSyntaxTrees((path) => path === '/w/multi.yaml');
        for (const f of incremental) codes.add((JSON.parse(f) as { code: string }).code);
        const expected = shape(fresh);
        const missing = expected.filter((f) => !incremental.includes(f));
        const extra = incremental.filter((f) => !expected.includes(f));
        assert.deepStrictEqual(incremental, expected, `after: ${history.join('; ')}\nmissing: ${missing.map(brief).join('\n')}\nextra: ${extra.map(brief).join('\n')}`);
      }
    });
  }
  it('the sequences reach the cross-object checks and the per-document memos', () => {
    for (const code of ['RBAC005', 'RBAC009', 'RBAC015', 'RBAC021', 'RBAC024', 'RBAC025', 'RBAC027']) assert.ok(codes.has(code), `${code} among ${[...codes].join(' ')}`);
  });
});

// The same oracle on larger workspaces of many small files, with edits across objects: roles, their
// bindings, ServiceAccounts and workloads, duplicates, line shifts, whole files added and removed.

const clusterRole = (name: string, labels = '', verb = 'get', resource = 'nodes') =>
  `apiVersion: ${RBAC}/v1\nkind: ClusterRole\nmetadata:\n  name: ${name}\n${labels ? `  labels:\n    ${labels}\n` : ''}rules:\n  - apiGroups: [""]\n    resources: ["${resource}"]\n    verbs: ["${verb}"]\n`;
const clusterBinding = (name: string, roleName: string, sa: string, saNs: string) =>
  `apiVersion: ${RBAC}/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: ${name}\nroleRef:\n  apiGroup: ${RBAC}\n  kind: ClusterRole\n  name: ${roleName}\nsubjects:\n  - kind: ServiceAccount\n    name: ${sa}\n    namespace: ${saNs}\n`;
const defaultDeployment = (name: string, ns: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n  labels:\n    app: ${name}\nspec:\n  template:\n    spec:\n      containers: [{name: app, image: app:1}]\n`;

function largeWorkspace(apps: number): Map<string, string> {
  const files = new Map<string, string>();
  for (let i = 0; i < apps; i++) {
    const ns = `team-${i % 7}`;
    const dir = `/l/apps-${i % 5}/app-${i}`;
    // Most applications in one file each (as GitOps repositories hold them), some split over four.
    if (i % 3 === 0) {
      files.set(`${dir}/account.yaml`, account(`app-${i}`, ns));
      files.set(`${dir}/role.yaml`, role(`app-${i}`, ns, i % 11 === 0 ? 'lsit' : 'get'));
      files.set(`${dir}/binding.yaml`, binding(`app-${i}`, ns, `app-${i}`, `app-${i}`, i % 13 === 0 ? `team-${(i + 1) % 7}` : ns));
      files.set(`${dir}/deployment.yaml`, i % 4 === 0 ? defaultDeployment(`app-${i}`, ns) : deployment(`app-${i}`, ns, `app-${i}`));
    } else {
      files.set(`${dir}/all.yaml`, [account(`app-${i}`, ns), role(`app-${i}`, ns), binding(`app-${i}`, ns, `app-${i}`, `app-${i}`, ns)].join('---\n'));
    }
  }
  files.set('/l/cluster/readers.yaml', [clusterRole('node-reader'), clusterBinding('node-reader', 'node-reader', 'app-1', 'team-1')].join('---\n'));
  files.set('/l/cluster/aggregated.yaml', clusterRole('extra-view', 'rbac.authorization.k8s.io/aggregate-to-view: "true"', 'list', 'pods'));
  files.set('/l/cluster/wide.yaml', role('wide', 'team-1', 'get').replace('"pods", "secrets"', '"pods", "nodes"'));
  files.set('/l/base/kustomization.yaml', 'namespace: kz\nresources:\n- role.yaml\n- account.yaml\n');
  files.set('/l/base/role.yaml', role('kz-role', 'system'));
  files.set('/l/base/account.yaml', account('kz-sa', 'system'));
  files.set('/l/implicit/all.yaml', [account('loose', 'x').replace('  namespace: x\n', ''), binding('loose', undefined, 'app-2', 'loose', 'team-2')].join('---\n'));
  return files;
}

const LARGE_EDITS: Edit[] = [
  (files, pick) => {
    // A keystroke: a verb typo added or taken away.
    const path = pick([...files.keys()].filter((p) => /(role|all)\.yaml$/.test(p)));
    const text = files.get(path)!;
    files.set(path, text.includes('"getx"') ? text.replace('"getx"', '"get"') : text.replace('"get"', '"getx"'));
    return `typo in ${path}`;
  },
  (files, pick) => {
    const path = pick([...files.keys()].filter((p) => /(role|all)\.yaml$/.test(p)));
    files.set(path, files.get(path)!.replace(/kind: Role\nmetadata:\n  name: (\S+)/, (_m, name: string) => `kind: Role\nmetadata:\n  name: ${pick([`${name}x`, 'app-1', 'app-2', 'shared'])}`));
    return `rename a Role in ${path}`;
  },
  (files, pick) => {
    const path = pick([...files.keys()].filter((p) => /(binding|all)\.yaml$/.test(p)));
    files.set(path, files.get(path)!.replace(/kind: Role\n  name: \S+/, `kind: Role\n  name: ${pick(['app-0', 'app-3', 'missing', 'app-1x', 'shared'])}`));
    return `point a roleRef of ${path} elsewhere`;
  },
  (files, pick) => {
    const path = pick([...files.keys()].filter((p) => /(binding|all|readers)\.yaml$/.test(p)));
    files.set(path, files.get(path)!.replace(/- kind: ServiceAccount\n    name: \S+/, `- kind: ServiceAccount\n    name: ${pick(['app-1', 'app-4', 'ghost', 'loose'])}`));
    return `change a subject of ${path}`;
  },
  (files, pick) => {
    const path = pick([...files.keys()].filter((p) => /(binding|all)\.yaml$/.test(p)));
    const text = files.get(path)!;
    files.set(path, text.replace(/    namespace: team-\d/, `    namespace: ${pick(['team-0', 'team-3', 'team-6'])}`));
    return `move a subject of ${path} to another namespace`;
  },
  (files, pick) => {
    const path = pick([...files.keys()].filter((p) => /(account|all)\.yaml$/.test(p)));
    files.set(path, files.get(path)!.replace(/kind: ServiceAccount\nmetadata:\n  name: \S+/, `kind: ServiceAccount\nmetadata:\n  name: ${pick(['app-1', 'app-2', 'runner', 'app-9x'])}`));
    return `rename a ServiceAccount in ${path}`;
  },
  (files, pick) => {
    const path = pick([...files.keys()].filter((p) => p.endsWith('deployment.yaml')));
    const text = files.get(path)!;
    files.set(path, text.includes('serviceAccountName')
      ? text.replace(/serviceAccountName: \S+/, `serviceAccountName: ${pick(['app-0', 'app-5', 'runner', 'default'])}`)
      : text.replace('    spec:\n', `    spec:\n      serviceAccountName: ${pick(['app-3', 'ghost'])}\n`));
    return `change the ServiceAccount of ${path}`;
  },
  (files, pick) => {
    const path = pick([...files.keys()]);
    files.set(path, `# moved down a line\n${files.get(path)!}`);
    return `shift ${path} a line down`;
  },
  (files, pick) => {
    const path = pick([...files.keys()].filter((p) => !p.includes('/base/')));
    files.delete(path);
    return `delete ${path}`;
  },
  (files, pick) => {
    const n = files.size;
    const ns = pick(['team-0', 'team-1', 'team-5']);
    const text = pick([
      [account(`new-${n}`, ns), role(`new-${n}`, ns, 'watch'), binding(`new-${n}`, ns, `new-${n}`, `new-${n}`, ns)].join('---\n'),
      role('app-3', 'team-3'),
      account('app-4', 'team-4'),
      deployment(`new-${n}`, ns, pick(['app-1', 'default', 'nobody'])),
      clusterBinding(`crb-${n}`, pick(['node-reader', 'extra-view', 'cluster-admin']), pick(['app-2', 'app-7']), ns),
    ]);
    files.set(`/l/added/file-${n}.yaml`, text);
    return `add /l/added/file-${n}.yaml`;
  },
  (files, pick) => {
    const path = pick(['/l/cluster/readers.yaml', '/l/cluster/aggregated.yaml', '/l/cluster/wide.yaml']);
    const text = files.get(path) ?? clusterRole('node-reader');
    files.set(path, pick([text.replace('"get"', '"list"'), text.replace('nodes', 'pods'), text.replace('aggregate-to-view', 'aggregate-to-edit'), `${text}---\n${clusterRole('late')}`]));
    return `edit ${path}`;
  },
  (files, pick) => {
    const path = pick(['/l/base/role.yaml', '/l/implicit/all.yaml', '/l/base/kustomization.yaml']);
    const text = files.get(path) ?? '';
    files.set(path, pick([text.replace('get', 'gte'), text.replace('team-2', 'team-3'), `${text}\n`]));
    return `edit ${path}`;
  },
];

describe('incremental analysis equals a fresh analysis after cross-object edits in larger workspaces', () => {
  for (const seed of [3, 11, 99]) {
    it(`edit sequence ${seed} on 120 applications`, function () {
      this.timeout(180_000);
      const pickFrom = random(seed);
      const pick = <T>(list: T[]): T => list[Math.floor(pickFrom() * list.length)];
      const files = largeWorkspace(120);
      const model = createWorkspaceModel();
      for (const [path, text] of files) model.setFile(path, text);
      shape(model);
      model.releaseSyntaxTrees((path) => path.startsWith('/l/apps-0/'));
      const history: string[] = [];
      const before = { ...analysisCounters };
      for (let step = 0; step < 30; step++) {
        const paths = new Set(files.keys());
        const texts = new Map(files);
        history.push(pick(LARGE_EDITS)(files, pick));
        for (const path of paths) if (!files.has(path)) model.removeFile(path);
        for (const [path, text] of files) if (texts.get(path) !== text) model.setFile(path, text);
        const fresh = createWorkspaceModel();
        for (const [path, text] of files) fresh.setFile(path, text);
        const incremental = shape(model);
        model.releaseSyntaxTrees((path) => path.startsWith('/l/apps-0/'));
        const expected = shape(fresh);
        const missing = expected.filter((f) => !incremental.includes(f));
        const extra = incremental.filter((f) => !expected.includes(f));
        assert.deepStrictEqual(incremental, expected, `after: ${history.join('; ')}\nmissing: ${missing.map(brief).join('\n')}\nextra: ${extra.map(brief).join('\n')}`);
      }
      if (process.env.INCREMENTAL_DEBUG) console.log(analysisCounters, [...new Set(shape(model).map((f) => (JSON.parse(f) as { code: string }).code))].join(' '));
      // Most edits are plain files' objects: they are updated in place, not analysed from scratch.
      assert.ok(analysisCounters.incremental - before.incremental >= 12, `incremental ${analysisCounters.incremental - before.incremental}, from scratch ${analysisCounters.full - before.full}`);
    });
  }
});
