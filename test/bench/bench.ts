// `npm run bench -- DIR [--adversarial] [--lsp OUT [--large]] [--hover DIR] [--keystroke FILE] [--activation DIR] [--logs DIR] [--forbidden-scale DIR] [--adversarial] [--charts DIR] [--chart-keystroke FILE]`: speed of the workspace model,
// the checks, a keystroke's fresh diagnostics and hovers, on real manifests; whole logs generated into DIR (--logs);
// `--generate OUT --scale` on large synthetic workspaces. Prints figures (and, with --markdown FILE, the
// README's table); asserts nothing.
import { readFileSync, statSync } from 'fs';
import { basename, dirname, resolve } from 'path';
import { parseAllDocuments } from 'yaml';
import { analyse, checkContext } from '../../server/src/core/analysis';
import { policyFromCluster, type LiveRbacLists } from '../../server/src/core/cluster/live-policy';
import type { ClusterSnapshot } from '../../server/src/core/cluster/snapshot';
import { hoverAt } from '../../server/src/core/explain/hover';
import { WorkspaceModel } from '../../server/src/core/model/workspace-model';
import { createWorkspaceModel } from '../../server/src/core/workspace';
import { findYamlFiles } from '../../server/src/node/find-yaml-files';
import { chartKeystrokes, charts } from './chart-bench';
import { kustomizeKeystrokes } from './kustomize-bench';
import { DEFAULT_SETTINGS } from '../../server/src/protocol/settings';
import { logsBench, readOneLog } from './logs-bench';
import { adversarialBench } from './adversarial-bench';
import { forbiddenScaleBench, realTextsFigure } from './forbidden-scale-bench';
import { BenchReport, seconds } from './report';
import { generate, scale, scaleOne } from './scale';
import { lspBench, lspRows } from './lsp-bench';
import type { LspShape } from './lsp-workspaces';

const report = new BenchReport();

function time<T>(fn: () => T): { ms: number; result: T } {
  const start = process.hrtime.bigint();
  const result = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function read(paths: string[]) {
  return findYamlFiles(paths.map((p) => resolve(p))).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
}

function load(files: { path: string; text: string }[]): WorkspaceModel {
  const model = createWorkspaceModel();
  for (const f of files) model.setFile(f.path, f.text);
  return model;
}

function corpus(dir: string): void {
  const files = read([dir]);
  const mb = files.reduce((sum, f) => sum + Buffer.byteLength(f.text), 0) / 1024 / 1024;
  const runs = 5;
  const index: number[] = [];
  const check: number[] = [];
  const baseline: number[] = [];
  let documents = 0;
  let objects = 0;
  let findings = 0;
  for (let run = 0; run < runs; run++) {
    const model = time(() => load(files).index);
    index.push(model.ms);
    objects = model.result.objects.length;
    const checked = time(() => analyse(load(files), DEFAULT_SETTINGS));
    check.push(checked.ms);
    findings = checked.result.findings.length;
    const yaml = time(() => files.reduce((n, f) => n + parseAllDocuments(f.text).length, 0));
    baseline.push(yaml.ms);
    documents = yaml.result;
  }
  const [i, c, y] = [index, check, baseline].map((v) => percentile(v, 50));
  console.log(`corpus                 ${resolve(dir)}`);
  console.log(`files                  ${files.length}`);
  console.log(`size                   ${mb.toFixed(1)} MB`);
  console.log(`documents              ${documents} (${objects} RBAC-relevant objects, ${findings} findings)`);
  console.log(`index time             ${i.toFixed(0)} ms (median of ${runs}), ${(mb / (i / 1000)).toFixed(1)} MB/s`);
  console.log(`index + all checks     ${c.toFixed(0)} ms (median of ${runs}), ${(mb / (c / 1000)).toFixed(1)} MB/s`);
  console.log(`yaml.parseAllDocuments ${y.toFixed(0)} ms (median of ${runs}), ${(mb / (y / 1000)).toFixed(1)} MB/s`);
  console.log(`speed-up               index ${(y / i).toFixed(1)}x, index + checks ${(y / c).toFixed(1)}x faster than parseAllDocuments`);
  report.add(`model of ${files.length} files / ${mb.toFixed(1)} MB`, `${(y / i).toFixed(1)}× faster than \`parseAllDocuments\` (${seconds(i)} vs ${seconds(y)})`);
  report.add('model + all checks, same corpus', `${(y / c).toFixed(1)}× faster than \`parseAllDocuments\` (${seconds(c)})`);
}

/**
 * Type one character at a time into a document of the file, re-checking the workspace after each;
 * with `liveRoles`, as if connected to a cluster holding that many Roles and ClusterRoles (and bindings).
 */
function keystrokes(file: string, liveRoles = 0): void {
  const files = read([dirname(file)]);
  const model = load(files);
  const cluster = liveRoles ? syntheticCluster(liveRoles) : undefined;
  analyse(model, DEFAULT_SETTINGS, cluster);
  let text = readFileSync(file, 'utf8');
  const anchor = text.indexOf('\nkind: ClusterRole\n');
  const at = text.indexOf('  name: ', anchor) + '  name: '.length;
  const samples: number[] = [];
  for (let i = 0; i < 200; i++) {
    text = `${text.slice(0, at)}${i % 2 ? '' : 'x'}${text.slice(at + (i % 2 ? 1 : 0))}`;
    samples.push(time(() => {
      model.setFile(resolve(file), text);
      return analyse(model, DEFAULT_SETTINGS, cluster).findings.length;
    }).ms);
  }
  const live = liveRoles ? `, connected to a cluster of ${liveRoles} Roles + ${liveRoles} ClusterRoles and as many bindings of each` : '';
  console.log(`keystroke              ${resolve(file)} (${(statSync(file).size / 1024 / 1024).toFixed(2)} MB), 200 edits${live}`);
  console.log(`  fresh diagnostics    p50 ${percentile(samples, 50).toFixed(1)} ms, p95 ${percentile(samples, 95).toFixed(1)} ms`);
  const where = `${basename(dirname(file))}/${basename(file)} (${(statSync(file).size / 1024 / 1024).toFixed(1)} MB)`;
  report.add(`keystroke → fresh diagnostics, ${where}${liveRoles ? `, connected to a cluster of ${liveRoles} roles + ${liveRoles} bindings` : ''}`,
    `p50 ${percentile(samples, 50).toFixed(1)} ms, p95 ${percentile(samples, 95).toFixed(1)} ms`);
}

/** A large cluster's RBAC, one aggregated ClusterRole in ten, spread over 50 namespaces. */
function syntheticCluster(n: number): ClusterSnapshot {
  const lists: LiveRbacLists = { clusterRoles: [], roles: [], roleBindings: [], clusterRoleBindings: [] };
  const rbac = 'rbac.authorization.k8s.io';
  for (let i = 0; i < n; i++) {
    const namespace = `ns-${i % 50}`;
    const subjects = [{ kind: 'ServiceAccount', name: `sa-${i}`, namespace }];
    lists.clusterRoles.push({ metadata: { name: `cr-${i}`, labels: i % 10 ? {} : { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } }, rules: [{ apiGroups: [`g${i}.example.com`], resources: ['things', 'things/status'], verbs: ['get', 'list', 'watch'] }] });
    lists.roles.push({ metadata: { name: `r-${i}`, namespace }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }] });
    lists.roleBindings.push({ metadata: { name: `rb-${i}`, namespace }, roleRef: { apiGroup: rbac, kind: 'Role', name: `r-${i}` }, subjects });
    lists.clusterRoleBindings.push({ metadata: { name: `crb-${i}` }, roleRef: { apiGroup: rbac, kind: 'ClusterRole', name: `cr-${i}` }, subjects });
  }
  return { context: 'synthetic', server: 'https://127.0.0.1', resources: [], policy: policyFromCluster(lists, 'synthetic'), serviceAccounts: new Set(), warnings: [] };
}

/** Hover on every line of every Role, binding, ServiceAccount and workload of a workspace. */
function hovers(dir: string): void {
  const model = load(read([dir]));
  const context = checkContext(model, DEFAULT_SETTINGS);
  const samples: number[] = [];
  for (const object of model.index.objects) {
    if (object.kind === 'CustomResourceDefinition' || object.kind === 'Kustomization' || !object.doc.yaml) continue;
    const file = model.getFile(object.doc.file)!;
    const [start, , end] = object.node.range!;
    const first = file.text.slice(0, object.doc.start + start).split('\n').length - 1;
    const last = file.text.slice(0, object.doc.start + end).split('\n').length - 1;
    for (let line = first; line < last; line++) {
      const text = file.text.slice(file.lineStarts[line], file.lineStarts[line + 1] ?? file.text.length);
      const character = text.search(/[^\s-]/);
      if (character < 0) continue;
      samples.push(time(() => hoverAt(context, file, { line, character: character + 1 })).ms);
    }
  }
  console.log(`hover                  ${resolve(dir)}: ${samples.length} positions in RBAC objects and workloads`);
  console.log(`  latency              p50 ${percentile(samples, 50).toFixed(2)} ms, p95 ${percentile(samples, 95).toFixed(2)} ms, max ${Math.max(...samples).toFixed(1)} ms`);
  report.add(`hover inside RBAC objects, ${basename(resolve(dir))} (${samples.length} positions)`, `p95 ${percentile(samples, 95).toFixed(2)} ms, max ${Math.max(...samples).toFixed(1)} ms`);
}

/**
 * From process start to a ready language server (initialize answered) and to the first diagnostics of
 * a workspace: what the extension waits for after `activate`.
 */
async function activation(dir: string): Promise<void> {
  const { spawn } = await import('child_process');
  const { pathToFileURL } = await import('url');
  const rpc = await import('vscode-languageserver-protocol/node');
  const samples: { ready: number; indexed: number }[] = [];
  for (let run = 0; run < 5; run++) {
    const started = process.hrtime.bigint();
    const since = () => Number(process.hrtime.bigint() - started) / 1e6;
    const child = spawn(process.execPath, [resolve(__dirname, 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
    const connection = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout!), new rpc.StreamMessageWriter(child.stdin!));
    let indexed = 0;
    const firstDiagnostics = new Promise<void>((done) => connection.onNotification(rpc.PublishDiagnosticsNotification.type, () => {
      if (!indexed) indexed = since();
      done();
    }));
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    connection.listen();
    const root = pathToFileURL(resolve(dir)).toString();
    await connection.sendRequest('initialize', { processId: null, rootUri: root, workspaceFolders: [{ uri: root, name: 'bench' }], capabilities: { workspace: { configuration: true } } });
    const ready = since();
    await connection.sendNotification('initialized', {});
    await Promise.race([firstDiagnostics, new Promise((r) => setTimeout(r, 20000))]);
    samples.push({ ready, indexed });
    connection.dispose();
    child.kill();
  }
  console.log(`activation             ${resolve(dir)} (bundled server, 5 starts)`);
  console.log(`  server ready         p50 ${percentile(samples.map((s) => s.ready), 50).toFixed(0)} ms`);
  console.log(`  first diagnostics    p50 ${percentile(samples.map((s) => s.indexed), 50).toFixed(0)} ms`);
  report.add('bundled server: ready / first diagnostics', `${percentile(samples.map((s) => s.ready), 50).toFixed(0)} ms / ${percentile(samples.map((s) => s.indexed), 50).toFixed(0)} ms`);
}

/** What the extension ships: the bundles, and the one-time cost of loading the cluster module on connect. */
async function bundles(production: boolean, vsix?: string): Promise<void> {
  const { existsSync } = await import('fs');
  console.log(`bundles                dist/ (${production ? 'minified' : 'sizes as built; `npm run package` builds them minified'})`);
  if (vsix && existsSync(vsix)) {
    console.log(`  ${basename(vsix).padEnd(21)}${(statSync(vsix).size / 1024).toFixed(0)} KB`);
    report.add('`.vsix`', `${(statSync(vsix).size / 1024).toFixed(0)} KB`);
  }
  const sizes: string[] = [];
  for (const name of ['client.js', 'server.js', 'cli.js', 'cluster.js']) {
    const path = resolve(__dirname, name);
    if (!existsSync(path)) continue;
    console.log(`  ${name.padEnd(21)}${(statSync(path).size / 1024).toFixed(0)} KB`);
    sizes.push((statSync(path).size / 1024).toFixed(0));
  }
  if (sizes.length === 4) report.add(`bundles${production ? ' (minified)' : ''}: client / server / CLI / cluster module`, `${sizes.join(' / ')} KB`);
  const cluster = resolve(__dirname, 'cluster.js');
  if (existsSync(cluster)) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const load = time(() => require(cluster));
    console.log(`  cluster.js load      ${load.ms.toFixed(0)} ms (once, on the first connect; never at activation)`);
    report.add('loading the cluster module (once, on the first connect; never at activation)', `${load.ms.toFixed(0)} ms`);
  }
}

/** Connecting to the stand-in API server: discovery, RBAC lists and SelfSubjectReview over loopback HTTPS. */
async function connectToStandIn(fixtures: string): Promise<void> {
  const { startReplayCluster } = await import('../helpers/replay-cluster');
  const { loadCluster } = await import('../../server/src/cluster/load-cluster');
  for (const aggregatedDiscovery of [true, false]) {
    const replay = await startReplayCluster({ fixtures: resolve(fixtures), aggregatedDiscovery });
    const samples: number[] = [];
    let requests = 0;
    for (let run = 0; run < 5; run++) {
      const before = replay.requests.length;
      const started = process.hrtime.bigint();
      (await loadCluster().connect({ kubeconfig: replay.kubeconfig, context: 'replay-admin' })).close();
      samples.push(Number(process.hrtime.bigint() - started) / 1e6);
      requests = replay.requests.length - before;
    }
    await replay.close();
    console.log(`connect (stand-in)     ${aggregatedDiscovery ? 'aggregated discovery (1.30+)' : 'per-group-version discovery'}: ${requests} requests per connect, 5 connects`);
    console.log(`  latency              p50 ${percentile(samples, 50).toFixed(0)} ms, max ${Math.max(...samples).toFixed(0)} ms (loopback; a real cluster adds its round trips)`);
    report.add(`connect to the stand-in cluster, loopback HTTPS: ${aggregatedDiscovery ? 'aggregated discovery' : 'per-version discovery'} (${requests} requests)`, `p50 ${percentile(samples, 50).toFixed(0)} ms`);
  }
}

const USAGE = `usage: npm run bench -- DIR [--hover DIR] [--keystroke FILE] [--activation DIR] [--connect test/fixtures/cluster] [--live-roles N]
                       [--lsp OUT [--large] [--lsp-rows plain:2000,helm:2000,kustomize:2000]] [--logs DIR] [--forbidden-scale DIR] [--charts DIR] [--chart-keystroke FILE] [--kustomize-keystroke test/fixtures/kustomize] [--generate OUT] [--scale [DIR...]] [--production] [--vsix FILE] [--markdown FILE]
  e.g. npm run bench -- ../shared/corpus/real --hover ../shared/corpus/real/kube-prometheus --keystroke ../shared/corpus/real/argo-cd/install.yaml
       npm run bench -- --lsp /tmp/rbac-lsp [--large]             (the editor over LSP stdio: 20 to 10,000 files, 50,000 with --large, Helm- and kustomize-heavy)
       npm run bench -- --generate /tmp/rbac-bench --scale      (synthetic 10k/20k/50k-file workspaces, each measured in its own process)`;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const i = args.indexOf(name);
    return i === -1 ? undefined : args.splice(i, 2)[1];
  };
  const present = (name: string) => {
    const i = args.indexOf(name);
    if (i !== -1) args.splice(i, 1);
    return i !== -1;
  };
  if (!args.includes('--read-log') && !args.includes('--scale-one')) realTextsFigure(resolve(__dirname, '../test/fixtures/forbidden-real'));
  const scaleOneDir = option('--scale-one');
  if (scaleOneDir) {
    console.log(JSON.stringify(scaleOne(scaleOneDir)));
    return;
  }
  const hoverDir = option('--hover');
  const keystrokeFile = option('--keystroke');
  const activationDir = option('--activation');
  const standIn = option('--connect');
  const liveRoles = Number(option('--live-roles') ?? 0);
  const logsDir = option('--logs');
  const forbiddenDir = option('--forbidden-scale');
  const oneLog = option('--read-log');
  if (oneLog) return readOneLog(oneLog);
  const chartsDir = option('--charts');
  const chartKeystrokeFile = option('--chart-keystroke');
  const kustomizeKeystroke = option('--kustomize-keystroke');
  const generateDir = option('--generate');
  const sizes = (option('--sizes') ?? '10000,20000,50000').split(',').map(Number);
  const pairSizes = (option('--pair-sizes') ?? '2000,4000,8000').split(',').map(Number);
  const markdown = option('--markdown');
  const vsix = option('--vsix');
  const production = present('--production');
  const lspOut = option('--lsp');
  const large = present('--large');
  const adversarial = present('--adversarial');
  // e.g. `--lsp-rows plain:2000,helm:400`: only those workspaces.
  const lspChosen = option('--lsp-rows')?.split(',').map((row) => ({ shape: row.split(':')[0] as LspShape, files: Number(row.split(':')[1]) }));
  const scaleDirs = present('--scale') ? args.splice(0) : [];
  const dir = args[0];
  if (logsDir) logsBench(logsDir, __filename);
  if (forbiddenDir) forbiddenScaleBench(forbiddenDir, resolve(__dirname, 'cli.js'));
  if (adversarial) adversarialBench(resolve(__dirname, 'cli.js'));
  const measures = dir || hoverDir || keystrokeFile || activationDir || standIn || chartsDir || chartKeystrokeFile || kustomizeKeystroke || generateDir || lspOut || scaleDirs.length > 0;
  if (!measures && (logsDir || forbiddenDir || adversarial)) return;
  if (!measures) {
    console.error(USAGE);
    process.exit(2);
  }
  const generated = generateDir ? generate(generateDir, sizes, pairSizes) : [];
  if (dir) corpus(dir);
  if (keystrokeFile) keystrokes(keystrokeFile);
  if (keystrokeFile && liveRoles) keystrokes(keystrokeFile, liveRoles);
  if (chartsDir) charts(chartsDir);
  if (chartKeystrokeFile) chartKeystrokes(chartKeystrokeFile);
  if (kustomizeKeystroke) kustomizeKeystrokes(kustomizeKeystroke, report);
  if (hoverDir) hovers(hoverDir);
  if (activationDir) await activation(activationDir);
  await bundles(production, vsix);
  if (standIn) await connectToStandIn(standIn);
  if (lspOut) await lspBench(lspOut, lspChosen ?? lspRows(large), resolve(__dirname, 'server.js'), report);
  if (scaleDirs.length > 0 || generated.length > 0) scale(scaleDirs.length > 0 ? scaleDirs : generated, report);
  console.log(`peak RSS               ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  if (markdown) report.write(markdown);
}

main().then(() => process.exit(0), (error) => {
  console.error(error);
  process.exit(1);
});
