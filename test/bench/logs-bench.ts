// Whole logs: a generated audit log and controller log read as `rbac-doctor forbidden @FILE` reads them
// (streamed), each in a child process so its peak RSS is its own. Half-size files show the growth.
import { spawnSync } from 'child_process';
import { closeSync, existsSync, mkdirSync, openSync, statSync, writeSync } from 'fs';
import { join } from 'path';
import { readLogFile } from '../../server/src/node/read-log-file';

const MB = 1024 * 1024;

/** One audit event line as kube-apiserver writes it (level Metadata); about 1 in 200 is a denial. */
function auditLine(i: number): string {
  const forbid = i % 200 === 0;
  // Denials vary by their own counter, so that they spread over subjects, namespaces, resources and verbs.
  const k = forbid ? i / 200 : i;
  const ns = `team-${k % 40}`;
  const sa = `system:serviceaccount:${ns}:app-${k % 7}`;
  const resource = ['pods', 'configmaps', 'secrets', 'deployments', 'leases'][k % 5];
  const group = resource === 'deployments' ? 'apps' : resource === 'leases' ? 'coordination.k8s.io' : '';
  const verb = ['get', 'list', 'watch', 'update', 'patch'][(k >> 3) % 5];
  const event = {
    kind: 'Event', apiVersion: 'audit.k8s.io/v1', level: 'Metadata', auditID: `0b6c1e5a-${i.toString(16).padStart(8, '0')}-4000-8000-000000000000`,
    stage: 'ResponseComplete', requestURI: `/api${group ? `s/${group}` : ''}/v1/namespaces/${ns}/${resource}?limit=500`, verb,
    user: { username: sa, uid: '3f1c', groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated'] },
    sourceIPs: ['10.244.1.17'], userAgent: 'manager/v0.0.0 (linux/amd64) kubernetes/$Format',
    objectRef: { resource, namespace: ns, ...(group ? { apiGroup: group } : {}), apiVersion: 'v1' },
    responseStatus: forbid ? { metadata: {}, status: 'Failure', message: `${resource} is forbidden`, reason: 'Forbidden', code: 403 } : { metadata: {}, code: 200 },
    requestReceivedTimestamp: '2026-11-29T10:00:00.000000Z', stageTimestamp: '2026-11-29T10:00:00.002000Z',
    annotations: { 'authorization.k8s.io/decision': forbid ? 'forbid' : 'allow', 'authorization.k8s.io/reason': forbid ? '' : `RBAC: allowed by RoleBinding "app/${ns}" of Role "app" to ServiceAccount "app/${ns}"` },
  };
  return `${JSON.stringify(event)}\n`;
}

/** A controller's klog output; about 1 line in 50 is a reflector's or leader election's 403. */
function controllerLine(i: number): string {
  const ns = `team-${i % 40}`;
  if (i % 50 === 0) {
    const resource = ['pods', 'configmaps', 'secrets', 'services'][i % 4];
    return `E1129 10:00:${String(i % 60).padStart(2, '0')}.000000       1 reflector.go:147] k8s.io/client-go/informers/factory.go:159: Failed to watch *v1.Object: failed to list *v1.Object: ${resource} is forbidden: User "system:serviceaccount:ctrl:manager" cannot list resource "${resource}" in API group "" in the namespace "${ns}"\n`;
  }
  return `I1129 10:00:${String(i % 60).padStart(2, '0')}.000000       1 controller.go:123] "Reconciling" object="${ns}/web-${i % 97}" generation=${i % 13} duration="12.3ms"\n`;
}

function generate(path: string, bytes: number, line: (i: number) => string): void {
  if (existsSync(path) && statSync(path).size >= bytes) return;
  const fd = openSync(path, 'w');
  let written = 0;
  let chunk: string[] = [];
  let chunkLength = 0;
  for (let i = 0; written + chunkLength < bytes; i++) {
    const text = line(i);
    chunk.push(text);
    chunkLength += text.length;
    if (chunkLength > MB) {
      written += writeSync(fd, chunk.join(''));
      chunk = [];
      chunkLength = 0;
    }
  }
  if (chunk.length) writeSync(fd, chunk.join(''));
  closeSync(fd);
}

/** Child mode: read one file and report time, peak RSS and what was found, as JSON. */
export async function readOneLog(path: string): Promise<void> {
  const start = process.hrtime.bigint();
  const reading = await readLogFile(path);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const cpu = process.cpuUsage();
  console.log(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, rssMb: process.resourceUsage().maxRSS / 1024, denials: reading.denials.length, lines: reading.lines, auditEvents: reading.auditEvents }));
}

export function logsBench(dir: string, benchScript: string): void {
  mkdirSync(dir, { recursive: true });
  const files = [
    { name: 'audit-100mb.jsonl', bytes: 100 * MB, line: auditLine },
    { name: 'audit-200mb.jsonl', bytes: 200 * MB, line: auditLine },
    { name: 'controller-25mb.log', bytes: 25 * MB, line: controllerLine },
    { name: 'controller-50mb.log', bytes: 50 * MB, line: controllerLine },
  ];
  const results = new Map<string, { ms: number; cpuMs: number; rssMb: number; denials: number; lines: number; auditEvents: number }>();
  for (const file of files) {
    const path = join(dir, file.name);
    generate(path, file.bytes, file.line);
    const child = spawnSync(process.execPath, [benchScript, '--read-log', path], { encoding: 'utf8', maxBuffer: 16 * MB });
    if (child.status !== 0) throw new Error(`reading ${path} failed: ${child.stderr}`);
    const result = JSON.parse(child.stdout.trim().split('\n').pop()!);
    results.set(file.name, result);
    const mb = statSync(path).size / MB;
    console.log(`log ${file.name.padEnd(20)} ${mb.toFixed(0)} MB, ${result.lines} lines${result.auditEvents ? ` (${result.auditEvents} audit events)` : ''}: ${(result.ms / 1000).toFixed(2)} s wall, ${(result.cpuMs / 1000).toFixed(2)} s CPU (${(mb / (result.cpuMs / 1000)).toFixed(0)} MB/s of CPU), ${result.denials} distinct denials, peak RSS ${result.rssMb.toFixed(0)} MB`);
  }
  const ratio = (a: string, b: string) => (results.get(b)!.cpuMs / results.get(a)!.cpuMs).toFixed(2);
  console.log(`log growth (CPU time)  audit 100→200 MB ×${ratio('audit-100mb.jsonl', 'audit-200mb.jsonl')}, controller 25→50 MB ×${ratio('controller-25mb.log', 'controller-50mb.log')} (linear: ×2)`);
}
