// The editor's view of a large workspace, over LSP stdio with the bundled server: one file open from the
// start, its first diagnostics, the whole workspace indexed, then keystrokes (ranged edits that add and
// remove a verb typo) until the file's fresh diagnostics arrive; the server's peak RSS.
import { spawn } from 'child_process';
import { readFileSync } from 'fs';
import { cpus, loadavg } from 'os';
import { join, resolve } from 'path';
import { pathToFileURL } from 'url';
import * as rpc from 'vscode-languageserver-protocol/node';
import { lspWorkspace, type LspShape, type LspWorkspace } from './lsp-workspaces';
import { seconds, thousands, type BenchReport } from './report';

export interface LspFigures {
  firstDiagnosticsMs: number;
  indexedMs: number;
  keystrokeP50Ms: number;
  keystrokeP95Ms: number;
  keystrokes: number;
  peakRssMb: number;
  objects?: number;
}

const TYPO = 'x';

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** The server's high-water mark of resident memory, from /proc (Linux), in MB. */
function peakRssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmHWM:\s+(\d+)/.exec(status);
    return kb ? Number(kb[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** One server process for the workspace: open, index, type; then its figures. */
export async function measureLsp(workspace: LspWorkspace, serverJs: string, keystrokes: number, timeoutMs: number): Promise<LspFigures> {
  const started = process.hrtime.bigint();
  const since = (from = started) => Number(process.hrtime.bigint() - from) / 1e6;
  // e.g. RBAC_BENCH_SERVER_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof': the server profiled under the bench.
  const nodeArgs = process.env.RBAC_BENCH_SERVER_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const connection = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout!), new rpc.StreamMessageWriter(child.stdin!));
  const path = join(workspace.dir, workspace.open);
  const uri = pathToFileURL(path).toString();
  const original = readFileSync(path, 'utf8');
  // The typo goes right after the first `"get` of the Role's verbs: `"getx"` is no verb (RBAC001).
  const at = original.indexOf('verbs: ["get') + 'verbs: ["get'.length;
  if (at < 'verbs: ["get'.length) throw new Error(`no verbs: ["get in ${path}`);
  const lineStarts = [0];
  for (let i = 0; i < original.length; i++) if (original[i] === '\n') lineStarts.push(i + 1);
  const line = lineStarts.filter((start) => start <= at).length - 1;
  const position = { line, character: at - lineStarts[line] };
  let waiting: { typo: boolean; done: () => void } | undefined;
  let firstDiagnostics = 0;
  let indexed = 0;
  const hasTypo = (diagnostics: rpc.Diagnostic[]) => diagnostics.some((d) => d.code === 'RBAC001' && d.range.start.line === line);
  connection.onNotification(rpc.PublishDiagnosticsNotification.type, (params) => {
    if (params.uri !== uri) return;
    if (!firstDiagnostics && hasTypo(params.diagnostics)) firstDiagnostics = since();
    if (waiting && hasTypo(params.diagnostics) === waiting.typo) waiting.done();
  });
  const indexedSignal = new Promise<void>((done) => connection.onNotification(rpc.LogMessageNotification.type, (params) => {
    if (/^indexed \d+ YAML files/.test(params.message)) {
      indexed = since();
      done();
    }
  }));
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
  connection.onRequest(rpc.WorkDoneProgressCreateRequest.type, () => null);
  connection.onRequest(rpc.RegistrationRequest.type, () => null);
  connection.listen();
  const root = pathToFileURL(workspace.dir).toString();
  const deadline = <T>(promise: Promise<T>, what: string) => Promise.race([
    promise,
    new Promise<never>((_, fail) => setTimeout(() => fail(new Error(`${what}: no answer in ${timeoutMs / 1000} s`)), timeoutMs)),
  ]);
  try {
    await connection.sendRequest('initialize', {
      processId: process.pid, rootUri: root, workspaceFolders: [{ uri: root, name: 'bench' }],
      capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } }, window: { workDoneProgress: true } },
    });
    // The editor restores the open file (with the typo in it) as soon as the server is up.
    const opened = `${original.slice(0, at)}${TYPO}${original.slice(at)}`;
    await connection.sendNotification('initialized', {});
    await connection.sendNotification(rpc.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text: opened } });
    await deadline(indexedSignal, 'indexing');
    await deadline(new Promise<void>((done) => {
      if (firstDiagnostics) done();
      else waiting = { typo: true, done };
    }), 'first diagnostics');
    waiting = undefined;
    const samples: number[] = [];
    let typo = true;
    let version = 1;
    for (let i = 0; i < keystrokes + 4; i++) {
      typo = !typo;
      const change = typo
        ? { range: { start: position, end: position }, text: TYPO }
        : { range: { start: position, end: { line: position.line, character: position.character + TYPO.length } }, text: '' };
      const typed = process.hrtime.bigint();
      const fresh = new Promise<void>((done) => { waiting = { typo, done }; });
      await connection.sendNotification(rpc.DidChangeTextDocumentNotification.type, { textDocument: { uri, version: ++version }, contentChanges: [change] });
      await deadline(fresh, `keystroke ${i}`);
      // The first few warm the server up (JIT, caches of a newly typed text).
      if (i >= 4) samples.push(since(typed));
    }
    return {
      firstDiagnosticsMs: firstDiagnostics,
      indexedMs: indexed,
      keystrokeP50Ms: percentile(samples, 50),
      keystrokeP95Ms: percentile(samples, 95),
      keystrokes: samples.length,
      peakRssMb: peakRssMb(child.pid!),
    };
  } finally {
    // Shut down as an editor does, so profiles asked for in RBAC_BENCH_SERVER_ARGS are written.
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    await Promise.race([
      connection.sendRequest('shutdown').then(() => connection.sendNotification('exit')).then(() => exited),
      new Promise((done) => setTimeout(done, 10_000)),
    ]).catch(() => undefined);
    connection.dispose();
    child.kill();
  }
}

export interface LspRow {
  shape: LspShape;
  files: number;
}

/** The rows of the table (20 to 10,000 plain files; 50,000 with `large`), a Helm-heavy and a kustomize-heavy workspace. */
export function lspRows(large: boolean): LspRow[] {
  return [
    ...[20, 200, 2000, 10000, ...(large ? [50000] : [])].map((files): LspRow => ({ shape: 'plain', files })),
    { shape: 'helm', files: 2000 },
    { shape: 'kustomize', files: 2000 },
  ];
}

/** Generates (once) and measures each workspace, each with a server process of its own; prints and reports. */
export async function lspBench(out: string, rows: LspRow[], serverJs: string, report: BenchReport, keystrokes = 40): Promise<LspFigures[]> {
  const load = loadavg()[0].toFixed(1);
  console.log(`lsp                    bundled server over stdio: one file open, then ${keystrokes} keystrokes (a verb typo added, removed); load average ${load} on ${cpus().length} cores`);
  const measured: { row: LspRow; f: LspFigures }[] = [];
  for (const row of rows) {
    const workspace = lspWorkspace(resolve(out), row.shape, row.files);
    // Very large workspaces get fewer keystrokes: their figures are about a flat cost, not about noise.
    const count = row.files > 20000 ? Math.min(keystrokes, 20) : keystrokes;
    try {
      const f = await measureLsp(workspace, serverJs, count, Math.max(120_000, row.files * 40));
      measured.push({ row, f });
      const line = `first diagnostics of the open file ${seconds(f.firstDiagnosticsMs)}, all indexed ${seconds(f.indexedMs)}; keystroke → fresh diagnostics p50 ${f.keystrokeP50Ms.toFixed(0)} ms, p95 ${f.keystrokeP95Ms.toFixed(0)} ms (${f.keystrokes}); server peak RSS ${f.peakRssMb.toFixed(0)} MB`;
      console.log(`  ${workspace.description}`);
      console.log(`    ${line}`);
      report.add(`LSP stdio, ${workspace.description}`, `${line}; load average ${load}`);
    } catch (error) {
      console.log(`  ${workspace.description}: failed: ${(error as Error).message}`);
    }
  }
  const plain = measured.filter(({ row }) => row.shape === 'plain');
  const smallest = plain.find(({ row }) => row.files === 20)?.f;
  const tenThousand = plain.find(({ row }) => row.files === 10000)?.f;
  if (smallest && tenThousand) {
    console.log(`  keystroke median, 10,000 files vs 20 files: ${(tenThousand.keystrokeP50Ms / smallest.keystrokeP50Ms).toFixed(1)}x (${thousands(10000 / 20)}x the files)`);
  }
  return measured.map(({ f }) => f);
}
