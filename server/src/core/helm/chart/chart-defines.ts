import { parseDocument } from 'yaml';
import type { WorkspaceModel } from '../../model/workspace-model';
import { bodyCalls, type DefineCall } from '../template/define-calls';
import { isMapValue, type Value } from '../template/template-values';
import { helmInfo } from '../read/read-template';
import { chartFilesOf } from './chart-files';

/**
 * The defines a chart can include. Helm renders a chart with its subcharts as one template set, so a
 * define of any chart of the tree (the chart, the charts in its `charts/` folder, theirs) can be
 * included from any other. Known only when every chart of the tree is in the workspace.
 */
export interface DefineTree {
  root: string;
  known: Set<string>;
  /** Per define name, where its body is and the calls it makes whenever it is rendered. */
  bodies: Map<string, { file: string; calls: DefineCall[] }>;
  /** Why the tree's defines are not all known (a dependency not in the workspace, a parent chart not read). */
  unknownBecause?: string;
  /** Subchart folders a `condition` or `tags` may switch off: Helm may not render their templates. */
  optional: Set<string>;
  /** Defines only files that `.helmignore` leaves out have, by name (the file): calls of them are not judged. */
  ignored: Map<string, string>;
}

/** One tree per top chart of the workspace, keyed by every chart folder in it. */
export function defineTrees(model: WorkspaceModel): Map<string, DefineTree> {
  const dirs = chartFilesOf(model).chartDirs();
  const byDir = new Map<string, DefineTree>();
  const trees = new Map<string, DefineTree>();
  for (const dir of [...dirs].sort()) {
    const root = rootOf(dir, dirs, (parent) => chartFilesOf(model).wasReadWhole(parent));
    let tree = trees.get(root.dir);
    if (!tree) {
      tree = { root: root.dir, known: new Set(), bodies: new Map(), unknownBecause: root.unknownBecause, optional: new Set(), ignored: new Map() };
      trees.set(root.dir, tree);
    }
    byDir.set(dir, tree);
    const context = chartFilesOf(model).contextOf(dir);
    for (const [name, entry] of context?.defines ?? []) {
      tree.known.add(name);
      if (!tree.bodies.has(name)) tree.bodies.set(name, { file: entry.file, calls: bodyCalls(entry.define) });
    }
    for (const [name, file] of chartFilesOf(model).ignoredDefines(dir)) if (!tree.ignored.has(name)) tree.ignored.set(name, file);
    const absent = absentDependencies(dir, context?.root.Chart ?? null, dirs, model);
    const archives = chartFilesOf(model).archivesOf(dir);
    for (const name of optionalDependencies(context?.root.Chart ?? null)) tree.optional.add(`${dir}/charts/${name}`);
    if (absent.length && !tree.unknownBecause) tree.unknownBecause = `its dependencies ${absent.join(', ')} are not in the workspace`;
    if (archives.length && !tree.unknownBecause) tree.unknownBecause = `its packaged subcharts ${archives.join(', ')} are not read`;
  }
  for (const file of model.allFiles()) {
    const helm = helmInfo(file);
    const tree = helm && byDir.get(helm.chartDir);
    if (!tree || !helm?.defines) continue;
    for (const body of helm.defines.bodies) {
      tree.known.add(body.name);
      if (!tree.bodies.has(body.name)) tree.bodies.set(body.name, { file: file.path, calls: body.calls });
    }
  }
  return byDir;
}

/** Names of the dependencies a chart renders only when a value or tag says so. */
function optionalDependencies(chart: Value): string[] {
  if (!isMapValue(chart) || !Array.isArray(chart.Dependencies)) return [];
  return chart.Dependencies.filter((d) => isMapValue(d) && (d.condition !== undefined || d.tags !== undefined))
    .map((d) => (isMapValue(d) && typeof d.name === 'string' ? d.name : '')).filter((n) => n !== '');
}

/** Whether a chart folder is, or sits inside, a subchart that may be switched off. */
export function mayBeOff(tree: DefineTree, dir: string): boolean {
  const normal = dir.replace(/\\/g, '/');
  return [...tree.optional].some((o) => normal === o.replace(/\\/g, '/') || normal.startsWith(`${o.replace(/\\/g, '/')}/`));
}

/** The top chart of a chart's tree: up through `<parent>/charts/<name>` while the parent is a chart. */
function rootOf(dir: string, dirs: Set<string>, readWhole: (parent: string) => boolean): { dir: string; unknownBecause?: string } {
  let current = dir;
  for (;;) {
    const match = /^(.*)[\\/]charts[\\/][^\\/]+$/.exec(current);
    if (!match) return { dir: current };
    // A parent read whole that has no Chart.yaml is no chart: a chart repository's `charts/` holds top charts.
    if (!dirs.has(match[1]) && readWhole(match[1])) return { dir: current };
    if (!dirs.has(match[1])) return { dir: current, unknownBecause: `it is a subchart of ${match[1]}, whose Chart.yaml is not in the workspace` };
    current = match[1];
  }
}

/** Dependencies a chart declares (Chart.yaml, or a v1 chart's requirements.yaml) whose chart is not in the workspace. */
export function absentDependencies(dir: string, chart: Value, dirs: Set<string>, model: WorkspaceModel): string[] {
  const declared: Value[] = [];
  if (isMapValue(chart) && Array.isArray(chart.Dependencies)) declared.push(...chart.Dependencies);
  const requirements = model.getFile(`${dir}/requirements.yaml`) ?? model.getFile(`${dir}\\requirements.yaml`);
  if (requirements) {
    const read = parseDocument(requirements.text, { prettyErrors: false }).toJS() as { dependencies?: Value[] } | null;
    if (read && Array.isArray(read.dependencies)) declared.push(...read.dependencies);
  }
  const normal = (p: string) => p.replace(/\\/g, '/');
  const present = new Set([...dirs].map(normal));
  // A subchart is found by its Chart.yaml name too: a packed one's folder is its archive (`charts/<name>-<version>.tgz`).
  for (const sub of dirs) {
    const match = /^(.*)\/charts\/[^/]+$/.exec(normal(sub));
    const name = match && match[1] === normal(dir) ? chartFilesOf(model).contextOf(sub)?.name : undefined;
    if (name) present.add(`${normal(dir)}/charts/${name}`);
  }
  const absent: string[] = [];
  for (const dependency of declared) {
    const name = isMapValue(dependency) && typeof dependency.name === 'string' ? dependency.name : '?';
    const repository = isMapValue(dependency) && typeof dependency.repository === 'string' ? dependency.repository : '';
    const local = repository.startsWith('file://') ? resolvePath(normal(dir), repository.slice('file://'.length)) : undefined;
    if (!present.has(`${normal(dir)}/charts/${name}`) && !(local && present.has(local))) absent.push(name);
  }
  return absent;
}

/** `dir` joined with a relative path, `.` and `..` resolved (forward slashes). */
function resolvePath(dir: string, relative: string): string {
  const parts = relative.startsWith('/') ? [''] : dir.split('/');
  for (const part of relative.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

/** A call, Helm certainly makes, of a define no chart of its tree has (that the workspace holds). */
export interface MissingDefineCall {
  tree: DefineTree;
  file: string;
  call: DefineCall;
}

/**
 * Every certain call of an unknown define: from each template's own rendering, then through the
 * unconditional calls of the defines it includes (each define followed once per tree).
 */
export function missingDefineCalls(model: WorkspaceModel): MissingDefineCall[] {
  const trees = defineTrees(model);
  const out: MissingDefineCall[] = [];
  const seen = new Set<string>();
  const followed = new Map<DefineTree, Set<string>>();
  for (const file of model.allFiles()) {
    const helm = helmInfo(file);
    const tree = helm && trees.get(helm.chartDir);
    // A subchart that values may switch off renders nothing for certain.
    if (!tree || !helm?.defines || mayBeOff(tree, helm.chartDir)) continue;
    const names = followed.get(tree) ?? new Set<string>();
    followed.set(tree, names);
    const queue = helm.defines.calls.map((call) => ({ file: file.path, call }));
    while (queue.length) {
      const { file: at, call } = queue.shift()!;
      if (!tree.known.has(call.name)) {
        const key = `${at}\u0000${call.start}`;
        if (!seen.has(key)) out.push({ tree, file: at, call });
        seen.add(key);
        continue;
      }
      if (names.has(call.name)) continue;
      names.add(call.name);
      const body = tree.bodies.get(call.name);
      for (const inner of body?.calls ?? []) queue.push({ file: body!.file, call: inner });
    }
  }
  return out;
}
